import type { Attachment, Message } from '@kefu/protocol'
import { type PendingMessage, sendReply } from '../inbox/state.ts'
import { t, useLocale } from '../lib/i18n.ts'
import { shortTime } from '../lib/time.ts'
import { Icon } from './icons.tsx'

/** An image as a thumbnail, anything else (PDF) as a named link; both through the signed URL. */
export function AttachmentView({ a }: { a: Attachment }) {
  if (a.contentType.startsWith('image/')) {
    return (
      <a class="attachment-image" href={a.url} target="_blank" rel="noopener noreferrer" title={a.name}>
        <img src={a.url} alt={a.name} loading="lazy" />
      </a>
    )
  }
  return (
    <a class="attachment-file" href={a.url} target="_blank" rel="noopener noreferrer">
      <Icon name="file" size={16} />
      <span>{a.name}</span>
      <small>{Math.max(1, Math.round(a.size / 1024))} KB</small>
    </a>
  )
}

/** One message. Text is rendered as text, never HTML: buyers and shops wrote it. */
export function MessageBubble({
  message: m,
  mine,
  receipt,
}: {
  message: Message
  mine: boolean
  receipt?: 'read' | 'sent' | undefined
}) {
  const locale = useLocale()
  if (m.author.type === 'system') {
    return (
      <div
        class={m.internal ? 'system-line internal' : 'system-line'}
        title={m.internal ? t('thread.note') : undefined}
      >
        {m.text}
      </div>
    )
  }
  const side = m.internal ? 'note' : m.author.type === 'visitor' ? 'in' : 'out'
  const who = m.internal
    ? `${t('thread.note')} · ${m.author.name ?? ''}`
    : m.author.type === 'bot'
      ? t('thread.bot')
      : m.author.type === 'agent'
        ? (m.author.name ?? '')
        : ''
  return (
    <div
      class={`msg msg-${side} ${m.author.type === 'bot' ? 'msg-bot' : ''} ${mine ? 'mine' : ''}`}
      data-testid="message"
      data-seq={m.seq}
    >
      <div class="bubble">
        {who && (
          <div class="msg-author">
            {m.internal && <Icon name="note" size={12} />}
            {who}
          </div>
        )}
        {m.text && <div class="msg-text">{m.text}</div>}
        {m.attachments.length > 0 && (
          <div class="attachments">
            {m.attachments.map((a) => (
              <AttachmentView key={a.id} a={a} />
            ))}
          </div>
        )}
      </div>
      <div class="msg-meta">
        <time>{shortTime(m.createdAt, locale)}</time>
        {receipt && (
          <span class={`receipt ${receipt}`} data-testid="receipt">
            <Icon name={receipt === 'read' ? 'checks' : 'check'} size={13} />
            {t(receipt === 'read' ? 'thread.read' : 'thread.sent')}
          </span>
        )}
      </div>
    </div>
  )
}

export function PendingBubble({
  conversationId,
  pending,
}: {
  conversationId: string
  pending: PendingMessage
}) {
  return (
    <div class={`msg ${pending.internal ? 'msg-note' : 'msg-out'} pending ${pending.failed ? 'failed' : ''}`}>
      <div class="bubble">
        <div class="msg-text">{pending.text}</div>
      </div>
      <div class="msg-meta">
        {pending.failed ? (
          <button
            type="button"
            class="link-button danger"
            onClick={() => void sendReply(conversationId, pending)}
          >
            <Icon name="alert" size={13} />
            {t('thread.failed')}
          </button>
        ) : (
          <span>{t('thread.sending')}</span>
        )}
      </div>
    </div>
  )
}

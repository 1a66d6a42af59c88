import type { Message } from '@kefu/protocol'
import type { Locale } from '../../shared/locale.ts'
import type { strings } from '../i18n.ts'
import { messageTime } from '../time.ts'
import { AttachmentList } from './AttachmentList.tsx'
import { Icon } from './Icon.tsx'
import { MessageText } from './MessageText.tsx'
import { BotAnswer } from './slots/BotAnswer.tsx'

interface MessageItemProps {
  message: Message
  /** First of a run by the same author: show who wrote it. */
  showAuthor: boolean
  /** The highest seq the shop's agents have read, for ✓ / ✓✓ on the buyer's own messages. */
  readByAgent: number
  locale: Locale
  t: ReturnType<typeof strings>
}

/** One stored message. Agents' messages carry the "official support" mark; nobody else can produce it. */
export function MessageItem({ message, showAuthor, readByAgent, locale, t }: MessageItemProps) {
  const { author } = message
  const mine = author.type === 'visitor'
  const time = messageTime(message.createdAt, locale)
  if (author.type === 'bot') return <BotAnswer message={message} t={t} />
  if (author.type === 'system') return <p class="system-note">{message.text}</p>
  const read = message.seq <= readByAgent
  return (
    <div class={`msg-row ${mine ? 'mine' : 'theirs'}`} data-author={author.type}>
      {showAuthor && !mine && (
        <div class="author">
          <span>{author.name ?? t.support}</span>
          <span class="official" title={t.officialHint}>
            <Icon name="shield" size={13} />
            {t.official}
          </span>
        </div>
      )}
      {message.text && (
        <div class="bubble">
          <MessageText text={message.text} />
        </div>
      )}
      <AttachmentList attachments={message.attachments} t={t} />
      <div class="meta">
        <span class="sr-only">{mine ? t.you : (author.name ?? t.support)}</span>
        <time dateTime={message.createdAt}>{time}</time>
        {mine && (
          <span class={`ticks${read ? ' read' : ''}`} title={read ? t.read : t.sent}>
            <span aria-hidden="true">{read ? '✓✓' : '✓'}</span>
            <span class="sr-only">{read ? t.read : t.sent}</span>
          </span>
        )}
      </div>
    </div>
  )
}

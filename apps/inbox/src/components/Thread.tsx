import type { Conversation, MeResponse } from '@kefu/protocol'
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks'
import { inbox, loadMessages } from '../inbox/state.ts'
import { t } from '../lib/i18n.ts'
import { useStore } from '../lib/store.ts'
import { Composer } from './Composer.tsx'
import { Icon } from './icons.tsx'
import { MessageBubble, PendingBubble } from './MessageBubble.tsx'
import { ThreadHeader } from './ThreadHeader.tsx'

export function Thread({ me, conversation }: { me: MeResponse; conversation: Conversation | null }) {
  const s = useStore(inbox)
  const scroller = useRef<HTMLDivElement>(null)
  const id = conversation?.id
  const messages = id ? (s.messages[id] ?? []) : []
  const pending = id ? (s.pending[id] ?? []) : []
  const typing = id ? s.typing[id] : undefined
  const lastCount = useRef(0)

  // Stick to the bottom when new messages arrive (and on opening a conversation).
  useLayoutEffect(() => {
    const el = scroller.current
    if (!el) return
    const count = messages.length + pending.length
    const nearBottom = el.scrollHeight - el.scrollTop - el.clientHeight < 160
    if (count !== lastCount.current && (nearBottom || lastCount.current === 0)) el.scrollTop = el.scrollHeight
    lastCount.current = count
  })
  useEffect(() => {
    lastCount.current = 0
  }, [id])

  if (!conversation) {
    return (
      <section class="thread">
        <div class="empty">
          <Icon name="chat" size={34} />
          <strong>{t('thread.pick')}</strong>
          <span>{t('thread.pickHint')}</span>
        </div>
      </section>
    )
  }

  // The last agent reply the buyer has read gets the "Read" mark.
  const lastPublicAgent = [...messages].reverse().find((m) => m.author.type === 'agent' && !m.internal)
  const showTyping = typing && typing.until > Date.now()

  return (
    <section class="thread" aria-label={t('nav.inbox')}>
      <ThreadHeader conversation={conversation} me={me} />
      <div class="messages" ref={scroller} data-testid="messages">
        {s.olderBefore[conversation.id] && (
          <button
            type="button"
            class="link-button older"
            onClick={() => void loadMessages(conversation.id, true)}
          >
            {t('thread.older')}
          </button>
        )}
        {messages.map((m) => (
          <MessageBubble
            key={m.id}
            message={m}
            mine={m.author.id === me.agent.id}
            receipt={
              m.id === lastPublicAgent?.id
                ? conversation.readByVisitor >= m.seq
                  ? 'read'
                  : 'sent'
                : undefined
            }
          />
        ))}
        {pending.map((p) => (
          <PendingBubble key={p.clientId} conversationId={conversation.id} pending={p} />
        ))}
        {showTyping && (
          <div class="typing" data-testid="typing">
            <span class="dots">
              <i />
              <i />
              <i />
            </span>
            {t('thread.typing', { name: typing.name })}
          </div>
        )}
      </div>
      <Composer conversation={conversation} />
    </section>
  )
}

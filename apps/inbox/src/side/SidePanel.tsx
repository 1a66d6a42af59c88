import type { Conversation, VisitorContext } from '@kefu/protocol'
import { useEffect, useState } from 'preact/hooks'
import { Icon } from '../components/icons.tsx'
import { select } from '../inbox/state.ts'
import { api } from '../lib/api.ts'
import { t, useLocale } from '../lib/i18n.ts'
import { dateTime, shortTime } from '../lib/time.ts'
import { OrderPanel } from './OrderPanel.tsx'
import { TicketPanel } from './TicketPanel.tsx'
import { VisitorCard } from './VisitorCard.tsx'

/** The buyer beside the thread: who, where they are, their history, and the order and ticket. */
export function SidePanel({ conversation }: { conversation: Conversation | null }) {
  const locale = useLocale()
  const [context, setContext] = useState<VisitorContext | null>(null)
  const id = conversation?.id
  const visitorKey = conversation
    ? `${conversation.visitor.id}:${conversation.visitor.verified}:${conversation.visitor.name}`
    : ''

  useEffect(() => {
    setContext(null)
    if (!id) return
    let live = true
    void api<VisitorContext>(`/v1/conversations/${id}/visitor`)
      .then((ctx) => live && setContext(ctx))
      .catch(() => {})
    return () => {
      live = false
    }
  }, [id, visitorKey])

  if (!conversation) return <aside class="side" />
  const [current, ...recent] = context?.pages ?? []

  return (
    <aside class="side" data-testid="side-panel">
      <VisitorCard conversation={conversation} context={context} />

      <section class="panel">
        <h3>{t('side.currentPage')}</h3>
        {current ? (
          <a
            class="page-link current"
            href={current.url}
            target="_blank"
            rel="noopener noreferrer"
            title={current.url}
          >
            <Icon name="link" size={14} />
            <span>
              <strong>{current.title ?? new URL(current.url).pathname}</strong>
              <small>{current.url}</small>
            </span>
          </a>
        ) : (
          <p class="muted">{t('side.noPages')}</p>
        )}
        {recent.length > 0 && (
          <>
            <h4>{t('side.recentPages')}</h4>
            <ul class="pages">
              {recent.slice(0, 5).map((p) => (
                <li key={`${p.url}-${p.at}`}>
                  <a href={p.url} target="_blank" rel="noopener noreferrer" title={p.url}>
                    {p.title ?? p.url}
                  </a>
                  <time>{shortTime(p.at, locale)}</time>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <OrderPanel conversationId={conversation.id} visitor={context?.visitor ?? null} />
      <TicketPanel conversationId={conversation.id} />

      <section class="panel">
        <h3>{t('side.past')}</h3>
        {context && context.pastConversations.length === 0 && <p class="muted">{t('side.noPast')}</p>}
        <ul class="past">
          {context?.pastConversations.map((p) => (
            <li key={p.id}>
              <button type="button" onClick={() => select(p.id)} title={dateTime(p.createdAt, locale)}>
                <span class={`status-dot status-${p.status}`} />
                <span class="past-text">{p.lastMessage ?? '—'}</span>
                <time>{shortTime(p.updatedAt, locale)}</time>
              </button>
            </li>
          ))}
        </ul>
      </section>
    </aside>
  )
}

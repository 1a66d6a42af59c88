import type { ConversationStatus, MeResponse } from '@kefu/protocol'
import { useEffect, useState } from 'preact/hooks'
import { inbox, loadConversations, setFilters, type View } from '../inbox/state.ts'
import { t } from '../lib/i18n.ts'
import { useStore } from '../lib/store.ts'
import { ConversationRow } from './ConversationRow.tsx'
import { Icon } from './icons.tsx'

const views: View[] = ['unassigned', 'mine', 'all']
const statuses: ConversationStatus[] = ['open', 'pending', 'resolved']

/** Re-renders every 30 s so waiting times stay true without any event. */
function useClock(ms = 30_000): number {
  const [now, setNow] = useState(Date.now())
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms)
    return () => clearInterval(id)
  }, [ms])
  return now
}

export function ConversationList({ me }: { me: MeResponse }) {
  const s = useStore(inbox)
  const now = useClock()
  const [q, setQ] = useState(s.q)

  useEffect(() => {
    if (q === inbox.get().q) return
    const id = setTimeout(() => setFilters({ q }), 250)
    return () => clearTimeout(id)
  }, [q])

  return (
    <section class="list" aria-label={t('nav.inbox')}>
      <div class="list-head">
        <div class="tabs" role="tablist">
          {views.map((v) => (
            <button
              type="button"
              role="tab"
              key={v}
              aria-selected={s.view === v}
              class={s.view === v ? 'on' : ''}
              onClick={() => setFilters({ view: v })}
            >
              {t(`view.${v}`)}
            </button>
          ))}
        </div>
        <div class="list-tools">
          <label class="search">
            <Icon name="search" size={15} />
            <input
              type="search"
              placeholder={t('list.search')}
              value={q}
              onInput={(e) => setQ(e.currentTarget.value)}
              aria-label={t('list.search')}
            />
          </label>
          <select
            class="status-select"
            aria-label={t('status.any')}
            value={s.status ?? ''}
            onChange={(e) =>
              setFilters({ status: (e.currentTarget.value || null) as ConversationStatus | null })
            }
          >
            <option value="">{t('status.any')}</option>
            {statuses.map((st) => (
              <option key={st} value={st}>
                {t(`status.${st}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <ul class="rows" data-testid="conversation-list">
        {s.conversations.map((c) => (
          <ConversationRow key={c.id} conversation={c} selected={c.id === s.selectedId} me={me} now={now} />
        ))}
      </ul>
      {s.conversations.length === 0 && !s.loadingList && (
        <div class="empty small">
          <Icon name="inbox" size={28} />
          <strong>{t('list.empty')}</strong>
          <span>{t('list.emptyHint')}</span>
        </div>
      )}
      {s.nextCursor && (
        <button type="button" class="link-button more" onClick={() => void loadConversations(true)}>
          {t('list.more')}
        </button>
      )}
    </section>
  )
}

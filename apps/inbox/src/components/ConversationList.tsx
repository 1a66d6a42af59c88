import type { ConversationStatus, MeResponse } from '@kefu/protocol'
import { useEffect, useState } from 'preact/hooks'
import { inbox, loadConversations, setFilters, type View } from '../inbox/state.ts'
import { t } from '../lib/i18n.ts'
import { useStore } from '../lib/store.ts'
import { ConversationRow } from './ConversationRow.tsx'
import { Icon } from './icons.tsx'
import { FilterSelect, SearchBox, ViewTabs } from './ListFilters.tsx'

const views: View[] = ['unassigned', 'mine', 'all']
const statuses: Array<ConversationStatus | ''> = ['', 'open', 'pending', 'resolved']
const search = (q: string) => setFilters({ q })

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

  return (
    <section class="list" aria-label={t('nav.inbox')}>
      <div class="list-head">
        <ViewTabs views={views} value={s.view} onChange={(view) => setFilters({ view })} />
        <div class="list-tools">
          <SearchBox value={s.q} placeholder={t('list.search')} onSearch={search} />
          <FilterSelect
            label={t('status.any')}
            values={statuses}
            value={s.status ?? ''}
            optionLabel={(st) => (st ? t(`status.${st}`) : t('status.any'))}
            onChange={(st) => setFilters({ status: st || null })}
          />
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

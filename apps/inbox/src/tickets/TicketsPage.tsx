import {
  type MeResponse,
  type TicketCategory,
  type TicketPriority,
  type TicketStatus,
  ticketCategories,
  ticketPriorities,
} from '@kefu/protocol'
import { useEffect } from 'preact/hooks'
import { Icon } from '../components/icons.tsx'
import { FilterSelect, SearchBox, ViewTabs } from '../components/ListFilters.tsx'
import { t } from '../lib/i18n.ts'
import { useStore } from '../lib/store.ts'
import { errorText } from '../pages/AuthLayout.tsx'
import { followTickets, loadTickets, setTicketFilters, type TicketView, ticketList } from './list-state.ts'
import { TicketRow } from './TicketRow.tsx'
import { ticketStatuses } from './TicketSelect.tsx'

const views: TicketView[] = ['mine', 'unassigned', 'all']
const statuses: Array<TicketStatus | 'active'> = ['active', ...ticketStatuses]
const priorities: Array<TicketPriority | ''> = ['', ...ticketPriorities]
const categories: Array<TicketCategory | ''> = ['', ...ticketCategories]
const search = (q: string) => setTicketFilters({ q })

/** Every ticket of the shop, filtered, newest change first, live. */
export function TicketsPage({ me }: { me: MeResponse }) {
  const s = useStore(ticketList)

  useEffect(() => {
    void loadTickets()
    return followTickets()
  }, [])

  return (
    <div class="tickets-page">
      <header class="tickets-head">
        <h1>{t('tickets.title')}</h1>
        <ViewTabs
          views={views}
          value={s.view}
          testId="tickets-view"
          onChange={(view) => setTicketFilters({ view })}
        />
        <SearchBox value={s.q} name="q" placeholder={t('tickets.search')} onSearch={search} />
        <FilterSelect
          name="status"
          label={t('ticket.status')}
          values={statuses}
          value={s.status}
          optionLabel={(st) => (st === 'active' ? t('tickets.status.active') : t(`ticket.status.${st}`))}
          onChange={(status) => setTicketFilters({ status })}
        />
        <FilterSelect
          name="priority"
          label={t('ticket.priority')}
          values={priorities}
          value={s.priority ?? ''}
          optionLabel={(p) => (p ? t(`ticket.priority.${p}`) : t('tickets.anyPriority'))}
          onChange={(p) => setTicketFilters({ priority: p || null })}
        />
        <FilterSelect
          name="category"
          label={t('ticket.category')}
          values={categories}
          value={s.category ?? ''}
          optionLabel={(c) => (c ? t(`ticket.category.${c}`) : t('tickets.anyCategory'))}
          onChange={(c) => setTicketFilters({ category: c || null })}
        />
      </header>
      <div class="tickets-body">
        <div class="tk-row tk-columns" aria-hidden="true">
          <span>#</span>
          <span>{t('tickets.col.subject')}</span>
          <span>{t('ticket.category')}</span>
          <span>{t('ticket.priority')}</span>
          <span>{t('ticket.status')}</span>
          <span>{t('ticket.assignee')}</span>
          <span>{t('tickets.col.buyer')}</span>
          <span>{t('tickets.col.updated')}</span>
        </div>
        {s.error !== null && <p class="notice error">{errorText(s.error)}</p>}
        <ul class="tk-rows" data-testid="ticket-list" data-loading={s.loading}>
          {s.tickets.map((ticket) => (
            <TicketRow key={ticket.id} ticket={ticket} me={me} />
          ))}
        </ul>
        {s.tickets.length === 0 && !s.loading && s.error === null && (
          <div class="empty small" data-testid="tickets-empty">
            <Icon name="ticket" size={28} />
            <strong>{t('tickets.empty')}</strong>
            <span>{t('tickets.emptyHint')}</span>
          </div>
        )}
        {s.nextCursor && (
          <button type="button" class="link-button more" onClick={() => void loadTickets(true)}>
            {t('tickets.more')}
          </button>
        )}
      </div>
    </div>
  )
}

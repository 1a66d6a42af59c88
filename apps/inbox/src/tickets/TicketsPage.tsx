import {
  type MeResponse,
  type TicketCategory,
  type TicketPriority,
  type TicketStatus,
  ticketCategories,
  ticketPriorities,
} from '@kefu/protocol'
import { useEffect, useState } from 'preact/hooks'
import { Icon } from '../components/icons.tsx'
import { t } from '../lib/i18n.ts'
import { useStore } from '../lib/store.ts'
import { errorText } from '../pages/AuthLayout.tsx'
import { followTickets, loadTickets, setTicketFilters, type TicketView, ticketList } from './list-state.ts'
import { TicketRow } from './TicketRow.tsx'

const views: TicketView[] = ['mine', 'unassigned', 'all']
const statuses: Array<TicketStatus | 'active'> = [
  'active',
  'new',
  'open',
  'pending',
  'on_hold',
  'solved',
  'closed',
]

/** Every ticket of the shop, filtered, newest change first, live. */
export function TicketsPage({ me }: { me: MeResponse }) {
  const s = useStore(ticketList)
  const [q, setQ] = useState(s.q)

  useEffect(() => {
    void loadTickets()
    return followTickets()
  }, [])

  useEffect(() => {
    if (q === ticketList.get().q) return
    const id = setTimeout(() => setTicketFilters({ q }), 250)
    return () => clearTimeout(id)
  }, [q])

  return (
    <div class="tickets-page">
      <header class="tickets-head">
        <h1>{t('tickets.title')}</h1>
        <div class="tabs" role="tablist">
          {views.map((v) => (
            <button
              type="button"
              role="tab"
              key={v}
              aria-selected={s.view === v}
              class={s.view === v ? 'on' : ''}
              data-testid={`tickets-view-${v}`}
              onClick={() => setTicketFilters({ view: v })}
            >
              {t(`view.${v}`)}
            </button>
          ))}
        </div>
        <label class="search">
          <Icon name="search" size={15} />
          <input
            type="search"
            name="q"
            placeholder={t('tickets.search')}
            aria-label={t('tickets.search')}
            value={q}
            onInput={(e) => setQ(e.currentTarget.value)}
          />
        </label>
        <select
          class="status-select"
          name="status"
          aria-label={t('ticket.status')}
          value={s.status}
          onChange={(e) => setTicketFilters({ status: e.currentTarget.value as TicketStatus | 'active' })}
        >
          {statuses.map((st) => (
            <option key={st} value={st}>
              {st === 'active' ? t('tickets.status.active') : t(`ticket.status.${st}`)}
            </option>
          ))}
        </select>
        <select
          class="status-select"
          name="priority"
          aria-label={t('ticket.priority')}
          value={s.priority ?? ''}
          onChange={(e) =>
            setTicketFilters({ priority: (e.currentTarget.value || null) as TicketPriority | null })
          }
        >
          <option value="">{t('tickets.anyPriority')}</option>
          {ticketPriorities.map((p) => (
            <option key={p} value={p}>
              {t(`ticket.priority.${p}`)}
            </option>
          ))}
        </select>
        <select
          class="status-select"
          name="category"
          aria-label={t('ticket.category')}
          value={s.category ?? ''}
          onChange={(e) =>
            setTicketFilters({ category: (e.currentTarget.value || null) as TicketCategory | null })
          }
        >
          <option value="">{t('tickets.anyCategory')}</option>
          {ticketCategories.map((c) => (
            <option key={c} value={c}>
              {t(`ticket.category.${c}`)}
            </option>
          ))}
        </select>
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

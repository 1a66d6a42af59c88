import type { MeResponse, Ticket } from '@kefu/protocol'
import { visitorName } from '../inbox/visitor-name.ts'
import { t, useLocale } from '../lib/i18n.ts'
import { navigate } from '../lib/router.ts'
import { dateTime, shortTime } from '../lib/time.ts'
import { PriorityBadge, TicketStatusPill } from './badges.tsx'

/** One ticket in the list; opening it opens its conversation in the inbox. */
export function TicketRow({ ticket, me }: { ticket: Ticket; me: MeResponse }) {
  const locale = useLocale()
  const conversation = ticket.conversationId
  const cells = (
    <>
      <span class="tk-number">#{ticket.number}</span>
      <span class="tk-subject" title={ticket.subject}>
        {ticket.subject}
      </span>
      <span class="tk-category">{t(`ticket.category.${ticket.category}`)}</span>
      <span>
        <PriorityBadge priority={ticket.priority} />
      </span>
      <span>
        <TicketStatusPill status={ticket.status} />
      </span>
      <span class={`tk-assignee ${ticket.assignee ? '' : 'muted'}`}>
        {ticket.assignee
          ? ticket.assignee.id === me.agent.id
            ? `${ticket.assignee.name} (${t('team.you')})`
            : ticket.assignee.name
          : t('ticket.unassigned')}
      </span>
      <span class="tk-buyer">{ticket.visitor ? visitorName(ticket.visitor) : '—'}</span>
      <time class="tk-updated" title={dateTime(ticket.updatedAt, locale)}>
        {shortTime(ticket.updatedAt, locale)}
      </time>
    </>
  )
  return (
    <li>
      {conversation ? (
        <a
          class="tk-row"
          href={`/inbox/c/${conversation}`}
          data-testid="ticket-row"
          data-number={ticket.number}
          onClick={(e) => {
            if (e.metaKey || e.ctrlKey || e.shiftKey) return
            e.preventDefault()
            navigate(`/c/${conversation}`)
          }}
        >
          {cells}
        </a>
      ) : (
        <div
          class="tk-row"
          data-testid="ticket-row"
          data-number={ticket.number}
          title={t('tickets.noConversation')}
        >
          {cells}
        </div>
      )}
    </li>
  )
}

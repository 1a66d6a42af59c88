import type { Ticket, TicketPriority, TicketStatus } from '@kefu/protocol'
import { Icon } from '../components/icons.tsx'
import { t } from '../lib/i18n.ts'

export function TicketStatusPill({ status }: { status: TicketStatus }) {
  return (
    <span class={`status-pill ts-${status}`} data-testid="ticket-status" data-status={status}>
      {t(`ticket.status.${status}`)}
    </span>
  )
}

/** Urgent in red, high in orange; normal and low stay quiet. */
export function PriorityBadge({ priority }: { priority: TicketPriority }) {
  return (
    <span class={`priority tp-${priority}`} data-testid="ticket-priority" data-priority={priority}>
      {t(`ticket.priority.${priority}`)}
    </span>
  )
}

/** "#1024 · 处理中": the ticket at a glance, e.g. beside a conversation's name. */
export function TicketBadge({ ticket, onClick }: { ticket: Ticket; onClick?: () => void }) {
  return (
    <button
      type="button"
      class={`ticket-badge ts-${ticket.status}`}
      data-testid="ticket-badge"
      title={ticket.subject}
      onClick={onClick}
    >
      <Icon name="ticket" size={12} />#{ticket.number} · {t(`ticket.status.${ticket.status}`)}
    </button>
  )
}

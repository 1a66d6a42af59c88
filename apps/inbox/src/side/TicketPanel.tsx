import { doneTicketStatuses, type TicketDetail, type UpdateTicket } from '@kefu/protocol'
import { useEffect, useState } from 'preact/hooks'
import { Icon } from '../components/icons.tsx'
import { AttachmentView } from '../components/MessageBubble.tsx'
import { t, useLocale } from '../lib/i18n.ts'
import { errorText } from '../pages/AuthLayout.tsx'
import { PriorityBadge, TicketStatusPill } from '../tickets/badges.tsx'
import { addTicketNote, updateTicket, useConversationTicket } from '../tickets/conversation-ticket.ts'
import { compactTime } from './order-format.ts'
import { TicketCreateForm } from './TicketCreateForm.tsx'
import { TicketFields } from './TicketFields.tsx'
import { TicketOrders } from './TicketOrders.tsx'
import { TicketTimeline } from './TicketTimeline.tsx'

const isDone = (ticket: TicketDetail) => (doneTicketStatuses as readonly string[]).includes(ticket.status)

/**
 * The conversation's ticket in the side panel: a prefilled form when there is none (or the last
 * one is done and the agent opens another), else its fields, orders and timeline, kept live.
 */
export function TicketPanel({ conversationId }: { conversationId: string }) {
  const { data, error } = useConversationTicket(conversationId)
  const [creating, setCreating] = useState(false)
  const ticket = data?.ticket ?? null
  useEffect(() => setCreating(false), [conversationId, ticket?.id])

  return (
    <section class="panel ticket-panel" data-testid="ticket-panel" data-ticket={ticket?.number}>
      <h3>
        <Icon name="ticket" size={15} />
        {t('ticket.title')}
      </h3>
      {error !== undefined && !data && <p class="notice error">{errorText(error)}</p>}
      {!data && error === undefined && <div class="order-skeleton" />}
      {data && (!ticket || creating) && (
        <TicketCreateForm
          key={`${conversationId}:${ticket?.id ?? ''}`}
          conversationId={conversationId}
          suggestion={data.suggestion}
          onCancel={ticket ? () => setCreating(false) : undefined}
          onCreated={() => setCreating(false)}
        />
      )}
      {ticket && !creating && (
        <TicketCard conversationId={conversationId} ticket={ticket} onNew={() => setCreating(true)} />
      )}
    </section>
  )
}

function TicketCard({
  conversationId,
  ticket,
  onNew,
}: {
  conversationId: string
  ticket: TicketDetail
  onNew: () => void
}) {
  const locale = useLocale()
  const update = (change: UpdateTicket) => updateTicket(conversationId, ticket.id, change)
  return (
    <div class="ticket-card" data-testid="ticket-card" data-status={ticket.status}>
      <header class="ticket-head">
        <strong class="ticket-number" data-testid="ticket-number">
          #{ticket.number}
        </strong>
        <TicketStatusPill status={ticket.status} />
        <PriorityBadge priority={ticket.priority} />
      </header>
      <p class="ticket-subject" data-testid="ticket-subject">
        {ticket.subject}
      </p>
      <small class="muted" title={ticket.createdAt}>
        {t('ticket.openedAt', { time: compactTime(ticket.createdAt, locale) })}
      </small>
      {isDone(ticket) && (
        <div class="ticket-done">
          <span>{t('ticket.doneHint', { status: t(`ticket.status.${ticket.status}`) })}</span>
          <button type="button" class="button small" data-testid="ticket-new" onClick={onNew}>
            <Icon name="ticket" size={13} />
            {t('ticket.new')}
          </button>
        </div>
      )}
      <TicketFields ticket={ticket} update={update} />
      <TicketOrders orderNos={ticket.orderNos} locked={ticket.status === 'closed'} update={update} />
      {ticket.evidence.length > 0 && (
        <div class="ticket-evidence" data-testid="ticket-evidence">
          <span class="ticket-label">{t('ticket.evidence')}</span>
          <div class="attachments">
            {ticket.evidence.map((a) => (
              <AttachmentView key={a.id} a={a} />
            ))}
          </div>
        </div>
      )}
      <TicketTimeline
        events={ticket.events}
        addNote={(text) => addTicketNote(conversationId, ticket.id, text)}
      />
    </div>
  )
}

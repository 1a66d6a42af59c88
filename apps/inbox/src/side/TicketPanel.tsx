import type { TicketStatus } from '@kefu/protocol/shop'
import { Icon } from '../components/icons.tsx'
import { t } from '../lib/i18n.ts'

/**
 * The ticket fields' place in the side panel. Contract for whoever fills it in:
 * - `conversationId`: the open conversation.
 * - `ticket`: the conversation's ticket, `undefined` while loading or when there is none.
 *   Its fields (category, priority, status, assignee, SLA due times, linked orders) are edited
 *   here through the tickets API; the server checks permissions.
 * - `onCreate`: turn the conversation into a ticket (shown in the empty state when given).
 */
export interface TicketPanelProps {
  conversationId: string
  ticket:
    | {
        id: string
        status: TicketStatus
        category: string
        priority: 'low' | 'normal' | 'high' | 'urgent'
        slaDueAt: string | null
      }
    | undefined
  onCreate?: () => void
}

export function TicketPanel({ ticket, onCreate }: TicketPanelProps) {
  return (
    <section class="panel reserved" data-testid="ticket-panel">
      <h3>
        <Icon name="ticket" size={15} />
        {t('ticket.title')}
      </h3>
      {!ticket && (
        <div class="reserved-empty">
          <strong>{t('ticket.empty')}</strong>
          <span>{t('ticket.emptyHint')}</span>
          {onCreate && (
            <button type="button" class="button ghost" onClick={onCreate}>
              {t('ticket.title')}
            </button>
          )}
        </div>
      )}
    </section>
  )
}

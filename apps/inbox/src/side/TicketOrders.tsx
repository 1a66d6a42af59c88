import type { UpdateTicket } from '@kefu/protocol'
import { Icon } from '../components/icons.tsx'
import { t } from '../lib/i18n.ts'
import { OrderNoForm } from './OrderNoForm.tsx'

/** The orders a ticket is about, and a small box to link one more. */
export function TicketOrders({
  orderNos,
  locked,
  update,
}: {
  orderNos: string[]
  /** Closed tickets take no more orders. */
  locked: boolean
  update: (change: UpdateTicket) => Promise<unknown>
}) {
  return (
    <div class="ticket-orders">
      <span class="ticket-label">{t('ticket.orders')}</span>
      {orderNos.length === 0 ? (
        <span class="muted">{t('ticket.noOrders')}</span>
      ) : (
        <ul data-testid="ticket-orders">
          {orderNos.map((no) => (
            <li key={no}>
              <code>{no}</code>
            </li>
          ))}
        </ul>
      )}
      {!locked && (
        <OrderNoForm
          class="ticket-link-order"
          problemClass="ticket-problem"
          icon={<Icon name="link" size={13} />}
          placeholder={t('ticket.linkOrderPlaceholder')}
          button={t('ticket.linkOrder')}
          testId="ticket-link"
          onSubmit={async (no) => {
            await update({ addOrderNo: no })
            return null
          }}
        />
      )}
    </div>
  )
}

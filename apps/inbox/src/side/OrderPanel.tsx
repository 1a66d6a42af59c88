import type { VisitorContext } from '@kefu/protocol'
import type { Order } from '@kefu/protocol/shop'
import { Icon } from '../components/icons.tsx'
import { t } from '../lib/i18n.ts'

/**
 * The order card's place in the side panel. Contract for whoever fills it in:
 * - `conversationId`: the open conversation; look orders up for it (never by an id from the buyer alone).
 * - `visitor`: the buyer's identity from the side panel (null while loading). Only a verified
 *   visitor may be looked up by `externalId`; otherwise by order number + contact.
 * - `orders`: the masked orders the shop returned (`order.lookup`), newest first. `undefined`
 *   while nothing is linked or loading; `[]` when the look-up found nothing.
 * - `onAction`: resend / refund through the server (permission-checked and audited there).
 * Render codes masked as the shop sent them; never full codes.
 */
export interface OrderPanelProps {
  conversationId: string
  visitor: VisitorContext['visitor'] | null
  orders: Order[] | undefined
  onAction?: (orderNo: string, action: 'resend' | 'refund') => Promise<void>
}

export function OrderPanel({ orders }: OrderPanelProps) {
  return (
    <section class="panel reserved" data-testid="order-panel">
      <h3>
        <Icon name="box" size={15} />
        {t('order.title')}
      </h3>
      {!orders?.length && (
        <div class="reserved-empty">
          <strong>{t('order.empty')}</strong>
          <span>{t('order.emptyHint')}</span>
        </div>
      )}
    </section>
  )
}

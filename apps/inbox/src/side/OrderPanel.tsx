import type { VisitorContext } from '@kefu/protocol'
import { useState } from 'preact/hooks'
import { Icon } from '../components/icons.tsx'
import { t } from '../lib/i18n.ts'
import { isAdmin, session } from '../lib/session.ts'
import { useStore } from '../lib/store.ts'
import { errorText } from '../pages/AuthLayout.tsx'
import { useMentionedOrders } from '../tickets/conversation-ticket.ts'
import { LookupBox } from './LookupBox.tsx'
import { OrderCard } from './OrderCard.tsx'
import { ShopBanner } from './ShopBanner.tsx'
import { useConversationOrders } from './use-orders.ts'

/**
 * The order card in the side panel:
 * - `conversationId`: the open conversation; its card (`GET /v1/conversations/{id}/orders`) holds
 *   the linked orders, the verified buyer's recent ones, the shop's status and what this agent may
 *   do. Look-ups by order number link more; `order.updated` refreshes it live.
 * - `visitor`: the buyer's identity from the side panel (null while loading); the server decides
 *   whose recent orders to show (only a verified buyer's).
 * Actions go through the server (permission-checked, idempotent, audited). Codes stay masked as
 * the shop sent them, and all order text is rendered as text.
 */
export interface OrderPanelProps {
  conversationId: string
  visitor: VisitorContext['visitor'] | null
}

export function OrderPanel({ conversationId }: OrderPanelProps) {
  const { me } = useStore(session)
  const { card, loadError, reload, lookup, act } = useConversationOrders(conversationId)
  const configured = card !== null && card.shop.state !== 'not_configured'
  const linked = new Set(card?.orders.map((o) => o.order.orderNo))
  const [missing, setMissing] = useState<string[]>([])
  const mentioned = useMentionedOrders(conversationId).filter((no) => !linked.has(no))
  return (
    <section class="panel order-panel" data-testid="order-panel">
      <h3>
        <Icon name="box" size={15} />
        {t('order.title')}
        {card && card.orders.length > 0 && <span class="count">{card.orders.length}</span>}
      </h3>
      {loadError !== null && <p class="notice error">{errorText(loadError)}</p>}
      {card && <ShopBanner status={card.shop} admin={isAdmin(me)} onPauseOver={reload} />}
      {configured && <LookupBox onLookup={lookup} />}
      {configured && mentioned.length > 0 && (
        <div class="order-mentioned" data-testid="order-mentioned">
          <span>{t('order.mentioned')}</span>
          {mentioned.map((no) => (
            <button
              key={no}
              type="button"
              class="chip-button"
              disabled={missing.includes(no)}
              title={missing.includes(no) ? t('order.lookupNone', { orderNo: no }) : t('order.lookup')}
              onClick={() =>
                void lookup(no)
                  .then((found) => found.length === 0 && setMissing((m) => [...m, no]))
                  .catch(() => setMissing((m) => [...m, no]))
              }
            >
              <Icon name="search" size={12} />
              <code>{no}</code>
            </button>
          ))}
        </div>
      )}
      {card === null && loadError === null && <div class="order-skeleton" />}
      {card?.orders.map((linked) => (
        <OrderCard key={linked.order.orderNo} linked={linked} permissions={card.permissions} act={act} />
      ))}
      {card && card.orders.length === 0 && configured && (
        <div class="reserved-empty">
          <strong>{t('order.empty')}</strong>
          <span>{t('order.emptyHint')}</span>
        </div>
      )}
    </section>
  )
}

import type { ConversationOrders, LinkedOrder, OrderActionRequest, OrderActionResult } from '@kefu/protocol'
import type { Order } from '@kefu/protocol/shop'
import { useState } from 'preact/hooks'
import { Icon } from '../components/icons.tsx'
import { t, useLocale } from '../lib/i18n.ts'
import { OrderActions } from './OrderActions.tsx'
import { compactTime, money } from './order-format.ts'

const SHOWN_CODES = 6

/** One order as the shop sent it: every string is the shop's (untrusted) text, rendered as text. */
export function OrderCard({
  linked,
  permissions,
  act,
}: {
  linked: LinkedOrder
  permissions: ConversationOrders['permissions']
  act: (orderNo: string, request: OrderActionRequest) => Promise<OrderActionResult>
}) {
  const locale = useLocale()
  const { order } = linked
  const short = order.delivered < order.expected
  return (
    <article
      class="order-card"
      data-testid="order-card"
      data-order-no={order.orderNo}
      data-status={order.status}
    >
      <header class="order-head">
        <OrderNumber orderNo={order.orderNo} />
        <span class={`order-status os-${order.status}`} data-testid="order-status">
          {t(`order.status.${order.status}`)}
        </span>
      </header>
      <div class="order-sub">
        <span class="order-source">{t(`order.source.${linked.source}`)}</span>
        {order.rawStatus && <small title="rawStatus">{order.rawStatus}</small>}
      </div>
      <dl class="order-facts">
        <dt>{t('order.amount')}</dt>
        <dd>
          <strong>{money(order.amount, locale)}</strong>
          {order.payChannel && <span class="muted"> · {order.payChannel}</span>}
        </dd>
        <dt>{t('order.created')}</dt>
        <dd title={order.createdAt}>{compactTime(order.createdAt, locale)}</dd>
        {order.paidAt && (
          <>
            <dt>{t('order.paid')}</dt>
            <dd title={order.paidAt}>{compactTime(order.paidAt, locale)}</dd>
          </>
        )}
        {(order.buyer.emailMasked || order.buyer.contactMasked) && (
          <>
            <dt>{t('order.buyer')}</dt>
            <dd class="order-buyer">
              {[order.buyer.emailMasked, order.buyer.contactMasked].filter(Boolean).join(' · ')}
            </dd>
          </>
        )}
        {order.seller && (
          <>
            <dt>{t('order.seller')}</dt>
            <dd>{order.seller.name}</dd>
          </>
        )}
      </dl>
      <ul class="order-items">
        {order.items.map((item, i) => (
          <li key={`${item.sku ?? ''}-${i}`}>
            <span class="item-title">{item.title}</span>
            <span class="item-meta">
              {item.sku && <code>{item.sku}</code>}
              <span>×{item.quantity}</span>
              <span class={`item-delivery ${item.delivery}`}>{t(`order.${item.delivery}`)}</span>
            </span>
          </li>
        ))}
      </ul>
      <Codes order={order} short={short} />
      <OrderActions order={order} permissions={permissions} act={act} />
    </article>
  )
}

function Codes({ order, short }: { order: Order; short: boolean }) {
  const [all, setAll] = useState(false)
  const shown = all ? order.codes : order.codes.slice(0, SHOWN_CODES)
  return (
    <div class="order-codes">
      <div class="codes-head">
        <span>{t('order.codes')}</span>
        <span class={`delivered-count ${short ? 'short' : ''}`} data-testid="order-delivered">
          {t('order.deliveredOf', { delivered: order.delivered, expected: order.expected })}
        </span>
      </div>
      {order.codes.length === 0 ? (
        <p class="muted small">{t('order.noCodes')}</p>
      ) : (
        <ul data-testid="order-codes">
          {shown.map((c) => (
            <li key={c.fingerprint} title={c.fingerprint}>
              <code>{c.masked}</code>
              {c.status && <span class={`code-status cs-${c.status}`}>{t(`order.code.${c.status}`)}</span>}
            </li>
          ))}
        </ul>
      )}
      {!all && order.codes.length > SHOWN_CODES && (
        <button type="button" class="link-button" onClick={() => setAll(true)}>
          {t('order.moreCodes', { n: order.codes.length - SHOWN_CODES })}
        </button>
      )}
    </div>
  )
}

function OrderNumber({ orderNo }: { orderNo: string }) {
  const [copied, setCopied] = useState(false)
  const copy = async () => {
    await navigator.clipboard?.writeText(orderNo).catch(() => {})
    setCopied(true)
    setTimeout(() => setCopied(false), 1500)
  }
  return (
    <button
      type="button"
      class="order-no"
      data-testid="order-no"
      title={copied ? t('order.copied') : t('order.copy')}
      aria-label={`${t('order.copy')}: ${orderNo}`}
      onClick={copy}
    >
      <code>{orderNo}</code>
      <Icon name={copied ? 'check' : 'copy'} size={13} />
    </button>
  )
}

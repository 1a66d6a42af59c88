import type { Money, Order } from '@kefu/protocol/shop'
import type { Locale } from '../../../shared/locale.ts'
import type { strings } from '../../i18n.ts'

export interface OrderCardProps {
  /** As the shop answered Kefu's look-up: untrusted text, codes already masked. */
  order: Order
  locale: Locale
  t: ReturnType<typeof strings>
}

const money = ({ value, currency }: Money, locale: Locale) => {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(Number(value))
  } catch {
    return `${value} ${currency}`
  }
}

/** Slot: the order the buyer looked up — status in their words, what was delivered, what happens next. Text only. */
export function OrderCard({ order, locale, t }: OrderCardProps) {
  const { status } = order
  return (
    <section class="order-card" aria-label={`${t.orderNo} ${order.orderNo}`}>
      <div class="order-top">
        <span class="order-no">{order.orderNo}</span>
        <span class={`order-status ${status}`}>{t[`st_${status}`]}</span>
      </div>
      <ul class="order-items">
        {order.items.map((item, i) => (
          <li key={i}>
            {item.title} × {item.quantity}
          </li>
        ))}
      </ul>
      <dl>
        <dt>{t.amount}</dt>
        <dd>{money(order.amount, locale)}</dd>
        <dt>{t.deliveredCount}</dt>
        <dd>
          {order.delivered} / {order.expected}
        </dd>
      </dl>
      {order.codes.length > 0 && (
        <ul class="codes" aria-label={t.codes} title={t.codes}>
          {order.codes.map((c) => (
            <li key={c.fingerprint}>{c.masked}</li>
          ))}
        </ul>
      )}
      <p class="order-hint">{t[`hint_${status}`]}</p>
    </section>
  )
}

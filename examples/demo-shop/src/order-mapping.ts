/**
 * The shop's order as Kefu may see it (protocol `Order`): masked buyer, masked and
 * fingerprinted codes, the shop's own status kept in `rawStatus`. Query passwords, buyer IP
 * and manual-order inputs are simply never read here.
 */
import type { Order, OrderStatus } from '@kefu/protocol/shop'
import { fingerprintCode, maskCode } from '@kefu/shop-sdk'
import { maskContact, maskEmail } from './masking.ts'
import { CURRENCY, centsToDecimal } from './money.ts'
import { isPaid, ShopStatus, statusLabel } from './order-status.ts'
import type { ShopOrder } from './orders.ts'
import { productTitle } from './products.ts'

/** CARD-SHOPS.md "Mapping": dujiaoka's number → Kefu's status. */
export function kefuStatus(status: ShopStatus): OrderStatus {
  switch (status) {
    case ShopStatus.awaitingPayment:
      return 'unpaid'
    case ShopStatus.pending:
    case ShopStatus.processing:
      return 'paid_pending'
    case ShopStatus.completed:
      return 'delivered'
    case ShopStatus.abnormal:
      return 'delivery_failed'
    case ShopStatus.refunded:
      return 'refunded'
    case ShopStatus.failed:
      return 'cancelled'
    case ShopStatus.expired:
      return 'expired'
  }
}

/** `"4 completed"`: the number agents know from the shop's admin, and what it means. */
export function rawStatus(status: ShopStatus): string {
  return `${status} ${statusLabel(status).en}`
}

/**
 * Maps one order. `webhookSecret` is the newest `whsec_…`, the key Kefu fingerprints pasted
 * codes with. For manual top-ups, which deliver no codes, `delivered`/`expected` count units
 * fulfilled, so a finished top-up reads 1 of 1.
 */
export async function toKefuOrder(order: ShopOrder, webhookSecret: string): Promise<Order> {
  const manual = order.product.delivery === 'manual'
  const codes = await Promise.all(
    order.codes.map(async (code) => ({
      masked: maskCode(code),
      fingerprint: await fingerprintCode(webhookSecret, code),
      status: 'delivered' as const,
    })),
  )
  const manualDone = order.status === ShopStatus.completed || order.status === ShopStatus.refunded
  const delivered = manual ? (order.paidAt && manualDone ? order.quantity : 0) : codes.length
  const status = kefuStatus(order.status)
  return {
    orderNo: order.orderNo,
    status,
    rawStatus: rawStatus(order.status),
    createdAt: order.createdAt.toISOString(),
    ...(order.paidAt ? { paidAt: order.paidAt.toISOString() } : {}),
    amount: { value: centsToDecimal(order.totalCents), currency: CURRENCY },
    ...(order.payChannel ? { payChannel: order.payChannel } : {}),
    buyer: {
      emailMasked: maskEmail(order.email),
      ...(order.contact ? { contactMasked: maskContact(order.contact) } : {}),
    },
    items: [
      {
        sku: order.product.sku,
        title: productTitle(order.product),
        quantity: order.quantity,
        unitPrice: { value: centsToDecimal(order.unitCents), currency: CURRENCY },
        delivery: order.product.delivery,
      },
    ],
    codes,
    delivered,
    expected: order.quantity,
    actions: {
      resend: status === 'delivered' && codes.length > 0,
      refund: isPaid(order.status),
    },
  }
}

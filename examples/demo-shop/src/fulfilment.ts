/**
 * Payment and delivery: what happens after the buyer pays, and the admin buttons that break
 * or fix a delivery on purpose (so every after-sales case can be tried).
 */
import type { PGlite } from '@electric-sql/pglite'
import type { ShopOrderEventType } from '@kefu/protocol/shop'
import { type OrderChange, refused } from './change.ts'
import type { Sql } from './db.ts'
import { mailCodes } from './mail.ts'
import { ShopStatus } from './order-status.ts'
import { findOrder, type ShopOrder } from './orders.ts'
import { addStock, generateCode, recallCodes, sellCodes } from './stock.ts'

export const payChannels = ['alipay', 'wxpay', 'usdt'] as const
export type PayChannel = (typeof payChannels)[number]

async function setStatus(db: Sql, orderNo: string, status: ShopStatus): Promise<void> {
  await db.query('UPDATE orders SET status = $2, updated_at = now() WHERE order_no = $1', [orderNo, status])
}

/** Sells what stock allows; completed when every code went out, abnormal otherwise. */
async function deliverFromStock(db: Sql, order: ShopOrder): Promise<ShopOrderEventType> {
  await sellCodes(db, order.product.id, order.orderNo, order.quantity - order.codes.length)
  const after = (await findOrder(db, order.orderNo))!
  if (after.codes.length > order.codes.length) await mailCodes(db, after, 'delivery')
  const complete = after.codes.length >= order.quantity
  await setStatus(db, order.orderNo, complete ? ShopStatus.completed : ShopStatus.abnormal)
  return complete ? 'order.delivered' : 'order.delivery_failed'
}

/** The simulated payment callback: marks the order paid, then delivers what it can. */
export async function payOrder(db: PGlite, orderNo: string, channel: PayChannel): Promise<OrderChange> {
  return db.transaction(async (tx) => {
    const order = await findOrder(tx, orderNo)
    if (!order) return refused('order_not_found', '订单不存在 / no such order')
    if (order.status !== ShopStatus.awaitingPayment) {
      return refused('order_not_payable', '订单不是待支付状态 / the order is not awaiting payment')
    }
    await tx.query(
      `UPDATE orders SET status = $2, paid_at = now(), pay_channel = $3, updated_at = now() WHERE order_no = $1`,
      [orderNo, ShopStatus.pending, channel],
    )
    if (order.product.delivery === 'manual') {
      await setStatus(tx, orderNo, ShopStatus.processing)
      return {
        ok: true,
        message: '支付成功，等待人工处理 / paid, waiting for manual top-up',
        events: ['order.paid'],
      }
    }
    const delivery = await deliverFromStock(tx, order)
    const message =
      delivery === 'order.delivered'
        ? '支付成功，卡密已发货 / paid and delivered'
        : '支付成功，但库存不足 / paid, but out of stock'
    return { ok: true, message, events: ['order.paid', delivery] }
  })
}

/** Admin "deliver": finishes a paid order, restocking with fresh codes if stock has run out. */
export async function deliverOrder(db: PGlite, orderNo: string): Promise<OrderChange> {
  return db.transaction(async (tx) => {
    const order = await findOrder(tx, orderNo)
    if (!order) return refused('order_not_found', '订单不存在 / no such order')
    const fixable: ShopStatus[] = [ShopStatus.pending, ShopStatus.processing, ShopStatus.abnormal]
    if (!fixable.includes(order.status)) {
      return refused('order_not_deliverable', '只有已付款未完成的订单可以发货 / only paid, unfinished orders')
    }
    if (order.product.delivery === 'manual') {
      await setStatus(tx, orderNo, ShopStatus.completed)
      return { ok: true, message: '已标记充值完成 / top-up marked done', events: ['order.delivered'] }
    }
    const missing = order.quantity - order.codes.length
    const available = await tx.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM codes WHERE product_id = $1 AND state = 'available'`,
      [order.product.id],
    )
    const short = missing - (available.rows[0]?.n ?? 0)
    if (short > 0) {
      await addStock(
        tx,
        order.product.id,
        Array.from({ length: short }, () => generateCode(order.product.sku)),
      )
    }
    const event = await deliverFromStock(tx, order)
    return { ok: true, message: '已补货并发货 / restocked and delivered', events: [event] }
  })
}

/** Admin "fail delivery": voids the delivered codes and marks the order abnormal. */
export async function failDelivery(db: PGlite, orderNo: string): Promise<OrderChange> {
  return db.transaction(async (tx) => {
    const order = await findOrder(tx, orderNo)
    if (!order) return refused('order_not_found', '订单不存在 / no such order')
    const breakable: ShopStatus[] = [ShopStatus.pending, ShopStatus.processing, ShopStatus.completed]
    if (!breakable.includes(order.status)) {
      return refused('order_not_breakable', '只有已付款的正常订单可以设为异常 / only paid, healthy orders')
    }
    await recallCodes(tx, orderNo)
    await setStatus(tx, orderNo, ShopStatus.abnormal)
    return {
      ok: true,
      message: '已设为发货失败 / marked as delivery failed',
      events: ['order.delivery_failed'],
    }
  })
}

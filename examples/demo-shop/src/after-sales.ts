/**
 * After-sales actions the shop performs itself: re-send codes to the email on file, refund,
 * and notes on an order. Kefu asks for them through `order.action` (see kefu-actions.ts).
 */
import type { Money } from '@kefu/protocol/shop'
import { type OrderChange, refused } from './change.ts'
import type { Sql } from './db.ts'
import { mailCodes } from './mail.ts'
import { maskEmail } from './masking.ts'
import { CURRENCY, centsToDecimal, decimalToCents } from './money.ts'
import { isPaid, ShopStatus } from './order-status.ts'
import { findOrder } from './orders.ts'

/** Mails the delivered codes again, only ever to the email on the order. */
export async function resendCodes(db: Sql, orderNo: string): Promise<OrderChange> {
  const order = await findOrder(db, orderNo)
  if (!order) return refused('order_not_found', 'No such order.')
  if (order.status === ShopStatus.refunded) {
    return refused('order_refunded', 'The order was refunded; its codes are not re-sent.')
  }
  if (order.codes.length === 0) {
    return refused(
      'nothing_delivered',
      'No code was delivered for this order, so there is nothing to re-send.',
    )
  }
  await mailCodes(db, order, 'resend')
  return {
    ok: true,
    message: `Re-sent ${order.codes.length} code(s) to ${maskEmail(order.email)}.`,
    events: [],
  }
}

export interface RefundRequest {
  /** Absent: the whole order. */
  amount?: Money
  reason: string
  actor: string
}

/** Refunds a paid order (whole or part of its amount); the order ends up refunded either way. */
export async function refundOrder(db: Sql, orderNo: string, request: RefundRequest): Promise<OrderChange> {
  const order = await findOrder(db, orderNo)
  if (!order) return refused('order_not_found', 'No such order.')
  if (order.status === ShopStatus.refunded)
    return refused('already_refunded', 'The order is already refunded.')
  if (!isPaid(order.status)) return refused('order_not_paid', 'The order was never paid; nothing to refund.')

  let cents = order.totalCents
  if (request.amount) {
    const asked = decimalToCents(request.amount.value)
    if (request.amount.currency !== CURRENCY || asked === null) {
      return refused('refund_amount_invalid', `Refunds are in ${CURRENCY} with at most 2 decimals.`)
    }
    if (asked <= 0 || asked > order.totalCents) {
      return refused(
        'refund_amount_invalid',
        `The refund must be more than 0 and at most the order amount ${centsToDecimal(order.totalCents)} ${CURRENCY}.`,
      )
    }
    cents = asked
  }
  await db.query(
    `UPDATE orders SET status = $2, refunded_cents = $3, refund_reason = $4, updated_at = now()
     WHERE order_no = $1`,
    [orderNo, ShopStatus.refunded, cents, request.reason],
  )
  await addNote(
    db,
    orderNo,
    request.actor,
    `Refunded ${centsToDecimal(cents)} ${CURRENCY}: ${request.reason}`,
  )
  return {
    ok: true,
    message: `Refunded ${centsToDecimal(cents)} ${CURRENCY} of ${centsToDecimal(order.totalCents)} ${CURRENCY}.`,
    events: ['order.refunded'],
  }
}

export async function addNote(db: Sql, orderNo: string, author: string, body: string): Promise<OrderChange> {
  const found = await db.query('SELECT 1 FROM orders WHERE order_no = $1', [orderNo])
  if (found.rows.length === 0) return refused('order_not_found', 'No such order.')
  await db.query('INSERT INTO order_notes (order_no, author, body) VALUES ($1, $2, $3)', [
    orderNo,
    author,
    body,
  ])
  return { ok: true, message: 'Note saved on the order.', events: [] }
}

export interface OrderNote {
  author: string
  body: string
  createdAt: Date
}

export async function listNotes(db: Sql, orderNo: string): Promise<OrderNote[]> {
  const result = await db.query<{ author: string; body: string; created_at: Date }>(
    'SELECT author, body, created_at FROM order_notes WHERE order_no = $1 ORDER BY id',
    [orderNo],
  )
  return result.rows.map((row) => ({ author: row.author, body: row.body, createdAt: row.created_at }))
}

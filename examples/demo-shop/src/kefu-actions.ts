/**
 * Kefu's `order.action`: runs the shop's own after-sales action once per idempotency key.
 * The key and the first answer are stored in the same transaction as the action, so a retry
 * (or a second agent clicking the same button) gets that answer and nothing happens twice.
 */
import type { PGlite } from '@electric-sql/pglite'
import type { OrderActionData, OrderActionResponse, ShopOrderEventType } from '@kefu/protocol/shop'
import { addNote, refundOrder, resendCodes } from './after-sales.ts'
import type { OrderChange } from './change.ts'
import type { Sql } from './db.ts'
import { toKefuOrder } from './order-mapping.ts'
import { findOrder } from './orders.ts'

export interface KefuActionResult {
  answer: OrderActionResponse
  /** Order events to push to Kefu; empty for a replayed key. */
  events: ShopOrderEventType[]
}

function run(db: Sql, data: OrderActionData): Promise<OrderChange> {
  const actor = `kefu ${data.actor.type} ${data.actor.id}`
  switch (data.action) {
    case 'resend':
      return resendCodes(db, data.orderNo)
    case 'refund':
      return refundOrder(db, data.orderNo, { amount: data.amount, reason: data.reason, actor })
    case 'note':
      return addNote(db, data.orderNo, actor, data.reason)
  }
}

export async function performKefuAction(
  db: PGlite,
  data: OrderActionData,
  webhookSecret: string,
): Promise<KefuActionResult> {
  return db.transaction(async (tx) => {
    const stored = await tx.query<{ answer: OrderActionResponse }>(
      'SELECT answer FROM kefu_actions WHERE idempotency_key = $1',
      [data.idempotencyKey],
    )
    const first = stored.rows[0]
    if (first) return { answer: first.answer, events: [] }

    const change = await run(tx, data)
    const order = await findOrder(tx, data.orderNo)
    const answer: OrderActionResponse = {
      ok: change.ok,
      status: change.ok ? 'completed' : 'rejected',
      message: change.message,
      ...(order ? { order: await toKefuOrder(order, webhookSecret) } : {}),
    }
    await tx.query(
      'INSERT INTO kefu_actions (idempotency_key, order_no, action, answer) VALUES ($1, $2, $3, $4)',
      [data.idempotencyKey, data.orderNo, data.action, JSON.stringify(answer)],
    )
    return { answer, events: change.ok ? change.events : [] }
  })
}

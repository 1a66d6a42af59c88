import { type Db, orderActions } from '@kefu/db'
import { newId, type OrderActionRequest, type OrderActionResult, type Role } from '@kefu/protocol'
import { type OrderActionResponse, orderActionResponseSchema } from '@kefu/protocol/shop'
import { and, eq } from 'drizzle-orm'
import { KefuError } from '../../errors.ts'
import { appendAudit } from '../audit.ts'
import { callShop, type ShopCallContext } from './call-shop.ts'
import { getConnection } from './connection.ts'

const rank: Record<Role, number> = { agent: 0, admin: 1, owner: 2 }

/** Decimal strings compared exactly, in hundredths. */
const cents = (amount: string) => {
  const [whole = '0', frac = ''] = amount.split('.')
  return Number(whole) * 100 + Number(frac.padEnd(2, '0').slice(0, 2))
}

export interface ActionInput extends OrderActionRequest {
  tenantId: string
  conversationId: string | null
  orderNo: string
  actor: { type: 'agent'; id: string; role: Role } | { type: 'bot'; id: string }
}

/**
 * Asks the shop to re-send codes, refund, or note an order. Permission and amount limits are
 * the tenant's; the idempotency key makes a repeated click return the first outcome; every
 * attempt is kept in `order_actions` and the audit log.
 */
export async function actOnOrder(ctx: ShopCallContext, input: ActionInput): Promise<OrderActionResult> {
  const connection = await getConnection(ctx.db, input.tenantId)
  if (!connection) throw new KefuError('shop_unavailable', "The shop's backend is not connected yet")
  if (
    input.action === 'refund' &&
    input.actor.type === 'agent' &&
    rank[input.actor.role] < rank[connection.refundMinRole]
  ) {
    throw new KefuError('forbidden', `Refunds need the ${connection.refundMinRole} role in this shop`)
  }
  if (input.action === 'refund' && input.actor.type === 'bot')
    throw new KefuError('forbidden', 'The bot never refunds')
  if (input.action === 'resend' && input.actor.type === 'bot' && !connection.botMayResend) {
    throw new KefuError('forbidden', 'This shop does not let the bot re-send codes')
  }
  if (
    input.action === 'refund' &&
    input.amount &&
    connection.refundMaxAmount &&
    cents(input.amount) > cents(connection.refundMaxAmount)
  ) {
    throw new KefuError(
      'forbidden',
      `Refunds above ${connection.refundMaxAmount} need the shop's own back office`,
      {
        field: 'body.amount',
      },
    )
  }

  // Claim the key first: a second click while the first is in flight does not call the shop again.
  const id = newId('orderAction')
  const [claimed] = await ctx.db
    .insert(orderActions)
    .values({
      id,
      tenantId: input.tenantId,
      conversationId: input.conversationId,
      orderNo: input.orderNo,
      action: input.action,
      amount: input.amount ?? null,
      reason: input.reason,
      actorType: input.actor.type,
      actorId: input.actor.id,
      idempotencyKey: input.idempotencyKey,
      status: 'in_flight',
      message: '',
    })
    .onConflictDoNothing()
    .returning({ id: orderActions.id })
  if (!claimed) return replay(ctx.db, input)

  let answer: OrderActionResponse | undefined
  let failure: KefuError | undefined
  try {
    answer = await callShop(ctx, {
      tenantId: input.tenantId,
      type: 'order.action',
      data: {
        orderNo: input.orderNo,
        action: input.action,
        ...(input.amount && { amount: input.amount }),
        reason: input.reason,
        actor: { type: input.actor.type, id: input.actor.id },
        idempotencyKey: input.idempotencyKey,
      },
      parse: (body) => orderActionResponseSchema.parse(body),
    })
  } catch (err) {
    if (!(err instanceof KefuError)) throw err
    failure = err
  }
  const status = answer?.status ?? 'failed'
  const message = answer?.message ?? failure?.message ?? 'failed'
  await ctx.db.update(orderActions).set({ status, message }).where(eq(orderActions.id, id))
  await appendAudit(ctx.db, {
    tenantId: input.tenantId,
    actorType: input.actor.type,
    actorId: input.actor.id,
    action: `order.${input.action}`,
    target: input.orderNo,
    data: {
      status,
      amount: input.amount ?? null,
      reason: input.reason,
      conversationId: input.conversationId,
      idempotencyKey: input.idempotencyKey,
    },
  })
  if (failure && !answer) {
    // The shop may or may not have acted; it is idempotent on the key, so free the key for a retry.
    await ctx.db.delete(orderActions).where(eq(orderActions.id, id))
    throw failure
  }
  return { ok: answer!.ok, status, message, ...(answer!.order && { order: answer!.order }), replayed: false }
}

async function replay(db: Db, input: ActionInput): Promise<OrderActionResult> {
  const [previous] = await db
    .select()
    .from(orderActions)
    .where(
      and(eq(orderActions.tenantId, input.tenantId), eq(orderActions.idempotencyKey, input.idempotencyKey)),
    )
  if (!previous || previous.orderNo !== input.orderNo || previous.action !== input.action) {
    throw new KefuError('conflict', 'This idempotency key was used for a different action', {
      field: 'body.idempotencyKey',
    })
  }
  if (previous.status === 'in_flight') {
    throw new KefuError('conflict', 'The same action is still being carried out; try again in a moment')
  }
  return {
    ok: previous.status === 'completed' || previous.status === 'pending',
    status: previous.status === 'rejected' ? 'rejected' : previous.status,
    message: previous.message,
    replayed: true,
  }
}

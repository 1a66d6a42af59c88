import { conversationOrders, type Db, visitors } from '@kefu/db'
import type { LinkedOrder } from '@kefu/protocol'
import { type Order, type OrderLookupResponse, orderLookupResponseSchema } from '@kefu/protocol/shop'
import { and, desc, eq, sql } from 'drizzle-orm'
import type { Published } from '../conversations.ts'
import { recordEvents } from '../events.ts'
import { callShop, type ShopCallContext } from './call-shop.ts'
import type { TtlCache } from './ttl-cache.ts'

export interface OrderContext extends ShopCallContext {
  cache: TtlCache<Order[]>
}

const parseLookup = (body: unknown): OrderLookupResponse => orderLookupResponseSchema.parse(body)

/**
 * Only the order asked for comes back, whatever else a shop answers. Buyers type order numbers in
 * any case (dujiaoka's are upper-case), so the comparison ignores case.
 */
const sameOrderNo = (a: string, b: string) => a.toUpperCase() === b.toUpperCase()

/** Contact as the shop compares it: trimmed and lower-cased (emails, QQ numbers, phones). */
const normaliseContact = (contact: string) => contact.trim().toLowerCase()

async function lookup(ctx: OrderContext, tenantId: string, data: Record<string, string>): Promise<Order[]> {
  const key = `${tenantId}:${JSON.stringify(data)}`
  const cached = ctx.cache.get(key)
  if (cached) return cached
  const { orders } = await callShop(ctx, { tenantId, type: 'order.lookup', data, parse: parseLookup })
  ctx.cache.set(key, orders)
  return orders
}

/**
 * A buyer's look-up: order number and contact. A wrong contact and an unknown order give the
 * same empty answer; only orders with exactly that number come back.
 */
export async function lookupForBuyer(
  ctx: OrderContext,
  tenantId: string,
  input: { orderNo: string; contact: string },
) {
  const orders = await lookup(ctx, tenantId, {
    orderNo: input.orderNo.trim(),
    contact: normaliseContact(input.contact),
  })
  return orders.filter((o) => o.orderNo === input.orderNo.trim())
}

/** A verified buyer's recent orders, by the shop's own customer id (only after identify). */
export async function lookupForCustomer(ctx: OrderContext, tenantId: string, customerId: string) {
  return lookup(ctx, tenantId, { customerId })
}

/** Agents are the shop's staff: they look an order up by number alone. Never cached. */
export async function lookupForAgent(ctx: ShopCallContext, tenantId: string, orderNo: string) {
  const { orders } = await callShop(ctx, {
    tenantId,
    type: 'order.lookup',
    data: { orderNo: orderNo.trim() },
    parse: parseLookup,
  })
  return orders.filter((o) => sameOrderNo(o.orderNo, orderNo.trim()))
}

/** Puts (or refreshes) an order on a conversation's order card and tells the agents. */
export async function linkOrder(
  db: Db,
  input: { tenantId: string; conversationId: string; order: Order; source: LinkedOrder['source'] },
): Promise<Published<null>> {
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db
    const snapshot = input.order as unknown as Record<string, unknown>
    await tx
      .insert(conversationOrders)
      .values({
        tenantId: input.tenantId,
        conversationId: input.conversationId,
        orderNo: input.order.orderNo,
        snapshot,
        source: input.source,
      })
      .onConflictDoUpdate({
        target: [conversationOrders.conversationId, conversationOrders.orderNo],
        set: { snapshot, updatedAt: new Date() },
      })
    const eventIds = await recordEvents(
      tx,
      { tenantId: input.tenantId, conversationId: input.conversationId },
      [{ type: 'order.updated', orderNo: input.order.orderNo, visitorId: null }],
    )
    return { value: null, tenantId: input.tenantId, eventIds }
  })
}

export async function linkedOrders(db: Db, tenantId: string, conversationId: string): Promise<LinkedOrder[]> {
  const rows = await db
    .select()
    .from(conversationOrders)
    .where(
      and(eq(conversationOrders.tenantId, tenantId), eq(conversationOrders.conversationId, conversationId)),
    )
    .orderBy(desc(conversationOrders.updatedAt))
  return rows.map((r) => ({
    order: r.snapshot as unknown as Order,
    source: r.source,
    updatedAt: r.updatedAt.toISOString(),
  }))
}

/** Conversations that show this order, for refreshing their cards when the shop reports a change. */
export async function conversationsWithOrder(db: Db, tenantId: string, orderNo: string) {
  return db
    .select({ conversationId: conversationOrders.conversationId })
    .from(conversationOrders)
    .where(and(eq(conversationOrders.tenantId, tenantId), eq(conversationOrders.orderNo, orderNo)))
}

/** The shop's customer id of the conversation's buyer, if the buyer is verified. */
export async function verifiedCustomerOf(
  db: Db,
  tenantId: string,
  conversationId: string,
): Promise<string | undefined> {
  const [row] = await db
    .select({ externalId: visitors.externalId, verified: visitors.verified })
    .from(visitors)
    .where(
      and(
        eq(visitors.tenantId, tenantId),
        sql`${visitors.id} = (select visitor_id from conversations where id = ${conversationId} and tenant_id = ${tenantId})`,
      ),
    )
  return row?.verified && row.externalId ? row.externalId : undefined
}

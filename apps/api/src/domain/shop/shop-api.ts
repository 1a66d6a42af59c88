import { attachments, conversations, type Db, events, messages, tenants, visitors } from '@kefu/db'
import type { ShopEraseResponse, ShopEventRequest } from '@kefu/protocol/shop'
import { and, desc, eq, inArray, ne, sql } from 'drizzle-orm'
import { KefuError, notFound } from '../../errors.ts'
import type { SecretBox } from '../../lib/master-key.ts'
import type { BlobStorage } from '../../lib/storage.ts'
import { appendAudit } from '../audit.ts'
import { buyerLocale, deliveryFailed, inLanguage } from '../buyer-notices.ts'
import { type Published, startConversation } from '../conversations.ts'
import { sendMessage } from '../messages.ts'
import { countVisitorTickets } from '../tickets/tickets.ts'
import { getConnection } from './connection.ts'
import { conversationsWithOrder, linkOrder, lookupForAgent, type OrderContext } from './orders.ts'

async function shopName(db: Db, tenantId: string): Promise<string> {
  const [row] = await db.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, tenantId))
  return row?.name ?? 'Shop'
}

/** The buyer's conversation to write into: the given one, else the newest unresolved one, else a new one. */
async function conversationForCustomer(
  db: Db,
  tenantId: string,
  customerId: string,
  conversationId?: string,
): Promise<{ conversationId: string; visitorId: string; writes: Array<Published<unknown>> }> {
  const [visitor] = await db
    .select({ id: visitors.id })
    .from(visitors)
    .where(and(eq(visitors.tenantId, tenantId), eq(visitors.externalId, customerId)))
  if (!visitor)
    throw new KefuError(
      'not_found',
      'No buyer with this customerId has used the chat yet (identify them in the widget first)',
    )
  if (conversationId) {
    const [own] = await db
      .select({ id: conversations.id })
      .from(conversations)
      .where(
        and(
          eq(conversations.id, conversationId),
          eq(conversations.tenantId, tenantId),
          eq(conversations.visitorId, visitor.id),
        ),
      )
    if (!own) throw notFound('Conversation')
    return { conversationId, visitorId: visitor.id, writes: [] }
  }
  const [open] = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(
      and(
        eq(conversations.tenantId, tenantId),
        eq(conversations.visitorId, visitor.id),
        ne(conversations.status, 'resolved'),
      ),
    )
    .orderBy(desc(conversations.updatedAt))
    .limit(1)
  if (open) return { conversationId: open.id, visitorId: visitor.id, writes: [] }
  const started = await startConversation(db, {
    tenantId,
    visitorId: visitor.id,
    verified: true,
    tokenHash: '',
  })
  return { conversationId: started.value, visitorId: visitor.id, writes: [started] }
}

/** A proactive message from the shop to a verified customer. */
export async function messageCustomer(
  db: Db,
  secrets: SecretBox,
  tenantId: string,
  input: { customerId: string; text: string; conversationId?: string | undefined },
): Promise<{ conversationId: string; messageId: string; writes: Array<Published<unknown>> }> {
  const target = await conversationForCustomer(db, tenantId, input.customerId, input.conversationId)
  const sent = await sendMessage(db, secrets, {
    tenantId,
    conversationId: target.conversationId,
    author: { type: 'system', id: 'shop', name: await shopName(db, tenantId) },
    clientId: null,
    text: input.text,
  })
  return {
    conversationId: target.conversationId,
    messageId: sent.value.message.id,
    writes: [...target.writes, sent],
  }
}

/**
 * The shop reports an order change: every conversation showing the order gets the new card, and
 * on a failed delivery the buyer is told (if the shop wants that) that help is on the way.
 */
export async function receiveOrderEvent(
  ctx: OrderContext,
  tenantId: string,
  event: ShopEventRequest,
): Promise<{ notified: boolean; writes: Array<Published<unknown>> }> {
  ctx.cache.invalidate(`${tenantId}:`)
  const writes: Array<Published<unknown>> = []
  const linked = await conversationsWithOrder(ctx.db, tenantId, event.orderNo)
  let order = event.order
  if (!order && linked.length) {
    // No snapshot in the event: ask the shop for the order as it is now; a failure leaves the old card.
    order = await lookupForAgent(ctx, tenantId, event.orderNo)
      .then((found) => found[0])
      .catch(() => undefined)
  }
  if (order) {
    for (const { conversationId } of linked) {
      writes.push(await linkOrder(ctx.db, { tenantId, conversationId, order, source: 'shop' }))
    }
  }
  let notified = false
  if (event.type === 'order.delivery_failed') {
    const connection = await getConnection(ctx.db, tenantId)
    if (event.notifyBuyer ?? connection?.notifyBuyerOnFailure ?? true) {
      const targets = linked.map((l) => l.conversationId)
      if (!targets.length && event.customerId) {
        const found = await conversationForCustomer(ctx.db, tenantId, event.customerId).catch(() => undefined)
        if (found) {
          writes.push(...found.writes)
          targets.push(found.conversationId)
          if (order)
            writes.push(
              await linkOrder(ctx.db, {
                tenantId,
                conversationId: found.conversationId,
                order,
                source: 'shop',
              }),
            )
        }
      }
      for (const conversationId of targets) {
        writes.push(
          await sendMessage(ctx.db, ctx.secrets, {
            tenantId,
            conversationId,
            author: { type: 'system', id: 'shop', name: await shopName(ctx.db, tenantId) },
            clientId: `shop_${event.type}_${event.orderNo}`.slice(0, 64).replace(/[^A-Za-z0-9_-]/g, '_'),
            text: inLanguage(deliveryFailed(event.orderNo), await buyerLocale(ctx.db, conversationId)),
          }),
        )
        notified = true
      }
    }
  }
  return { notified, writes }
}

/** Deletes everything Kefu holds about one of the shop's customers (privacy request). Idempotent. */
export async function eraseCustomer(
  db: Db,
  storage: BlobStorage,
  tenantId: string,
  customerId: string,
): Promise<ShopEraseResponse> {
  const found = await db
    .select({ id: visitors.id })
    .from(visitors)
    .where(and(eq(visitors.tenantId, tenantId), eq(visitors.externalId, customerId)))
  const visitorIds = found.map((v) => v.id)
  const erased = { conversations: 0, messages: 0, tickets: 0, attachments: 0 }
  if (visitorIds.length) {
    const convs = await db
      .select({ id: conversations.id })
      .from(conversations)
      .where(and(eq(conversations.tenantId, tenantId), inArray(conversations.visitorId, visitorIds)))
    const convIds = convs.map((c) => c.id)
    if (convIds.length) {
      const [m] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(messages)
        .where(inArray(messages.conversationId, convIds))
      const files = await db
        .select({ key: attachments.storageKey })
        .from(attachments)
        .where(inArray(attachments.conversationId, convIds))
      erased.messages = m?.n ?? 0
      erased.attachments = files.length
      for (const f of files) await storage.delete(f.key)
    }
    erased.conversations = convIds.length
    // Tickets go with the visitor too (their timelines with them).
    erased.tickets = await countVisitorTickets(db, tenantId, visitorIds)
    await db.transaction(async (tx) => {
      // Conversations, messages, attachments rows, order cards and tokens go with the visitor.
      await tx.delete(events).where(and(eq(events.tenantId, tenantId), inArray(events.visitorId, visitorIds)))
      if (convIds.length)
        await tx
          .delete(events)
          .where(and(eq(events.tenantId, tenantId), inArray(events.conversationId, convIds)))
      await tx.delete(visitors).where(and(eq(visitors.tenantId, tenantId), inArray(visitors.id, visitorIds)))
    })
  }
  await appendAudit(db, {
    tenantId,
    actorType: 'shop',
    action: 'customer.erased',
    // The audit keeps counts, not the customer's data; the id is the shop's own reference.
    target: customerId,
    data: erased,
  })
  return { customerId, erased }
}

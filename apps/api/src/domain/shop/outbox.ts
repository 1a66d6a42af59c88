import { type Db, shopConnections, shopDeliveries } from '@kefu/db'
import { newId } from '@kefu/protocol'
import { and, eq, sql } from 'drizzle-orm'
import { postToShop, type ShopCallContext, ShopCallError } from './call-shop.ts'

/** Events are retried with backoff for this long, then marked failed in the delivery log. */
export const EVENT_RETRY_WINDOW_MS = 24 * 3600_000
const MAX_BACKOFF_MS = 3 * 3600_000

/** After `attempts` failures: 30 s, 1 min, 2 min, … capped at 3 h, with ±20 % jitter. */
export function backoffMs(attempts: number): number {
  const base = Math.min(MAX_BACKOFF_MS, 30_000 * 2 ** Math.max(0, attempts - 1))
  return Math.round(base * (0.8 + Math.random() * 0.4))
}

/**
 * Queues an event for the shop, in the caller's transaction, if the shop subscribed to it.
 * The delivery id is the `Kefu-Delivery` of every attempt.
 */
export async function enqueueShopEvent(
  tx: Db,
  input: { tenantId: string; type: string; visitorId?: string; data: Record<string, unknown> },
): Promise<void> {
  // One statement, run on every message: inserts only if the shop subscribed to the type, and adds
  // the shop's customer id when the buyer is verified.
  const customer = input.visitorId
    ? sql`coalesce((select jsonb_build_object('customerId', external_id) from visitors
          where id = ${input.visitorId} and verified and external_id is not null), '{}'::jsonb)`
    : sql`'{}'::jsonb`
  await tx.execute(sql`
    insert into shop_deliveries (id, tenant_id, kind, type, status, payload, next_attempt_at)
    select ${newId('delivery')}, ${input.tenantId}, 'event', ${input.type}, 'pending',
           ${JSON.stringify(input.data)}::jsonb || ${customer}, now()
    from shop_connections where tenant_id = ${input.tenantId} and jsonb_exists(events, ${input.type})`)
}

/**
 * Delivers events that are due. Rows are claimed with SKIP LOCKED and a lease, so several API
 * processes share the queue and a process that dies mid-delivery leaves the row to the next.
 */
export async function deliverDueEvents(ctx: ShopCallContext, limit = 20): Promise<number> {
  const claimed = (await ctx.db.execute(sql`
    update shop_deliveries set next_attempt_at = now() + interval '2 minutes', updated_at = now()
    where id in (
      select id from shop_deliveries
      where kind = 'event' and status = 'pending' and next_attempt_at <= now()
      order by next_attempt_at limit ${limit} for update skip locked)
    returning id, tenant_id, type, payload, attempts, created_at`)) as unknown as {
    rows: Array<{
      id: string
      tenant_id: string
      type: string
      payload: Record<string, unknown>
      attempts: number
      created_at: string | Date
    }>
  }
  for (const row of claimed.rows) {
    const [connection] = await ctx.db
      .select({ webhookUrl: shopConnections.webhookUrl })
      .from(shopConnections)
      .where(eq(shopConnections.tenantId, row.tenant_id))
    const attempts = row.attempts + 1
    const createdAt = new Date(row.created_at)
    try {
      if (!connection) throw new ShopCallError('the shop connection was removed', null, 0)
      const answer = await postToShop(ctx, {
        tenantId: row.tenant_id,
        webhookUrl: connection.webhookUrl,
        deliveryId: row.id,
        type: row.type,
        data: row.payload,
        created: Math.floor(createdAt.getTime() / 1000),
      })
      await ctx.db
        .update(shopDeliveries)
        .set({
          status: 'ok',
          attempts,
          httpStatus: answer.status,
          latencyMs: answer.latencyMs,
          error: null,
          nextAttemptAt: null,
          updatedAt: new Date(),
        })
        .where(eq(shopDeliveries.id, row.id))
    } catch (err) {
      const e = err instanceof ShopCallError ? err : new ShopCallError((err as Error).message, null, 0)
      const next = new Date(Date.now() + backoffMs(attempts))
      const expired = next.getTime() - createdAt.getTime() > EVENT_RETRY_WINDOW_MS
      await ctx.db
        .update(shopDeliveries)
        .set({
          status: expired ? 'failed' : 'pending',
          attempts,
          httpStatus: e.httpStatus,
          latencyMs: e.latencyMs,
          error: expired ? `gave up after 24 h: ${e.message}` : e.message,
          nextAttemptAt: expired ? null : next,
          updatedAt: new Date(),
        })
        .where(and(eq(shopDeliveries.id, row.id)))
    }
  }
  return claimed.rows.length
}

/** Runs `deliverDueEvents` every `intervalMs` until stopped. */
export function startEventDelivery(ctx: ShopCallContext, intervalMs = 1000): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve()
  let stopped = false
  const timer = setInterval(() => {
    running = running
      .then(async () => {
        if (stopped) return
        // Drain in batches while there is work.
        while (!stopped && (await deliverDueEvents(ctx)) > 0) {}
      })
      .catch((err) => console.error('[shop] event delivery failed:', (err as Error).message))
  }, intervalMs)
  timer.unref()
  return {
    async stop() {
      stopped = true
      clearInterval(timer)
      await running
    },
  }
}

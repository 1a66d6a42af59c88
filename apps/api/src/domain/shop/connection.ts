import { type Db, shopConnections, shopDeliveries } from '@kefu/db'
import type { ShopConnection, ShopStatus } from '@kefu/protocol'
import { and, desc, eq } from 'drizzle-orm'

export type ConnectionRow = typeof shopConnections.$inferSelect

export async function getConnection(db: Db, tenantId: string): Promise<ConnectionRow | undefined> {
  const [row] = await db.select().from(shopConnections).where(eq(shopConnections.tenantId, tenantId))
  return row
}

export async function saveConnection(
  db: Db,
  tenantId: string,
  input: ShopConnection,
): Promise<ConnectionRow> {
  const values = { ...input, tenantId, updatedAt: new Date() }
  const [row] = await db
    .insert(shopConnections)
    .values(values)
    .onConflictDoUpdate({ target: shopConnections.tenantId, set: values })
    .returning()
  return row!
}

export function toShopConnection(row: ConnectionRow): ShopConnection {
  return {
    webhookUrl: row.webhookUrl,
    refundMinRole: row.refundMinRole,
    refundMaxAmount: row.refundMaxAmount,
    botMayResend: row.botMayResend,
    notifyBuyerOnFailure: row.notifyBuyerOnFailure,
    events: row.events as ShopConnection['events'],
  }
}

/** After this many failed calls in a row Kefu stops calling the shop for a while. */
export const BREAKER_FAILURES = 5
export const BREAKER_PAUSE_MS = 30_000

/** The last calls to the shop, newest first: the breaker's memory and the inbox's warning. */
async function recentCalls(db: Db, tenantId: string) {
  return db
    .select({
      status: shopDeliveries.status,
      error: shopDeliveries.error,
      createdAt: shopDeliveries.createdAt,
    })
    .from(shopDeliveries)
    .where(and(eq(shopDeliveries.tenantId, tenantId), eq(shopDeliveries.kind, 'call')))
    .orderBy(desc(shopDeliveries.createdAt))
    .limit(BREAKER_FAILURES)
}

/** Whether Kefu can reach the shop right now, as the agent should be told. */
export async function shopStatus(db: Db, tenantId: string, now = Date.now()): Promise<ShopStatus> {
  const connection = await getConnection(db, tenantId)
  if (!connection) {
    return {
      state: 'not_configured',
      message: "The shop's backend is not connected yet: an admin sets its webhook URL in Settings → Shop.",
      lastError: null,
      lastCallAt: null,
      pausedUntil: null,
    }
  }
  const calls = await recentCalls(db, tenantId)
  const last = calls[0]
  const base = {
    lastError: last?.status === 'failed' ? last.error : null,
    lastCallAt: last?.createdAt.toISOString() ?? null,
    pausedUntil: null,
  }
  const allFailed = calls.length === BREAKER_FAILURES && calls.every((c) => c.status === 'failed')
  if (allFailed && last && now - last.createdAt.getTime() < BREAKER_PAUSE_MS) {
    const seconds = Math.ceil((BREAKER_PAUSE_MS - (now - last.createdAt.getTime())) / 1000)
    return {
      ...base,
      pausedUntil: new Date(last.createdAt.getTime() + BREAKER_PAUSE_MS).toISOString(),
      state: 'circuit_open',
      message: `The shop's backend failed ${BREAKER_FAILURES} times in a row (${last.error}). Kefu pauses calls for ${seconds} s; order cards may be out of date.`,
    }
  }
  if (last?.status === 'failed') {
    return { ...base, state: 'failing', message: `The last call to the shop failed: ${last.error}` }
  }
  return { ...base, state: 'ok', message: "The shop's backend answers." }
}

import { type Db, rateLimits } from '@kefu/db'
import { sql } from 'drizzle-orm'
import { KefuError } from '../errors.ts'

export interface RateLimit {
  /** What is limited and for whom, e.g. `login:ip:203.0.113.9`. */
  key: string
  limit: number
  windowSeconds: number
}

/**
 * Counts one use in the current fixed window, in the database so every API process shares the
 * count, and throws `rate_limited` with Retry-After once the limit is passed.
 */
export async function consumeRateLimit(db: Db, { key, limit, windowSeconds }: RateLimit): Promise<void> {
  const nowMs = Date.now()
  const windowMs = windowSeconds * 1000
  const windowStart = new Date(Math.floor(nowMs / windowMs) * windowMs)
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowStart, count: 1 })
    .onConflictDoUpdate({
      target: [rateLimits.key, rateLimits.windowStart],
      set: { count: sql`${rateLimits.count} + 1` },
    })
    .returning({ count: rateLimits.count })
  if (Math.random() < 0.01) {
    await db.delete(rateLimits).where(sql`${rateLimits.windowStart} < now() - interval '1 day'`)
  }
  if ((row?.count ?? 0) > limit) {
    const retryAfter = Math.max(1, Math.ceil((windowStart.getTime() + windowMs - nowMs) / 1000))
    throw new KefuError('rate_limited', `Too many attempts; try again in ${retryAfter} s`, {
      headers: { 'Retry-After': String(retryAfter) },
    })
  }
}

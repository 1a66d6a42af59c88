/**
 * Remembers the answer given to each webhook delivery, so a retry of the same delivery
 * (same `Kefu-Delivery` id, same body) gets the same answer without running the shop's
 * handler again, and a different body under a used id is refused.
 */

/** What is kept per delivery id: a hash of the body and the successful answer. */
export interface ReplayRecord {
  /** hex SHA-256 of the raw request body. */
  bodyHash: string
  status: number
  /** The JSON response body. */
  body: string
}

/**
 * Pluggable storage. The default is in memory (one process); a shop with several processes
 * can implement this on Redis (`SET key value EX ttl`) or a database table.
 */
export interface ReplayStore {
  get(deliveryId: string): Promise<ReplayRecord | undefined> | ReplayRecord | undefined
  set(deliveryId: string, record: ReplayRecord, ttlSeconds: number): Promise<void> | void
}

/** Kefu retries a delivery for 24 hours, so answers are kept that long. */
export const REPLAY_TTL_SECONDS = 24 * 60 * 60

export interface MemoryReplayStoreOptions {
  /** Oldest entries are dropped beyond this many (bounds memory). Default 10 000. */
  maxEntries?: number
  /** Clock in milliseconds (tests). */
  now?: () => number
}

export function createMemoryReplayStore(options: MemoryReplayStoreOptions = {}): ReplayStore {
  const maxEntries = options.maxEntries ?? 10_000
  const now = options.now ?? Date.now
  const entries = new Map<string, { record: ReplayRecord; expiresAt: number }>()

  return {
    get(deliveryId) {
      const entry = entries.get(deliveryId)
      if (!entry) return undefined
      if (entry.expiresAt <= now()) {
        entries.delete(deliveryId)
        return undefined
      }
      return entry.record
    },
    set(deliveryId, record, ttlSeconds) {
      entries.delete(deliveryId)
      entries.set(deliveryId, { record, expiresAt: now() + ttlSeconds * 1000 })
      // Map keeps insertion order, so the first keys are the oldest.
      for (const [key, entry] of entries) {
        if (entries.size <= maxEntries && entry.expiresAt > now()) break
        entries.delete(key)
      }
    },
  }
}

/** A small time-limited cache for shop look-ups (buyers re-open the same order card often). */
export class TtlCache<V> {
  readonly #entries = new Map<string, { value: V; until: number }>()

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 5000,
  ) {}

  get(key: string, now = Date.now()): V | undefined {
    const hit = this.#entries.get(key)
    if (!hit) return undefined
    if (hit.until <= now) {
      this.#entries.delete(key)
      return undefined
    }
    return hit.value
  }

  set(key: string, value: V, now = Date.now()): void {
    if (this.#entries.size >= this.maxEntries) {
      const oldest = this.#entries.keys().next().value
      if (oldest !== undefined) this.#entries.delete(oldest)
    }
    this.#entries.set(key, { value, until: now + this.ttlMs })
  }

  /** Drops every entry whose key starts with `prefix` (an order changed). */
  invalidate(prefix: string): void {
    for (const key of this.#entries.keys()) if (key.startsWith(prefix)) this.#entries.delete(key)
  }
}

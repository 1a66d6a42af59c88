import { KefuError } from '../errors.ts'

export interface BucketRule {
  /** Tokens at most (the burst). */
  capacity: number
  /** Tokens added per second. */
  refillPerSecond: number
}

/**
 * Token buckets in memory, for paths too hot to count in the database (messages, typing). Each
 * process counts on its own, so N processes allow up to N× the rate; login and session opening
 * use the shared database limiter instead.
 */
export class RateLimiter {
  readonly #buckets = new Map<string, { tokens: number; at: number }>()

  constructor(private readonly rules: Record<string, BucketRule>) {}

  /** Takes a token or returns false. */
  tryTake(rule: string, key: string, now = Date.now()): boolean {
    const r = this.rules[rule]
    if (!r) throw new Error(`unknown rate rule ${rule}`)
    const id = `${rule}:${key}`
    const b = this.#buckets.get(id) ?? { tokens: r.capacity, at: now }
    b.tokens = Math.min(r.capacity, b.tokens + ((now - b.at) / 1000) * r.refillPerSecond)
    b.at = now
    if (this.#buckets.size > 100_000) this.#buckets.clear()
    this.#buckets.set(id, b)
    if (b.tokens < 1) return false
    b.tokens -= 1
    return true
  }

  /** Takes a token or throws `rate_limited` with Retry-After. */
  take(rule: string, key: string): void {
    if (this.tryTake(rule, key)) return
    const r = this.rules[rule]!
    const retryAfter = Math.max(1, Math.ceil(1 / r.refillPerSecond))
    throw new KefuError('rate_limited', `Slow down: try again in ${retryAfter} s`, {
      headers: { 'Retry-After': String(retryAfter) },
    })
  }
}

export const defaultRules = {
  /** A buyer typing fast, or a short burst of pasted lines. */
  visitorMessage: { capacity: 20, refillPerSecond: 1 },
  agentMessage: { capacity: 60, refillPerSecond: 5 },
  ipMessage: { capacity: 120, refillPerSecond: 10 },
  typing: { capacity: 10, refillPerSecond: 3 },
  upload: { capacity: 10, refillPerSecond: 0.2 },
  /** A shop's backend pushing events and messages. */
  shopApi: { capacity: 200, refillPerSecond: 50 },
} satisfies Record<string, BucketRule>

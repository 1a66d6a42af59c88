import { describe, expect, it } from 'vitest'
import { parseRetryAfterMs, retryDelayMs } from './retry.ts'

describe('retryDelayMs', () => {
  const backoff = { baseMs: 100, maxMs: 1000 }

  it('doubles per attempt, jittered between half and all of it, capped', () => {
    expect(retryDelayMs(0, backoff, undefined, () => 0)).toBe(50)
    expect(retryDelayMs(0, backoff, undefined, () => 1)).toBe(100)
    expect(retryDelayMs(2, backoff, undefined, () => 1)).toBe(400)
    expect(retryDelayMs(10, backoff, undefined, () => 1)).toBe(1000)
  })

  it('prefers Retry-After', () => {
    const response = new Response(null, { status: 429, headers: { 'Retry-After': '3' } })
    expect(retryDelayMs(0, backoff, response)).toBe(3000)
  })
})

describe('parseRetryAfterMs', () => {
  it('reads seconds and HTTP dates, ignores junk', () => {
    const now = Date.parse('2025-11-20T00:00:00Z')
    expect(parseRetryAfterMs('2', now)).toBe(2000)
    expect(parseRetryAfterMs('Thu, 20 Nov 2025 00:00:05 GMT', now)).toBe(5000)
    expect(parseRetryAfterMs('Wed, 19 Nov 2025 00:00:00 GMT', now)).toBe(0)
    expect(parseRetryAfterMs('soon', now)).toBeUndefined()
    expect(parseRetryAfterMs(null, now)).toBeUndefined()
  })
})

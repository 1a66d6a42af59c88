/**
 * How long to wait before retry number `attempt` (0-based): the server's `Retry-After` when it
 * sent one (seconds or an HTTP date), else `min(maxMs, baseMs · 2^attempt)` jittered to 50–100 %
 * so many shops retrying after one outage do not arrive in lock-step.
 */
export function retryDelayMs(
  attempt: number,
  backoff: { baseMs: number; maxMs: number },
  response?: Response,
  random: () => number = Math.random,
): number {
  const retryAfter = response ? parseRetryAfterMs(response.headers.get('Retry-After')) : undefined
  if (retryAfter !== undefined) return retryAfter
  const ceiling = Math.min(backoff.maxMs, backoff.baseMs * 2 ** attempt)
  return Math.round(ceiling * (0.5 + random() / 2))
}

/** `Retry-After: 2` or `Retry-After: Wed, 21 Oct 2025 07:28:00 GMT` → milliseconds from now. */
export function parseRetryAfterMs(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null) return undefined
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000
  const date = Date.parse(trimmed)
  if (Number.isNaN(date)) return undefined
  return Math.max(0, date - now)
}

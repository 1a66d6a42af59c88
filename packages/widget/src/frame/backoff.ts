/**
 * Delay before reconnect attempt `attempt` (0, 1, 2…): exponential from `base` up to `max`, with
 * "equal jitter" (half fixed, half random) so a restarted server is not hit by every widget at once
 * yet nobody retries instantly.
 */
export function backoffDelay(attempt: number, random = Math.random, base = 500, max = 15_000): number {
  const ceiling = Math.min(max, base * 2 ** Math.min(attempt, 20))
  return Math.round(ceiling / 2 + random() * (ceiling / 2))
}

/** Resolves after `ms`: the wait between retries. */
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

import { expect, it } from 'vitest'
import { backoffDelay } from './backoff.ts'

it('doubles up to the ceiling and spreads each step over its upper half', () => {
  expect([0, 1, 2, 3].map((n) => backoffDelay(n, () => 0))).toEqual([250, 500, 1000, 2000])
  expect([0, 1, 2, 3].map((n) => backoffDelay(n, () => 1))).toEqual([500, 1000, 2000, 4000])
  expect(backoffDelay(50, () => 1)).toBe(15_000)
  expect(backoffDelay(50, () => 0)).toBe(7_500)
})

import { describe, expect, it } from 'vitest'
import { hasPrefix, newId, randomBase58 } from './ids.ts'

describe('ids', () => {
  it('prefixes ids with their kind', () => {
    const id = newId('tenant')
    expect(id).toMatch(/^ten_[1-9A-HJ-NP-Za-km-z]{22}$/)
    expect(hasPrefix(id, 'tenant')).toBe(true)
    expect(hasPrefix(id, 'agent')).toBe(false)
  })

  it('does not repeat', () => {
    const ids = new Set(Array.from({ length: 2000 }, () => randomBase58(22)))
    expect(ids.size).toBe(2000)
  })
})

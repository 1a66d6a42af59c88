import { describe, expect, it } from 'vitest'
import { createMemoryReplayStore } from './replay-store.ts'

const record = { bodyHash: 'h', status: 200, body: '{"orders":[]}' }

describe('createMemoryReplayStore', () => {
  it('keeps an answer until its time-to-live runs out', () => {
    let clock = 0
    const store = createMemoryReplayStore({ now: () => clock })
    store.set('dlv_1', record, 60)
    clock = 59_999
    expect(store.get('dlv_1')).toEqual(record)
    clock = 60_000
    expect(store.get('dlv_1')).toBeUndefined()
  })

  it('drops the oldest answers beyond maxEntries', () => {
    const store = createMemoryReplayStore({ maxEntries: 2 })
    store.set('dlv_1', record, 60)
    store.set('dlv_2', record, 60)
    store.set('dlv_3', record, 60)
    expect(store.get('dlv_1')).toBeUndefined()
    expect(store.get('dlv_2')).toEqual(record)
    expect(store.get('dlv_3')).toEqual(record)
  })
})

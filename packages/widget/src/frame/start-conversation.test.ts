import type { Conversation } from '@kefu/protocol'
import type { Order } from '@kefu/protocol/shop'
import { describe, expect, it, vi } from 'vitest'
import { conversationStarter } from './start-conversation.ts'
import { type ChatState, initialState } from './state.ts'
import { Store } from './store.ts'
import { testConversation } from './test-fixtures.ts'

const conversation = testConversation({ id: 'cnv_9' })

const order: Order = {
  orderNo: 'DJK7Q2M9',
  status: 'delivered',
  createdAt: '2025-01-01T00:00:00Z',
  amount: { value: '10.00', currency: 'CNY' },
  buyer: {},
  items: [],
  codes: [],
  delivered: 1,
  expected: 1,
  actions: { resend: true, refund: false },
}

/** A buyer on a new thread with a queued message and an order card there. */
function newThread() {
  return new Store<ChatState>({
    ...initialState('en'),
    view: { kind: 'thread', id: 'new_a' },
    outbox: [{ clientId: 'w_client1', conversationId: 'new_a', text: 'hi', attachments: [], createdAt: '' }],
    cards: { new_a: { order, after: 0 } },
  })
}

describe('conversation starter', () => {
  it("starts a new thread's conversation once, however many ask, and moves the thread onto it", async () => {
    const store = newThread()
    const startConversation = vi.fn(async () => ({ conversation }))
    const conversationId = conversationStarter(store, { startConversation })
    await expect(Promise.all([conversationId('new_a'), conversationId('new_a')])).resolves.toEqual([
      'cnv_9',
      'cnv_9',
    ])
    expect(await conversationId('new_a')).toBe('cnv_9')
    expect(startConversation).toHaveBeenCalledTimes(1)
    const s = store.get()
    expect(s.conversations.map((c) => c.id)).toEqual(['cnv_9'])
    expect(s.messages.cnv_9).toEqual([])
    expect(s.outbox.map((p) => p.conversationId)).toEqual(['cnv_9'])
    expect(s.view).toEqual({ kind: 'thread', id: 'cnv_9' })
    expect(s.cards.cnv_9?.order.orderNo).toBe('DJK7Q2M9')
  })

  it('passes a real conversation id through without a call', async () => {
    const startConversation = vi.fn(async () => ({ conversation }))
    await expect(conversationStarter(newThread(), { startConversation })('cnv_1')).resolves.toBe('cnv_1')
    expect(startConversation).not.toHaveBeenCalled()
  })

  it('tries again after a start that failed', async () => {
    const store = newThread()
    const startConversation = vi
      .fn<() => Promise<{ conversation: Conversation }>>()
      .mockRejectedValueOnce(new Error('offline'))
      .mockResolvedValue({ conversation })
    const conversationId = conversationStarter(store, { startConversation })
    await expect(conversationId('new_a')).rejects.toThrow('offline')
    expect(store.get().view).toEqual({ kind: 'thread', id: 'new_a' })
    await expect(conversationId('new_a')).resolves.toBe('cnv_9')
    expect(startConversation).toHaveBeenCalledTimes(2)
  })
})

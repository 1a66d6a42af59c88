import type { ClientFrame, Message } from '@kefu/protocol'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createOutbox } from './outbox.ts'
import { type ChatState, initialState, type PendingMessage } from './state.ts'
import { Store } from './store.ts'

type SendFrame = Extract<ClientFrame, { type: 'message.send' }>

const pending = (n: number, conversationId = 'cnv_1'): PendingMessage => ({
  clientId: `w_client${n}`,
  conversationId,
  text: `message ${n}`,
  attachments: [],
  createdAt: '2025-01-01T00:00:00Z',
})

/** What the server stores for a sent frame (the ack carries it). */
const stored = (frame: SendFrame, seq: number): Message => ({
  id: `msg_${seq}`,
  conversationId: frame.conversationId,
  seq,
  clientId: frame.clientId,
  author: { type: 'visitor', id: 'vis_1', name: null },
  text: frame.text,
  internal: false,
  attachments: [],
  createdAt: '2025-01-01T00:00:01Z',
})

/** An outbox over a fake socket that records what was sent; `open: false` makes `send` fail. */
function setup(outbox: PendingMessage[], connection: ChatState['connection'] = 'online') {
  const store = new Store<ChatState>({ ...initialState('en'), connection, outbox })
  const socket = { open: true, sent: [] as SendFrame[] }
  const box = createOutbox(
    store,
    (frame) => {
      if (!socket.open) return false
      if (frame.type === 'message.send') socket.sent.push(frame)
      return true
    },
    async (id) => (id === 'new_thread' ? 'cnv_new' : id),
  )
  let seq = 0
  const ackLast = () => {
    const frame = socket.sent.at(-1)
    if (!frame) throw new Error('nothing was sent')
    box.settle({ type: 'ack', clientId: frame.clientId, message: stored(frame, ++seq) })
  }
  return { store, socket, box, ackLast }
}

/** Lets the sender's promises run (and moves fake time on by `ms`). */
const tick = (ms = 0) => vi.advanceTimersByTimeAsync(ms)
const texts = (store: Store<ChatState>, id = 'cnv_1') => store.get().messages[id]?.map((m) => m.text)

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('outbox', () => {
  it('sends one message at a time, oldest first, each after the previous one was acknowledged', async () => {
    const { store, socket, box, ackLast } = setup([pending(1), pending(2)])
    void box.flush()
    void box.flush()
    await tick()
    expect(socket.sent.map((f) => f.text)).toEqual(['message 1'])
    ackLast()
    await tick()
    expect(socket.sent.map((f) => f.text)).toEqual(['message 1', 'message 2'])
    expect(store.get().outbox.map((p) => p.text)).toEqual(['message 2'])
    ackLast()
    await tick()
    expect(store.get().outbox).toEqual([])
    expect(texts(store)).toEqual(['message 1', 'message 2'])
  })

  it('keeps what the buyer writes while offline and sends it when flushed online', async () => {
    const { store, socket, box, ackLast } = setup([], 'offline')
    box.add(pending(1))
    await tick()
    expect(socket.sent).toEqual([])
    expect(store.get().outbox.map((p) => p.text)).toEqual(['message 1'])
    store.update((s) => ({ ...s, connection: 'online' }))
    void box.flush()
    await tick()
    ackLast()
    await tick()
    expect(texts(store)).toEqual(['message 1'])
  })

  it("sends a new thread's messages to the conversation started for it", async () => {
    const { socket, box } = setup([pending(1, 'new_thread')])
    void box.flush()
    await tick()
    expect(socket.sent[0]?.conversationId).toBe('cnv_new')
  })

  it('marks a refused message failed and goes on; a retry sends it again with the same clientId', async () => {
    const { store, socket, box, ackLast } = setup([pending(1), pending(2)])
    void box.flush()
    await tick()
    box.settle({ type: 'error', code: 'invalid_request', message: 'no', clientId: 'w_client1' })
    await tick()
    expect(store.get().outbox.map((p) => [p.text, p.failed])).toEqual([
      ['message 1', 'invalid_request'],
      ['message 2', undefined],
    ])
    expect(socket.sent.map((f) => f.text)).toEqual(['message 1', 'message 2'])
    ackLast()
    await tick()
    box.retry('w_client1')
    await tick()
    expect(socket.sent.map((f) => f.clientId)).toEqual(['w_client1', 'w_client2', 'w_client1'])
    ackLast()
    await tick()
    expect(store.get().outbox).toEqual([])
  })

  it('tries the same clientId again 3 s after a rate limit, and 3 s after 20 s without an ack', async () => {
    const { socket, box } = setup([pending(1)])
    void box.flush()
    await tick()
    box.settle({ type: 'error', code: 'rate_limited', message: 'slow down', clientId: 'w_client1' })
    await tick(2900)
    expect(socket.sent).toHaveLength(1)
    await tick(100)
    expect(socket.sent).toHaveLength(2)
    await tick(19_900)
    expect(socket.sent).toHaveLength(2)
    await tick(3100)
    expect(socket.sent.map((f) => f.clientId)).toEqual(['w_client1', 'w_client1', 'w_client1'])
  })

  it('stops when the socket closes, keeping the message for the next flush', async () => {
    const { store, socket, box, ackLast } = setup([pending(1)])
    void box.flush()
    await tick()
    box.closed()
    await tick(60_000)
    expect(socket.sent).toHaveLength(1)
    expect(store.get().outbox.map((p) => [p.text, p.failed])).toEqual([['message 1', undefined]])

    socket.open = false
    void box.flush()
    await tick(60_000)
    expect(socket.sent).toHaveLength(1)

    socket.open = true
    void box.flush()
    await tick()
    ackLast()
    await tick()
    expect(socket.sent.map((f) => f.clientId)).toEqual(['w_client1', 'w_client1'])
    expect(texts(store)).toEqual(['message 1'])
  })

  it('discards a message the buyer gave up on', () => {
    const { store, box } = setup([pending(1), pending(2)], 'offline')
    box.discard('w_client1')
    expect(store.get().outbox.map((p) => p.text)).toEqual(['message 2'])
  })
})

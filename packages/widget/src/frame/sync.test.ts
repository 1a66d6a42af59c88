import type { Message, ServerEvent } from '@kefu/protocol'
import type { FrameToHost } from '@kefu/protocol/frame'
import { describe, expect, it, vi } from 'vitest'
import { type ChatState, initialState } from './state.ts'
import { Store } from './store.ts'
import { createSync } from './sync.ts'
import { testConversation } from './test-fixtures.ts'

const conversation = testConversation()

const reply = (seq: number, author: Message['author'] = { type: 'agent', id: 'agt_1', name: 'Mei' }) =>
  ({
    type: 'message.created',
    eventId: `evt_${seq}`,
    cursor: `cur_${seq}`,
    message: {
      id: `msg_${seq}`,
      conversationId: 'cnv_1',
      seq,
      clientId: null,
      author,
      text: `m${seq}`,
      internal: false,
      attachments: [],
      createdAt: '2025-01-01T00:00:01Z',
    },
  }) satisfies ServerEvent

/** Sync over a fake API: `events` pages come from `pages`, in order. */
function setup(pages: { events: ServerEvent[]; cursor: string; more: boolean }[] = []) {
  const store = new Store<ChatState>({ ...initialState('en'), conversations: [conversation] })
  const posted: FrameToHost[] = []
  const api = {
    messages: vi.fn(async () => ({ messages: [], nextBefore: null })),
    listConversations: vi.fn(async () => ({ conversations: [conversation], nextCursor: null })),
    tickets: vi.fn(async () => ({ tickets: [] })),
    events: vi.fn(async (_cursor: string) => pages.shift() ?? { events: [], cursor: 'end', more: false }),
  }
  const outbox = { settle: vi.fn() }
  const markRead = vi.fn()
  const sync = createSync(store, api, outbox, { post: (m) => posted.push(m) }, markRead)
  return { store, api, outbox, posted, markRead, sync }
}

const texts = (store: Store<ChatState>) => store.get().messages.cnv_1?.map((m) => m.text)

describe('sync', () => {
  it("applies each event once, moves the cursor, and tells the page about replies, not the buyer's own", () => {
    const { store, posted, markRead, sync } = setup()
    sync.onEvent(reply(1))
    sync.onEvent(reply(1))
    sync.onEvent(reply(2, { type: 'visitor', id: 'vis_1', name: null }))
    expect(texts(store)).toEqual(['m1', 'm2'])
    expect(sync.cursor()).toBe('cur_2')
    expect(posted).toEqual([{ type: 'kefu:message', payload: { conversationId: 'cnv_1', author: 'agent' } }])
    expect(markRead).toHaveBeenCalledTimes(2)
  })

  it('hands acks and refusals to the outbox', () => {
    const { store, outbox, sync } = setup()
    const refused = { type: 'error', code: 'invalid_request', message: 'no', clientId: 'w_client1' } as const
    sync.onEvent(refused)
    expect(outbox.settle).toHaveBeenCalledWith(refused)
    expect(store.get().messages).toEqual({})
  })

  it('reads the list and tickets on the first ready only, until forgotten', async () => {
    const { api, sync } = setup()
    sync.onEvent({ type: 'ready', cursor: 'cur_0' })
    sync.onEvent({ type: 'ready', cursor: 'cur_0' })
    await vi.waitFor(() => expect(api.listConversations).toHaveBeenCalledTimes(1))
    expect(api.tickets).toHaveBeenCalledTimes(1)
    sync.forget()
    expect(sync.cursor()).toBeUndefined()
    sync.onEvent({ type: 'ready', cursor: 'cur_0' })
    await vi.waitFor(() => expect(api.listConversations).toHaveBeenCalledTimes(2))
  })

  it('catches up from the cursor after a resync, page by page', async () => {
    const { store, api, sync } = setup([
      // The next page starts at the page's cursor, which need not be its last event's.
      { events: [reply(1), reply(2)], cursor: 'cur_2+', more: true },
      { events: [reply(2), reply(3)], cursor: 'cur_3+', more: false },
    ])
    sync.onEvent({ type: 'ready', cursor: 'cur_0' })
    sync.onEvent({ type: 'resync' })
    await vi.waitFor(() => expect(sync.cursor()).toBe('cur_3+'))
    expect(api.events.mock.calls.map(([cursor]) => cursor)).toEqual(['cur_0', 'cur_2+'])
    expect(texts(store)).toEqual(['m1', 'm2', 'm3'])
  })
})

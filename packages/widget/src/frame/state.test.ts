import type { BuyerTicket, Message } from '@kefu/protocol'
import { describe, expect, it } from 'vitest'
import { applyEvent, applyMessage, applyTicket, initialState, mergeMessages } from './state.ts'
import { testConversation } from './test-fixtures.ts'

const message = (seq: number, over: Partial<Message> = {}): Message => ({
  id: `msg_${seq}`,
  conversationId: 'cnv_1',
  seq,
  clientId: null,
  author: { type: 'agent', id: 'agt_1', name: 'Mei' },
  text: `m${seq}`,
  internal: false,
  attachments: [],
  createdAt: `2025-01-01T00:00:0${seq}Z`,
  ...over,
})

const conversation = testConversation()

describe('chat state', () => {
  it('keeps one copy of each message, in seq order, whatever order they arrive in', () => {
    const thread = mergeMessages([message(2)], [message(3), message(1), message(2)])
    expect(thread.map((m) => m.seq)).toEqual([1, 2, 3])
  })

  it('never shows internal notes', () => {
    expect(mergeMessages([], [message(1, { internal: true })])).toEqual([])
  })

  it('moves an acknowledged message out of the outbox by its clientId', () => {
    const state = {
      ...initialState('en'),
      conversations: [conversation],
      outbox: [
        { clientId: 'c_aaaaaaaa', conversationId: 'cnv_1', text: 'hi', attachments: [], createdAt: '' },
        { clientId: 'c_bbbbbbbb', conversationId: 'cnv_1', text: 'there', attachments: [], createdAt: '' },
      ],
    }
    const next = applyMessage(
      state,
      message(1, { clientId: 'c_aaaaaaaa', author: { type: 'visitor', id: 'v', name: null } }),
    )
    expect(next.outbox.map((p) => p.clientId)).toEqual(['c_bbbbbbbb'])
    expect(next.conversations[0]?.lastSeq).toBe(1)
    expect(next.messages.cnv_1?.map((m) => m.text)).toEqual(['m1'])
  })

  it('records read receipts and agent typing', () => {
    let state = { ...initialState('en'), conversations: [conversation] }
    state = applyEvent(state, {
      type: 'read',
      eventId: 'e1',
      cursor: 'c',
      conversationId: 'cnv_1',
      reader: 'agent',
      seq: 4,
    })
    state = applyEvent(state, {
      type: 'read',
      eventId: 'e2',
      cursor: 'c',
      conversationId: 'cnv_1',
      reader: 'agent',
      seq: 2,
    })
    expect(state.conversations[0]?.readByAgent).toBe(4)
    state = applyEvent(state, {
      type: 'typing',
      conversationId: 'cnv_1',
      author: { type: 'agent', id: 'agt_1', name: 'Mei' },
      typing: true,
    })
    expect(state.agentTyping.cnv_1).toBe(true)
    state = applyEvent(state, { type: 'message.created', eventId: 'e3', cursor: 'c', message: message(5) })
    expect(state.agentTyping.cnv_1).toBe(false)
  })

  it("keeps each conversation's newest ticket in its latest version, whatever order they arrive in", () => {
    const ticket = (id: string, createdAt: string, updatedAt: string, status: BuyerTicket['status']) =>
      ({
        id,
        number: 1000,
        conversationId: 'cnv_1',
        subject: 'no code',
        category: 'code_not_received',
        status,
        orderNos: [],
        createdAt,
        updatedAt,
        steps: [{ status, at: updatedAt }],
      }) satisfies BuyerTicket
    const first = ticket('tkt_1', '2025-01-01T00:00:01Z', '2025-01-01T00:00:01Z', 'new')
    const solved = ticket('tkt_1', '2025-01-01T00:00:01Z', '2025-01-01T00:00:05Z', 'solved')
    const second = ticket('tkt_2', '2025-01-01T00:00:09Z', '2025-01-01T00:00:09Z', 'open')
    let state = applyEvent(initialState('en'), {
      type: 'ticket.updated',
      eventId: 'e1',
      cursor: 'c',
      ticket: solved,
    })
    // A list fetched before the change answers late: it does not undo it.
    state = applyTicket(state, first)
    expect(state.tickets.cnv_1?.status).toBe('solved')
    state = [first, second].reduce(applyTicket, state)
    expect(state.tickets.cnv_1?.id).toBe('tkt_2')
    expect(applyTicket(state, { ...first, status: 'closed', updatedAt: '2025-01-02T00:00:00Z' })).toBe(state)
    expect(applyTicket(state, { ...second, conversationId: null })).toBe(state)
  })
})

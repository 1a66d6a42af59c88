import type { ServerEvent } from '@kefu/protocol'
import { asApiError, type WidgetApi } from './api.ts'
import type { Bridge } from './bridge.ts'
import { isLocalConversation } from './ids.ts'
import type { Outbox } from './outbox.ts'
import { applyEvent, applyTicket, type ChatState, mergeMessages, upsertConversation } from './state.ts'
import type { Store } from './store.ts'

export interface Sync {
  /** The last event position seen, to resume from after a reconnect. */
  cursor(): string | undefined
  /** An event from the socket: acks go to the outbox, the rest into the store, each event once. */
  onEvent(e: ServerEvent): void
  /** A page of a thread's messages: the newest, or those before `before`. */
  loadHistory(id: string, before?: number): Promise<void>
  /** Drops every conversation and the cursor: the browser is another visitor now, or none yet. */
  forget(): void
}

/**
 * Keeps the frame's copy of the buyer's conversations in step with the server: socket events are
 * applied once each (by eventId), a `resync` catches up from the cursor over HTTP, and a connection
 * made without a cursor reads the list, the tickets and the open threads afresh.
 */
export function createSync(
  store: Store<ChatState>,
  api: Pick<WidgetApi, 'messages' | 'listConversations' | 'tickets' | 'events'>,
  outbox: Pick<Outbox, 'settle'>,
  bridge: Pick<Bridge, 'post'>,
  /** Called whenever the open thread may have new messages. */
  markRead: () => void,
): Sync {
  let cursor: string | undefined
  let catchUpOnReady = true
  const seen = new Set<string>()

  const onEvent = (e: ServerEvent) => {
    if ('eventId' in e) {
      if (seen.has(e.eventId)) return
      seen.add(e.eventId)
      cursor = e.cursor
    }
    switch (e.type) {
      case 'ready':
        cursor = e.cursor
        if (catchUpOnReady) void refresh()
        catchUpOnReady = false
        return
      case 'resync':
        return void catchUp()
      case 'ack':
      case 'error':
        return outbox.settle(e)
    }
    store.update((s) => applyEvent(s, e))
    if (e.type === 'message.created') {
      const { conversationId, author } = e.message
      if (!store.get().conversations.some((c) => c.id === conversationId)) void refresh()
      if (author.type !== 'visitor' && !e.message.internal)
        bridge.post({ type: 'kefu:message', payload: { conversationId, author: author.type } })
    }
    markRead()
  }

  const loadHistory = async (id: string, before?: number) => {
    if (isLocalConversation(id)) return
    try {
      const page = await api.messages(id, before)
      store.update((s) => ({
        ...s,
        messages: { ...s.messages, [id]: mergeMessages(s.messages[id], page.messages) },
        older: { ...s.older, [id]: page.nextBefore },
      }))
      markRead()
    } catch (err) {
      console.warn('[kefu] history failed:', asApiError(err).code)
    }
  }

  /** After connecting without a cursor: the list, tickets and open threads as they are now. */
  const refresh = async () => {
    void loadTickets()
    try {
      const { conversations } = await api.listConversations()
      store.update((s) => ({
        ...s,
        conversations: conversations.reduce(upsertConversation, s.conversations),
      }))
      for (const id of Object.keys(store.get().messages)) await loadHistory(id)
    } catch (err) {
      console.warn('[kefu] refresh failed:', asApiError(err).code)
    }
  }

  /** Each conversation's newest ticket; later changes arrive as `ticket.updated`. */
  const loadTickets = async () => {
    try {
      const { tickets } = await api.tickets()
      store.update((s) => tickets.reduce(applyTicket, s))
    } catch (err) {
      console.warn('[kefu] tickets failed:', asApiError(err).code)
    }
  }

  const catchUp = async () => {
    if (!cursor) return void refresh()
    try {
      for (let more = true; more; ) {
        const page = await api.events(cursor)
        for (const e of page.events) onEvent(e)
        cursor = page.cursor
        more = page.more
      }
    } catch (err) {
      console.warn('[kefu] catch-up failed:', asApiError(err).code)
    }
  }

  return {
    cursor: () => cursor,
    onEvent,
    loadHistory,
    forget() {
      cursor = undefined
      catchUpOnReady = true
      seen.clear()
      store.update((s) => ({
        ...s,
        conversations: [],
        messages: {},
        older: {},
        view: null,
        agentTyping: {},
        cards: {},
        tickets: {},
      }))
    },
  }
}

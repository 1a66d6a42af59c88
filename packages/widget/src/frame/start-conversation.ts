import type { WidgetApi } from './api.ts'
import { isLocalConversation } from './ids.ts'
import { type ChatState, upsertConversation } from './state.ts'
import type { Store } from './store.ts'

/**
 * The server's id for a thread's conversation. A new thread (`new_…`) gets its conversation on
 * first need, once, even when a message and an order look-up both need it; its queued messages,
 * its view and its order card move to the real id. A start that failed is tried again next time.
 */
export function conversationStarter(
  store: Store<ChatState>,
  api: Pick<WidgetApi, 'startConversation'>,
): (threadId: string) => Promise<string> {
  const starting = new Map<string, Promise<string>>()
  return async (localId) => {
    if (!isLocalConversation(localId)) return localId
    let started = starting.get(localId)
    if (!started) {
      started = api.startConversation().then(({ conversation }) => {
        const id = conversation.id
        store.update((s) => ({
          ...s,
          conversations: upsertConversation(s.conversations, conversation),
          messages: { ...s.messages, [id]: s.messages[id] ?? [] },
          outbox: s.outbox.map((p) => (p.conversationId === localId ? { ...p, conversationId: id } : p)),
          view: s.view?.kind === 'thread' && s.view.id === localId ? { kind: 'thread', id } : s.view,
          cards: s.cards[localId] ? { ...s.cards, [id]: s.cards[localId] } : s.cards,
        }))
        return id
      })
      starting.set(localId, started)
      started.catch(() => starting.delete(localId))
    }
    return started
  }
}

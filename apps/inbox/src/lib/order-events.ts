import type { Order } from '@kefu/protocol/shop'

/** `order.updated` from the agent socket, and `null` after a reconnect (refresh everything). */
type Listener = (update: { conversationId: string; order: Order } | null) => void
const listeners = new Set<Listener>()

export function onOrderUpdate(listener: Listener): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export function emitOrderUpdate(update: { conversationId: string; order: Order } | null): void {
  for (const l of listeners) l(update)
}

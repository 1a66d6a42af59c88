import type { Ticket } from '@kefu/protocol'

/** `ticket.updated` from the agent socket, and `null` after a reconnect (refresh everything). */
type Listener = (ticket: Ticket | null) => void
const listeners = new Set<Listener>()

export function onTicketUpdate(listener: Listener): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export function emitTicketUpdate(ticket: Ticket | null): void {
  for (const l of listeners) l(ticket)
}

/** A buyer wrote in a conversation: what a new ticket would be prefilled with may have changed. */
const buyerListeners = new Set<(conversationId: string) => void>()

export function onBuyerMessage(listener: (conversationId: string) => void): () => void {
  buyerListeners.add(listener)
  return () => buyerListeners.delete(listener)
}

export function emitBuyerMessage(conversationId: string): void {
  for (const l of buyerListeners) l(conversationId)
}

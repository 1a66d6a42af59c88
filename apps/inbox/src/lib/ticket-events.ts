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

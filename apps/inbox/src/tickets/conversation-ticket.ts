import type { ConversationTicket, CreateTicket, TicketDetail, UpdateTicket } from '@kefu/protocol'
import { useEffect } from 'preact/hooks'
import { api } from '../lib/api.ts'
import { createStore, useStore } from '../lib/store.ts'
import { onBuyerMessage, onTicketUpdate } from '../lib/ticket-events.ts'

/** Per conversation: its ticket (with timeline) and the suggestion for a new one, or why it failed to load. */
export interface TicketEntry {
  data?: ConversationTicket
  error?: unknown
}

/** Shared by the side panel and the thread header's badge, so both show the same ticket. */
export const conversationTickets = createStore<{ byConversation: Record<string, TicketEntry> }>({
  byConversation: {},
})

const base = (conversationId: string) => `/v1/conversations/${encodeURIComponent(conversationId)}/ticket`

function setEntry(conversationId: string, update: (cur: TicketEntry) => TicketEntry) {
  conversationTickets.set((s) => ({
    byConversation: {
      ...s.byConversation,
      [conversationId]: update(s.byConversation[conversationId] ?? {}),
    },
  }))
}

/**
 * A write's answer is newer than any read started before it: reads count generations and drop
 * their answer when a write (or a later read) came in between.
 */
const generation = new Map<string, number>()
const bump = (conversationId: string) => {
  const next = (generation.get(conversationId) ?? 0) + 1
  generation.set(conversationId, next)
  return next
}

export async function loadConversationTicket(conversationId: string): Promise<void> {
  const mine = bump(conversationId)
  try {
    const data = await api<ConversationTicket>(base(conversationId))
    if (generation.get(conversationId) === mine) setEntry(conversationId, () => ({ data }))
  } catch (error) {
    if (generation.get(conversationId) === mine) setEntry(conversationId, (cur) => ({ ...cur, error }))
  }
}

function applyTicket(conversationId: string, ticket: TicketDetail) {
  bump(conversationId)
  setEntry(conversationId, (cur) => ({ data: cur.data && { ...cur.data, ticket } }))
  return ticket
}

export async function createTicket(body: CreateTicket): Promise<TicketDetail> {
  return applyTicket(body.conversationId, await api<TicketDetail>('/v1/tickets', { body }))
}

export async function updateTicket(
  conversationId: string,
  ticketId: string,
  change: UpdateTicket,
): Promise<TicketDetail> {
  const ticket = await api<TicketDetail>(`/v1/tickets/${encodeURIComponent(ticketId)}`, {
    method: 'PATCH',
    body: change,
  })
  return applyTicket(conversationId, ticket)
}

export async function addTicketNote(conversationId: string, ticketId: string, text: string) {
  const ticket = await api<TicketDetail>(`/v1/tickets/${encodeURIComponent(ticketId)}/notes`, {
    body: { text },
  })
  return applyTicket(conversationId, ticket)
}

/** Conversations whose ticket panel is on screen, with how many panels show it. */
const shown = new Map<string, number>()

onTicketUpdate((ticket) => {
  const known = new Set([...Object.keys(conversationTickets.get().byConversation), ...shown.keys()])
  for (const conversationId of known) {
    if (ticket && ticket.conversationId !== conversationId) continue
    if (shown.has(conversationId)) void loadConversationTicket(conversationId)
    else setEntry(conversationId, () => ({})) // stale: loaded again when next opened
  }
})

// New words from the buyer may name an order or change the suggested category.
onBuyerMessage((conversationId) => {
  if (shown.has(conversationId)) void loadConversationTicket(conversationId)
})

/** Order numbers the buyer typed or that are linked, as the ticket suggestion saw them (not loading it). */
export function useMentionedOrders(conversationId: string): string[] {
  const { byConversation } = useStore(conversationTickets)
  return byConversation[conversationId]?.data?.suggestion.orderNos ?? []
}

/** The conversation's ticket entry, loaded on open and kept live while shown. */
export function useConversationTicket(conversationId: string): TicketEntry {
  const { byConversation } = useStore(conversationTickets)
  useEffect(() => {
    shown.set(conversationId, (shown.get(conversationId) ?? 0) + 1)
    void loadConversationTicket(conversationId)
    return () => {
      const left = (shown.get(conversationId) ?? 1) - 1
      if (left > 0) shown.set(conversationId, left)
      else shown.delete(conversationId)
    }
  }, [conversationId])
  return byConversation[conversationId] ?? {}
}

/** The conversation's ticket as the side panel loaded it, without loading it (for the header badge). */
export function useLoadedTicket(conversationId: string): TicketDetail | null {
  const { byConversation } = useStore(conversationTickets)
  return byConversation[conversationId]?.data?.ticket ?? null
}

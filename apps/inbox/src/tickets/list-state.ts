import type { Ticket, TicketCategory, TicketList, TicketPriority, TicketStatus } from '@kefu/protocol'
import { doneTicketStatuses } from '@kefu/protocol'
import { api } from '../lib/api.ts'
import { session } from '../lib/session.ts'
import { createStore } from '../lib/store.ts'
import { onTicketUpdate } from '../lib/ticket-events.ts'

export type TicketView = 'mine' | 'unassigned' | 'all'

export interface TicketFilters {
  view: TicketView
  status: TicketStatus | 'active'
  priority: TicketPriority | null
  category: TicketCategory | null
  q: string
}

interface TicketListState extends TicketFilters {
  tickets: Ticket[]
  nextCursor: string | null
  loading: boolean
  error: unknown
}

export const ticketList = createStore<TicketListState>({
  view: 'all',
  status: 'active',
  priority: null,
  category: null,
  q: '',
  tickets: [],
  nextCursor: null,
  loading: false,
  error: null,
})

const newestFirst = (a: Ticket, b: Ticket) => b.updatedAt.localeCompare(a.updatedAt) || b.number - a.number

/** Whether a ticket belongs in the list under the filters (search is the server's job). */
function matchesFilters(ticket: Ticket, f: TicketFilters): boolean {
  const done = (doneTicketStatuses as readonly string[]).includes(ticket.status)
  if (f.status === 'active' ? done : ticket.status !== f.status) return false
  if (f.priority && ticket.priority !== f.priority) return false
  if (f.category && ticket.category !== f.category) return false
  if (f.view === 'mine' && ticket.assignee?.id !== session.get().me?.agent.id) return false
  if (f.view === 'unassigned' && ticket.assignee) return false
  return true
}

let request = 0

export async function loadTickets(more = false): Promise<void> {
  const s = ticketList.get()
  const mine = ++request
  ticketList.set({ loading: true })
  try {
    const page = await api<TicketList>('/v1/tickets', {
      query: {
        view: s.view,
        status: s.status,
        priority: s.priority ?? undefined,
        category: s.category ?? undefined,
        q: s.q.trim() || undefined,
        cursor: more ? (s.nextCursor ?? undefined) : undefined,
      },
    })
    if (mine !== request) return
    ticketList.set((cur) => ({
      loading: false,
      error: null,
      nextCursor: page.nextCursor,
      tickets: more
        ? [...cur.tickets, ...page.tickets.filter((x) => !cur.tickets.some((y) => y.id === x.id))]
        : page.tickets,
    }))
  } catch (error) {
    if (mine === request) ticketList.set({ loading: false, error })
  }
}

export function setTicketFilters(patch: Partial<TicketFilters>) {
  ticketList.set(patch)
  void loadTickets()
}

/** Keeps the list live while the tickets page is open; returns the unsubscribe. */
export function followTickets(): () => void {
  return onTicketUpdate((ticket) => {
    const s = ticketList.get()
    // After a reconnect, or when a search decides what matches: ask the server again.
    if (ticket === null || s.q.trim()) return void loadTickets()
    const others = s.tickets.filter((x) => x.id !== ticket.id)
    ticketList.set({
      tickets: matchesFilters(ticket, s) ? [...others, ticket].sort(newestFirst) : others,
    })
  })
}

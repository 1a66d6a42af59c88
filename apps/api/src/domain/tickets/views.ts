import { agents, type Db, ticketEvents, tickets, visitors } from '@kefu/db'
import type { BuyerTicket, Ticket, TicketCategory, TicketEvent } from '@kefu/protocol'
import type { ShopTicket } from '@kefu/protocol/shop'
import { and, asc, eq, inArray, type SQL } from 'drizzle-orm'

/** Tickets with the buyer and assignee they show; `where` must already scope the tenant. */
export function selectTickets(db: Db, where: SQL | undefined) {
  return db
    .select({ t: tickets, v: visitors, assigneeName: agents.name })
    .from(tickets)
    .leftJoin(visitors, eq(visitors.id, tickets.visitorId))
    .leftJoin(agents, eq(agents.id, tickets.assigneeId))
    .where(where)
}

export type TicketRow = Awaited<ReturnType<typeof selectTickets>>[number]
export type TicketEventRow = typeof ticketEvents.$inferSelect

const iso = (d: Date | null) => (d ? d.toISOString() : null)

export function toTicket({ t, v, assigneeName }: TicketRow): Ticket {
  return {
    id: t.id,
    number: t.number,
    conversationId: t.conversationId,
    visitor: v
      ? { id: v.id, name: v.name, email: v.email, verified: v.verified, externalId: v.externalId }
      : null,
    subject: t.subject,
    category: t.category as TicketCategory,
    priority: t.priority,
    status: t.status,
    assignee: t.assigneeId ? { id: t.assigneeId, name: assigneeName ?? '' } : null,
    orderNos: t.orderNos,
    source: t.source,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
    firstResponseAt: iso(t.firstResponseAt),
    solvedAt: iso(t.solvedAt),
  }
}

export function toTicketEvent(row: TicketEventRow): TicketEvent {
  return {
    id: String(row.id),
    type: row.type as TicketEvent['type'],
    from: row.fromValue,
    to: row.toValue,
    text: row.text,
    actor: { type: row.actorType, id: row.actorId, name: row.actorName },
    public: row.public,
    at: row.createdAt.toISOString(),
  }
}

/**
 * The buyer's view: status steps only, from the public timeline entries. No priority, notes,
 * assignee or internal fields.
 */
export function toBuyerTicket(t: typeof tickets.$inferSelect, timeline: TicketEventRow[]): BuyerTicket {
  return {
    id: t.id,
    number: t.number,
    conversationId: t.conversationId,
    subject: t.subject,
    category: t.category as TicketCategory,
    status: t.status,
    orderNos: t.orderNos,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
    steps: timeline
      .filter((e) => e.public && (e.type === 'created' || e.type === 'status') && e.toValue)
      .map((e) => ({ status: e.toValue as BuyerTicket['status'], at: e.createdAt.toISOString() })),
  }
}

export function toShopTicket(t: typeof tickets.$inferSelect): ShopTicket {
  return {
    id: t.id,
    number: t.number,
    status: t.status,
    subject: t.subject.slice(0, 300),
    category: t.category,
    priority: t.priority,
    ...(t.conversationId && { conversationId: t.conversationId }),
    orderNos: t.orderNos,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  }
}

/** Timelines of several tickets, oldest entry first, grouped by ticket. */
export async function timelines(
  db: Db,
  tenantId: string,
  ticketIds: string[],
  only?: { public: true },
): Promise<Map<string, TicketEventRow[]>> {
  const out = new Map<string, TicketEventRow[]>(ticketIds.map((id) => [id, []]))
  if (!ticketIds.length) return out
  const rows = await db
    .select()
    .from(ticketEvents)
    .where(
      and(
        eq(ticketEvents.tenantId, tenantId),
        inArray(ticketEvents.ticketId, ticketIds),
        only ? eq(ticketEvents.public, true) : undefined,
      ),
    )
    .orderBy(asc(ticketEvents.id))
  for (const row of rows) out.get(row.ticketId)?.push(row)
  return out
}

/** Loaded for realtime events: tickets by id with their public steps. */
export async function loadTicketsForEvents(db: Db, tenantId: string, ids: string[]) {
  if (!ids.length) return { rows: [], steps: new Map<string, TicketEventRow[]>() }
  const rows = await selectTickets(db, and(eq(tickets.tenantId, tenantId), inArray(tickets.id, ids)))
  const steps = await timelines(db, tenantId, ids, { public: true })
  return { rows, steps }
}

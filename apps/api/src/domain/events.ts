import { conversationOrders, conversations, type Db, events, messages } from '@kefu/db'
import type { DurableEvent } from '@kefu/protocol'
import type { Order } from '@kefu/protocol/shop'
import { and, asc, eq, gt, inArray, or, sql } from 'drizzle-orm'
import type { SecretBox } from '../lib/master-key.ts'
import { type Audience, type ConversationRow, selectConversations, toConversation, toMessage } from './dto.ts'
import { loadTicketsForEvents, toBuyerTicket, toTicket } from './tickets/views.ts'

export type EventRow = typeof events.$inferSelect

export type NewEvent =
  | { type: 'message.created' | 'message.updated'; messageId: string }
  | { type: 'conversation.updated' }
  | { type: 'read'; reader: 'visitor' | 'agent'; seq: number }
  /** Agents only: the order card of the conversation changed. */
  | { type: 'order.updated'; orderNo: string }
  /** A ticket was opened or changed; the visitor gets it only when `visitorId` is set. */
  | { type: 'ticket.updated'; ticketId: string }

/**
 * Writes events in the caller's transaction. `visitorId` null keeps an event from the visitor
 * (internal notes). Returns their ids, to publish once the transaction has committed.
 */
export async function recordEvents(
  tx: Db,
  scope: { tenantId: string; conversationId: string | null },
  list: Array<NewEvent & { visitorId: string | null }>,
): Promise<number[]> {
  if (!list.length) return []
  const rows = await tx
    .insert(events)
    .values(
      list.map(({ type, visitorId, ...data }) => ({
        tenantId: scope.tenantId,
        conversationId: scope.conversationId,
        visitorId,
        type,
        data,
      })),
    )
    .returning({ id: events.id })
  return rows.map((r) => r.id)
}

/** Cursor = `<event id>-<its time in ms>`; opaque to clients. */
export function encodeCursor(row: { id: number; createdAt: Date }): string {
  return `${row.id}-${row.createdAt.getTime()}`
}

export function decodeCursor(cursor: string | undefined): { id: number; ms: number } | undefined {
  const m = cursor?.match(/^(\d{1,15})-(\d{1,15})$/)
  return m ? { id: Number(m[1]), ms: Number(m[2]) } : undefined
}

// Event ids are taken at insert, not commit, so a transaction that took a lower id can commit a
// moment after one with a higher id. Catch-up re-sends this much before the cursor and clients
// drop events they already have by eventId.
const REORDER_WINDOW_MS = 3000

function audienceFilter(audience: Audience) {
  return audience.kind === 'visitor'
    ? and(eq(events.tenantId, audience.tenantId), eq(events.visitorId, audience.visitorId))
    : eq(events.tenantId, audience.tenantId)
}

/** Where the stream ends now: the cursor a new client starts from. */
export async function currentCursor(db: Db, audience: Audience): Promise<string> {
  const [last] = await db
    .select({ id: events.id, createdAt: events.createdAt })
    .from(events)
    .where(audienceFilter(audience))
    .orderBy(sql`${events.id} desc`)
    .limit(1)
  return last ? encodeCursor(last) : `0-${Date.now()}`
}

/** Events after `cursor` for the audience, oldest first, rendered. */
export async function eventsSince(
  db: Db,
  secrets: SecretBox,
  audience: Audience,
  cursor: string,
  limit = 200,
): Promise<{ events: DurableEvent[]; cursor: string; more: boolean }> {
  const from = decodeCursor(cursor) ?? { id: 0, ms: 0 }
  const rows = await db
    .select()
    .from(events)
    .where(
      and(
        audienceFilter(audience),
        or(gt(events.id, from.id), gt(events.createdAt, new Date(from.ms - REORDER_WINDOW_MS))),
      ),
    )
    .orderBy(asc(events.id))
    .limit(limit + 1)
  const more = rows.length > limit
  const page = rows.slice(0, limit)
  const last = page.reduce<EventRow | undefined>((max, r) => (!max || r.id > max.id ? r : max), undefined)
  const next = last && last.id > from.id ? encodeCursor(last) : cursor
  return { events: await renderEvents(db, secrets, page, audience), cursor: next, more }
}

export async function loadEvents(db: Db, tenantId: string, ids: number[]): Promise<EventRow[]> {
  if (!ids.length) return []
  return db
    .select()
    .from(events)
    .where(and(eq(events.tenantId, tenantId), inArray(events.id, ids)))
    .orderBy(asc(events.id))
}

/** Event rows with the rows they name, read once and viewable by any audience. */
export interface LoadedEvents {
  rows: EventRow[]
  messages: Map<string, typeof messages.$inferSelect>
  conversations: Map<string, ConversationRow>
  orders: Map<string, typeof conversationOrders.$inferSelect>
  tickets: Awaited<ReturnType<typeof loadTicketsForEvents>>
}

export async function loadEventRows(db: Db, tenantId: string, rows: EventRow[]): Promise<LoadedEvents> {
  const ids = (type: string, pick: (r: EventRow) => string | null | undefined) =>
    [
      ...new Set(
        rows.flatMap((r) =>
          r.type === type || (type === 'message' && r.type.startsWith('message.')) ? [pick(r) ?? ''] : [],
        ),
      ),
    ].filter(Boolean)
  const messageIds = ids('message', (r) => (typeof r.data.messageId === 'string' ? r.data.messageId : null))
  const conversationIds = ids('conversation.updated', (r) => r.conversationId)
  const orderConversationIds = ids('order.updated', (r) => r.conversationId)
  const ticketIds = ids('ticket.updated', (r) =>
    typeof r.data.ticketId === 'string' ? r.data.ticketId : null,
  )
  const [messageRows, conversationRows, orderRows, ticketRows] = await Promise.all([
    messageIds.length
      ? db
          .select()
          .from(messages)
          .where(and(eq(messages.tenantId, tenantId), inArray(messages.id, messageIds)))
      : [],
    conversationIds.length
      ? selectConversations(
          db,
          and(eq(conversations.tenantId, tenantId), inArray(conversations.id, conversationIds)),
        )
      : [],
    orderConversationIds.length
      ? db
          .select()
          .from(conversationOrders)
          .where(
            and(
              eq(conversationOrders.tenantId, tenantId),
              inArray(conversationOrders.conversationId, orderConversationIds),
            ),
          )
      : [],
    loadTicketsForEvents(db, tenantId, ticketIds),
  ])
  return {
    rows,
    messages: new Map(messageRows.map((m) => [m.id, m])),
    conversations: new Map(conversationRows.map((c) => [c.c.id, c])),
    orders: new Map(orderRows.map((o) => [`${o.conversationId}:${o.orderNo}`, o])),
    tickets: ticketRows,
  }
}

/** What one audience may see of loaded events: visitors never get internal notes, order cards or others' events. */
export function projectEvents(loaded: LoadedEvents, secrets: SecretBox, audience: Audience): DurableEvent[] {
  const out: DurableEvent[] = []
  for (const row of loaded.rows) {
    if (audience.kind === 'visitor' && row.visitorId !== audience.visitorId) continue
    const base = { eventId: String(row.id), cursor: encodeCursor(row) }
    if (row.type === 'message.created' || row.type === 'message.updated') {
      const message = loaded.messages.get(String(row.data.messageId))
      if (!message || (audience.kind === 'visitor' && message.internal)) continue
      out.push({ type: row.type, ...base, message: toMessage(message, secrets) })
    } else if (row.type === 'conversation.updated') {
      const conversation = row.conversationId ? loaded.conversations.get(row.conversationId) : undefined
      if (!conversation || (audience.kind === 'visitor' && conversation.c.visitorId !== audience.visitorId))
        continue
      out.push({
        type: 'conversation.updated',
        ...base,
        conversation: toConversation(conversation, audience),
      })
    } else if (row.type === 'order.updated' && row.conversationId && audience.kind === 'agent') {
      const linked = loaded.orders.get(`${row.conversationId}:${String(row.data.orderNo)}`)
      if (linked) {
        out.push({
          type: 'order.updated',
          ...base,
          conversationId: row.conversationId,
          order: linked.snapshot as unknown as Order,
        })
      }
    } else if (row.type === 'ticket.updated') {
      const found = loaded.tickets.rows.find((t) => t.t.id === row.data.ticketId)
      if (!found) continue
      const ticket =
        audience.kind === 'agent'
          ? toTicket(found)
          : toBuyerTicket(found.t, loaded.tickets.steps.get(found.t.id) ?? [])
      out.push({ type: 'ticket.updated', ...base, ticket })
    } else if (row.type === 'read' && row.conversationId) {
      out.push({
        type: 'read',
        ...base,
        conversationId: row.conversationId,
        reader: row.data.reader === 'visitor' ? 'visitor' : 'agent',
        seq: Number(row.data.seq),
      })
    }
  }
  return out
}

/** Turns event rows into what the audience may see; rows the audience may not see are dropped. */
export async function renderEvents(
  db: Db,
  secrets: SecretBox,
  rows: EventRow[],
  audience: Audience,
): Promise<DurableEvent[]> {
  const visible = rows.filter((r) => audience.kind === 'agent' || r.visitorId === audience.visitorId)
  if (!visible.length) return []
  return projectEvents(await loadEventRows(db, audience.tenantId, visible), secrets, audience)
}

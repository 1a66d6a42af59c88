export type { TicketActor } from './record.ts'

import {
  agents,
  attachments,
  conversationOrders,
  conversations,
  type Db,
  messages,
  tenants,
  tickets,
  visitors,
} from '@kefu/db'
import {
  type Attachment,
  type BuyerTicket,
  type ConversationTicket,
  type CreateTicket,
  newId,
  type TicketCategory,
  type TicketDetail,
  type TicketList,
  type TicketListQuery,
  type UpdateTicket,
} from '@kefu/protocol'
import type { ShopTicket } from '@kefu/protocol/shop'
import { and, asc, desc, eq, ilike, inArray, isNull, lt, notInArray, or, type SQL, sql } from 'drizzle-orm'
import { KefuError, notFound } from '../../errors.ts'
import type { SecretBox } from '../../lib/master-key.ts'
import {
  buyerLocale,
  buyerStage,
  inLanguage,
  type Notice,
  ticketCreated,
  ticketStatus,
} from '../buyer-notices.ts'
import { agentConversation, assertAssignable, lockConversation, type Published } from '../conversations.ts'
import { attachmentUrl } from '../dto.ts'
import { recordEvents } from '../events.ts'
import { sendMessage } from '../messages.ts'
import type { VisitorAuth } from '../visitors.ts'
import { classify } from './classify.ts'
import { announce, DONE, insertTimeline, type TicketActor, type TicketRecord } from './record.ts'
import { selectTickets, timelines, toBuyerTicket, toShopTicket, toTicket, toTicketEvent } from './views.ts'

const SUBJECT_LENGTH = 80
/** An order number the buyer typed after saying it is one: "订单号 DJ2025…", "order #A1B2C3". */
const ORDER_NO_IN_TEXT =
  /(?:订单号|订单编号|单号|订单|order\s*(?:no\.?|number|#)|order)\s*[:：#]?\s*([A-Za-z0-9][A-Za-z0-9_-]{5,39})(?![A-Za-z0-9*])/gi

const inTx = <T>(db: Db, work: (tx: Db) => Promise<T>) => db.transaction((tx) => work(tx as unknown as Db))

/** Tells the buyer, in their conversation and language, about a change they can see. */
async function noticeToBuyer(
  db: Db,
  secrets: SecretBox,
  t: TicketRecord,
  notice: Notice,
): Promise<Array<Published<unknown>>> {
  if (!t.conversationId) return []
  return [
    await sendMessage(db, secrets, {
      tenantId: t.tenantId,
      conversationId: t.conversationId,
      author: { type: 'system', id: null, name: null },
      clientId: null,
      text: inLanguage(notice, await buyerLocale(db, t.conversationId)),
    }),
  ]
}

/** Prefilled fields for a new ticket from the buyer's own words and the orders shown beside them. */
export async function suggestTicket(
  db: Db,
  tenantId: string,
  conversationId: string,
): Promise<ConversationTicket['suggestion']> {
  await agentConversation(db, tenantId, conversationId)
  const [said, orders] = await Promise.all([
    db
      .select({ text: messages.text })
      .from(messages)
      .where(
        and(
          eq(messages.tenantId, tenantId),
          eq(messages.conversationId, conversationId),
          eq(messages.authorType, 'visitor'),
        ),
      )
      .orderBy(asc(messages.seq))
      .limit(30),
    db
      .select({ orderNo: conversationOrders.orderNo })
      .from(conversationOrders)
      .where(
        and(eq(conversationOrders.tenantId, tenantId), eq(conversationOrders.conversationId, conversationId)),
      )
      .orderBy(desc(conversationOrders.updatedAt)),
  ])
  const texts = said.map((m) => m.text.replace(/\s+/g, ' ').trim()).filter(Boolean)
  const first = texts[0] ?? ''
  const subject =
    first.length > SUBJECT_LENGTH
      ? `${first.slice(0, SUBJECT_LENGTH - 1)}…`
      : first || '咨询 · Support request'
  const typed = texts.flatMap((t) => [...t.matchAll(ORDER_NO_IN_TEXT)].map((m) => m[1]!))
  return {
    subject,
    ...classify(texts.join('\n')),
    orderNos: [...new Set([...orders.map((o) => o.orderNo), ...typed])].slice(0, 20),
  }
}

/** Turns a conversation into a ticket. One active ticket per conversation: a second one is a 409. */
export async function createTicket(
  db: Db,
  secrets: SecretBox,
  tenantId: string,
  actor: TicketActor,
  input: CreateTicket & { source?: TicketRecord['source'] },
): Promise<{ ticket: TicketDetail; writes: Array<Published<unknown>> }> {
  const suggestion = await suggestTicket(db, tenantId, input.conversationId)
  const created = await inTx(db, async (tx) => {
    const conversation = await lockConversation(tx, { tenantId, conversationId: input.conversationId })
    const [active] = await tx
      .select({ number: tickets.number })
      .from(tickets)
      .where(and(eq(tickets.conversationId, conversation.id), notInArray(tickets.status, DONE)))
    if (active) {
      throw new KefuError('conflict', `This conversation already has an open ticket, #${active.number}`)
    }
    if (input.assigneeId) await assertAssignable(tx, tenantId, input.assigneeId)
    const [counter] = await tx
      .update(tenants)
      .set({ lastTicketNumber: sql`${tenants.lastTicketNumber} + 1` })
      .where(eq(tenants.id, tenantId))
      .returning({ number: tenants.lastTicketNumber })
    const [t] = await tx
      .insert(tickets)
      .values({
        id: newId('ticket'),
        tenantId,
        number: counter!.number,
        visitorId: conversation.visitorId,
        conversationId: conversation.id,
        subject: input.subject ?? suggestion.subject,
        category: input.category ?? suggestion.category,
        priority: input.priority ?? suggestion.priority,
        assigneeId: input.assigneeId ?? null,
        orderNos: [...new Set(input.orderNos ?? suggestion.orderNos)],
        source: input.source ?? 'agent',
      })
      .returning()
    await tx.update(conversations).set({ ticketId: t!.id }).where(eq(conversations.id, conversation.id))
    await insertTimeline(tx, t!, actor, [{ type: 'created', to: 'new', public: true }])
    const eventIds = await announce(tx, t!, { created: true, buyerSees: true })
    return { value: t!, tenantId, eventIds }
  })
  const t = created.value
  const writes: Array<Published<unknown>> = [
    created,
    ...(await noticeToBuyer(db, secrets, t, ticketCreated(t.number, t.category as TicketCategory))),
  ]
  return { ticket: await ticketDetail(db, secrets, tenantId, t.id), writes }
}

async function agentNames(tx: Db, ids: Array<string | null>): Promise<Map<string, string>> {
  const wanted = ids.filter((id): id is string => !!id)
  if (!wanted.length) return new Map()
  const rows = await tx
    .select({ id: agents.id, name: agents.name })
    .from(agents)
    .where(inArray(agents.id, wanted))
  return new Map(rows.map((r) => [r.id, r.name]))
}

/**
 * Changes a ticket's fields. Each change is a timeline entry; status changes are public (the buyer
 * sees them and is told in chat). A closed ticket is final: open a new one instead.
 */
export async function updateTicket(
  db: Db,
  secrets: SecretBox,
  tenantId: string,
  actor: TicketActor,
  id: string,
  change: UpdateTicket,
): Promise<{ ticket: TicketDetail; writes: Array<Published<unknown>> }> {
  const result = await inTx(db, async (tx) => {
    const [current] = await tx
      .select()
      .from(tickets)
      .where(and(eq(tickets.id, id), eq(tickets.tenantId, tenantId)))
      .for('update')
    if (!current) throw notFound('Ticket')
    if (current.status === 'closed') {
      throw new KefuError('conflict', `Ticket #${current.number} is closed; open a new ticket instead`)
    }
    const set: Partial<TicketRecord> = {}
    const entries: Parameters<typeof insertTimeline>[3] = []
    const now = new Date()
    if (change.status && change.status !== current.status) {
      set.status = change.status
      set.solvedAt = DONE.includes(change.status) ? (current.solvedAt ?? now) : null
      entries.push({ type: 'status', from: current.status, to: change.status, public: true })
    }
    for (const field of ['priority', 'category', 'subject'] as const) {
      const value = change[field]
      if (value !== undefined && value !== current[field]) {
        Object.assign(set, { [field]: value })
        entries.push({ type: field, from: current[field], to: value })
      }
    }
    if (change.assigneeId !== undefined && change.assigneeId !== current.assigneeId) {
      if (change.assigneeId) await assertAssignable(tx, tenantId, change.assigneeId)
      const names = await agentNames(tx, [current.assigneeId, change.assigneeId])
      set.assigneeId = change.assigneeId
      entries.push({
        type: 'assignee',
        from: current.assigneeId ? (names.get(current.assigneeId) ?? null) : null,
        to: change.assigneeId ? (names.get(change.assigneeId) ?? null) : null,
      })
    }
    if (change.addOrderNo && !current.orderNos.includes(change.addOrderNo)) {
      if (current.orderNos.length >= 20) {
        throw new KefuError('invalid_request', 'A ticket links at most 20 orders', {
          field: 'body.addOrderNo',
        })
      }
      set.orderNos = [...current.orderNos, change.addOrderNo]
      entries.push({ type: 'order_linked', to: change.addOrderNo })
    }
    if (!entries.length) return { value: { before: current, after: current }, tenantId, eventIds: [] }
    const [after] = await tx
      .update(tickets)
      .set({ ...set, updatedAt: now })
      .where(eq(tickets.id, id))
      .returning()
    await insertTimeline(tx, after!, actor, entries)
    const changed = [...new Set(entries.map((e) => (e.type === 'order_linked' ? 'orderNos' : e.type)))]
    // The buyer's view shows status, subject, category and orders; priority and assignee stay internal.
    const buyerSees = changed.some((f) => ['status', 'subject', 'category', 'orderNos'].includes(f))
    const eventIds = await announce(tx, after!, { changed, buyerSees })
    return { value: { before: current, after: after! }, tenantId, eventIds }
  })
  const { before, after } = result.value
  const writes: Array<Published<unknown>> = [result]
  if (buyerStage(before.status) !== buyerStage(after.status)) {
    writes.push(...(await noticeToBuyer(db, secrets, after, ticketStatus(after.number, after.status))))
  }
  return { ticket: await ticketDetail(db, secrets, tenantId, id), writes }
}

/** An internal note on the ticket's timeline: agents only, never the buyer or the shop. */
export async function addTicketNote(
  db: Db,
  secrets: SecretBox,
  tenantId: string,
  actor: TicketActor,
  id: string,
  text: string,
): Promise<{ ticket: TicketDetail; write: Published<null> }> {
  const write = await inTx(db, async (tx) => {
    const [t] = await tx
      .update(tickets)
      .set({ updatedAt: new Date() })
      .where(and(eq(tickets.id, id), eq(tickets.tenantId, tenantId)))
      .returning()
    if (!t) throw notFound('Ticket')
    await insertTimeline(tx, t, actor, [{ type: 'note', text }])
    const eventIds = await recordEvents(tx, { tenantId, conversationId: t.conversationId }, [
      { type: 'ticket.updated', ticketId: t.id, visitorId: null },
    ])
    return { value: null, tenantId, eventIds }
  })
  return { ticket: await ticketDetail(db, secrets, tenantId, id), write }
}

export async function ticketDetail(
  db: Db,
  secrets: SecretBox,
  tenantId: string,
  id: string,
): Promise<TicketDetail> {
  const [row] = await selectTickets(db, and(eq(tickets.id, id), eq(tickets.tenantId, tenantId)))
  if (!row) throw notFound('Ticket')
  const [events, files] = await Promise.all([
    timelines(db, tenantId, [id]),
    row.t.conversationId
      ? db
          .select()
          .from(attachments)
          .where(
            and(
              eq(attachments.tenantId, tenantId),
              eq(attachments.conversationId, row.t.conversationId),
              eq(attachments.uploaderType, 'visitor'),
            ),
          )
          .orderBy(asc(attachments.createdAt))
          .limit(50)
      : [],
  ])
  return {
    ...toTicket(row),
    events: (events.get(id) ?? []).map(toTicketEvent),
    evidence: files.map((f) => ({
      id: f.id,
      name: f.name,
      contentType: f.contentType as Attachment['contentType'],
      size: f.size,
      url: attachmentUrl(secrets, f.id),
    })),
  }
}

/** The conversation's newest ticket (or none) and what a new one would be prefilled with. */
export async function conversationTicket(
  db: Db,
  secrets: SecretBox,
  tenantId: string,
  conversationId: string,
): Promise<ConversationTicket> {
  const suggestion = await suggestTicket(db, tenantId, conversationId)
  const [newest] = await db
    .select({ id: tickets.id })
    .from(tickets)
    .where(and(eq(tickets.tenantId, tenantId), eq(tickets.conversationId, conversationId)))
    .orderBy(desc(tickets.number))
    .limit(1)
  return { ticket: newest ? await ticketDetail(db, secrets, tenantId, newest.id) : null, suggestion }
}

const encodeCursor = (t: { updatedAt: Date; id: string }) => `${t.updatedAt.getTime()}_${t.id}`
const likeOf = (q: string) => `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`

export async function listTickets(
  db: Db,
  agent: { tenantId: string; agentId: string },
  query: TicketListQuery,
): Promise<TicketList> {
  const where: Array<SQL | undefined> = [eq(tickets.tenantId, agent.tenantId)]
  if (query.view === 'mine') where.push(eq(tickets.assigneeId, agent.agentId))
  if (query.view === 'unassigned') where.push(isNull(tickets.assigneeId))
  where.push(query.status === 'active' ? notInArray(tickets.status, DONE) : eq(tickets.status, query.status))
  if (query.priority) where.push(eq(tickets.priority, query.priority))
  if (query.category) where.push(eq(tickets.category, query.category))
  const q = query.q?.trim()
  if (q) {
    const number = q.match(/^#?(\d{1,9})$/)
    where.push(
      or(
        number ? eq(tickets.number, Number(number[1])) : undefined,
        ilike(tickets.subject, likeOf(q)),
        sql`jsonb_exists(${tickets.orderNos}, ${q})`,
        ilike(sql`coalesce(${visitors.name}, '')`, likeOf(q)),
        ilike(sql`coalesce(${visitors.email}, '')`, likeOf(q)),
      ),
    )
  }
  const m = query.cursor?.match(/^(\d{1,15})_([A-Za-z0-9_]{1,40})$/)
  if (m) {
    const at = new Date(Number(m[1]))
    where.push(or(lt(tickets.updatedAt, at), and(eq(tickets.updatedAt, at), lt(tickets.id, m[2]!))))
  }
  const rows = await selectTickets(db, and(...where))
    .orderBy(desc(tickets.updatedAt), desc(tickets.id))
    .limit(query.limit + 1)
  const page = rows.slice(0, query.limit)
  const last = page.at(-1)
  return {
    tickets: page.map(toTicket),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.t) : null,
  }
}

/** The visitor's own tickets, newest first, in the buyer's safe view. */
export async function buyerTickets(db: Db, auth: VisitorAuth): Promise<BuyerTicket[]> {
  const rows = await db
    .select()
    .from(tickets)
    .where(and(eq(tickets.tenantId, auth.tenantId), eq(tickets.visitorId, auth.visitorId)))
    .orderBy(desc(tickets.number))
    .limit(50)
  const steps = await timelines(
    db,
    auth.tenantId,
    rows.map((t) => t.id),
    { public: true },
  )
  return rows.map((t) => toBuyerTicket(t, steps.get(t.id) ?? []))
}

/** `GET /v1/shop/tickets`: a customer's tickets as the shop sees them (no notes), newest first. */
export async function shopTickets(db: Db, tenantId: string, customerId: string): Promise<ShopTicket[]> {
  const rows = await db
    .select({ t: tickets })
    .from(tickets)
    .innerJoin(visitors, eq(visitors.id, tickets.visitorId))
    .where(
      and(eq(tickets.tenantId, tenantId), eq(visitors.externalId, customerId), eq(visitors.verified, true)),
    )
    .orderBy(desc(tickets.number))
    .limit(500)
  return rows.map((r) => toShopTicket(r.t))
}

/** How many tickets a set of visitors has (for the erase report). */
export async function countVisitorTickets(db: Db, tenantId: string, visitorIds: string[]): Promise<number> {
  if (!visitorIds.length) return 0
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(tickets)
    .where(and(eq(tickets.tenantId, tenantId), inArray(tickets.visitorId, visitorIds)))
  return row?.n ?? 0
}

import { conversations, type Db, memberships } from '@kefu/db'
import { type Conversation, newId } from '@kefu/protocol'
import { and, desc, eq, ilike, isNull, lt, or, type SQL, sql } from 'drizzle-orm'
import { KefuError, notFound } from '../errors.ts'
import { type Audience, selectConversations, toConversation } from './dto.ts'
import { recordEvents } from './events.ts'
import { enqueueShopEvent } from './shop/outbox.ts'
import type { VisitorAuth } from './visitors.ts'

/** Writes done in a transaction return the events to publish once it commits. */
export interface Published<T> {
  value: T
  tenantId: string
  eventIds: number[]
}

const inTx = <T>(db: Db, work: (tx: Db) => Promise<T>) => db.transaction((tx) => work(tx as unknown as Db))

export async function startConversation(db: Db, auth: VisitorAuth): Promise<Published<string>> {
  return inTx(db, async (tx) => {
    const id = newId('conversation')
    await tx.insert(conversations).values({ id, tenantId: auth.tenantId, visitorId: auth.visitorId })
    await enqueueShopEvent(tx, {
      tenantId: auth.tenantId,
      type: 'conversation.created',
      visitorId: auth.visitorId,
      data: { conversationId: id, status: 'open' },
    })
    const eventIds = await recordEvents(tx, { tenantId: auth.tenantId, conversationId: id }, [
      { type: 'conversation.updated', visitorId: auth.visitorId },
    ])
    return { value: id, tenantId: auth.tenantId, eventIds }
  })
}

/** The conversation if it is the visitor's own; otherwise 404, never a hint that it exists. */
export async function visitorConversation(db: Db, auth: VisitorAuth, id: string) {
  const [row] = await selectConversations(
    db,
    and(
      eq(conversations.id, id),
      eq(conversations.tenantId, auth.tenantId),
      eq(conversations.visitorId, auth.visitorId),
    ),
  )
  if (!row) throw notFound('Conversation')
  return row
}

/** The conversation if it belongs to the agent's shop; otherwise 404. */
export async function agentConversation(db: Db, tenantId: string, id: string) {
  const [row] = await selectConversations(
    db,
    and(eq(conversations.id, id), eq(conversations.tenantId, tenantId)),
  )
  if (!row) throw notFound('Conversation')
  return row
}

export async function listVisitorConversations(db: Db, auth: VisitorAuth): Promise<Conversation[]> {
  const rows = await selectConversations(
    db,
    and(eq(conversations.tenantId, auth.tenantId), eq(conversations.visitorId, auth.visitorId)),
  ).orderBy(desc(conversations.updatedAt))
  const audience: Audience = { kind: 'visitor', tenantId: auth.tenantId, visitorId: auth.visitorId }
  return rows.map((r) => toConversation(r, audience))
}

export interface ConversationFilter {
  view: 'all' | 'mine' | 'unassigned'
  status?: Conversation['status'] | undefined
  /** Matches the visitor's name or email, or the last message. */
  q?: string | undefined
  cursor?: string | undefined
  limit: number
}

/** `<updatedAt ms>_<id>`: stable paging while conversations keep moving to the top. */
const encodeListCursor = (c: { updatedAt: Date; id: string }) => `${c.updatedAt.getTime()}_${c.id}`

export async function listAgentConversations(
  db: Db,
  agent: { tenantId: string; agentId: string },
  filter: ConversationFilter,
): Promise<{ conversations: Conversation[]; nextCursor: string | null }> {
  const conditions: Array<SQL | undefined> = [eq(conversations.tenantId, agent.tenantId)]
  if (filter.view === 'mine') conditions.push(eq(conversations.assigneeId, agent.agentId))
  if (filter.view === 'unassigned') conditions.push(isNull(conversations.assigneeId))
  if (filter.status) conditions.push(eq(conversations.status, filter.status))
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`
    conditions.push(
      or(
        ilike(sql`coalesce(visitors.name, '')`, like),
        ilike(sql`coalesce(visitors.email, '')`, like),
        ilike(sql`coalesce(${conversations.lastMessageText}, '')`, like),
      ),
    )
  }
  const m = filter.cursor?.match(/^(\d{1,15})_([A-Za-z0-9_]{1,40})$/)
  if (m) {
    const at = new Date(Number(m[1]))
    conditions.push(
      or(lt(conversations.updatedAt, at), and(eq(conversations.updatedAt, at), lt(conversations.id, m[2]!))),
    )
  }
  const rows = await selectConversations(db, and(...conditions))
    .orderBy(desc(conversations.updatedAt), desc(conversations.id))
    .limit(filter.limit + 1)
  const page = rows.slice(0, filter.limit)
  const last = page.at(-1)
  return {
    conversations: page.map((r) => toConversation(r, { kind: 'agent', tenantId: agent.tenantId })),
    nextCursor: rows.length > filter.limit && last ? encodeListCursor(last.c) : null,
  }
}

/** An assignee must be an active member of the same shop. */
export async function assertAssignable(tx: Db, tenantId: string, agentId: string): Promise<void> {
  const [member] = await tx
    .select({ role: memberships.role })
    .from(memberships)
    .where(
      and(
        eq(memberships.tenantId, tenantId),
        eq(memberships.agentId, agentId),
        isNull(memberships.deactivatedAt),
      ),
    )
  if (!member)
    throw new KefuError('invalid_request', 'No such agent in this shop', { field: 'body.assigneeId' })
}

/** Status and assignment changes by an agent. An assignee must be an active member of the same shop. */
export async function updateConversation(
  db: Db,
  tenantId: string,
  id: string,
  change: { status?: Conversation['status'] | undefined; assigneeId?: string | null | undefined },
): Promise<Published<null>> {
  return inTx(db, async (tx) => {
    const [current] = await tx
      .select()
      .from(conversations)
      .where(and(eq(conversations.id, id), eq(conversations.tenantId, tenantId)))
      .for('update')
    if (!current) throw notFound('Conversation')
    if (change.assigneeId) await assertAssignable(tx, tenantId, change.assigneeId)
    await tx
      .update(conversations)
      .set({
        ...(change.status && { status: change.status }),
        ...(change.assigneeId !== undefined && { assigneeId: change.assigneeId }),
        updatedAt: new Date(),
      })
      .where(eq(conversations.id, id))
    const eventIds = await recordEvents(tx, { tenantId, conversationId: id }, [
      { type: 'conversation.updated', visitorId: current.visitorId },
    ])
    return { value: null, tenantId, eventIds }
  })
}

/**
 * Locks the conversation row for the rest of the transaction (messages in a conversation are
 * numbered strictly in order) and returns it; 404 unless it is in the tenant (and the visitor's).
 */
export async function lockConversation(
  tx: Db,
  scope: { tenantId: string; conversationId: string; visitorId?: string | undefined },
) {
  const [c] = await tx
    .select()
    .from(conversations)
    .where(
      and(
        eq(conversations.id, scope.conversationId),
        eq(conversations.tenantId, scope.tenantId),
        scope.visitorId ? eq(conversations.visitorId, scope.visitorId) : undefined,
      ),
    )
    .for('update')
  if (!c) throw notFound('Conversation')
  return c
}

/** Read receipts: the reader has seen everything up to `seq`. Never moves backwards. */
export async function markRead(
  db: Db,
  input: {
    tenantId: string
    conversationId: string
    reader: 'visitor' | 'agent'
    seq: number
    visitorId?: string
  },
): Promise<Published<null>> {
  return inTx(db, async (tx) => {
    const c = await lockConversation(tx, input)
    const seq = Math.min(input.seq, c.lastSeq)
    const previous = input.reader === 'visitor' ? c.visitorReadSeq : c.agentReadSeq
    if (seq <= previous) return { value: null, tenantId: input.tenantId, eventIds: [] }
    // Unread = messages from the other side after what was read.
    const [{ n } = { n: 0 }] = (await tx
      .execute(
        sql`select count(*)::int as n from messages where conversation_id = ${c.id} and seq > ${seq}
          and internal = false and author_type ${input.reader === 'visitor' ? sql`<> 'visitor'` : sql`= 'visitor'`}`,
      )
      .then((r) => (r as unknown as { rows: Array<{ n: number }> }).rows)) as Array<{ n: number }>
    await tx
      .update(conversations)
      .set(
        input.reader === 'visitor'
          ? { visitorReadSeq: seq, unreadForVisitor: n }
          : { agentReadSeq: seq, unreadForAgent: n },
      )
      .where(eq(conversations.id, c.id))
    const eventIds = await recordEvents(tx, { tenantId: input.tenantId, conversationId: c.id }, [
      { type: 'read', reader: input.reader, seq, visitorId: c.visitorId },
    ])
    return { value: null, tenantId: input.tenantId, eventIds }
  })
}

import { agentPresence, agents, conversations, type Db, memberships, visitors } from '@kefu/db'
import type { ServerEvent } from '@kefu/protocol'
import { and, eq, gt, isNull, sql } from 'drizzle-orm'
import type { Audience } from '../domain/dto.ts'
import { loadEventRows, loadEvents, projectEvents } from '../domain/events.ts'
import type { SecretBox } from '../lib/master-key.ts'
import type { Bus, BusMessage } from './bus.ts'

/** One open socket, whatever the transport. */
export interface Connection {
  audience: Audience
  /** The agent behind an inbox socket. */
  agentId?: string
  send(event: ServerEvent): void
  /** The same, already serialised (one JSON.stringify per audience, not per socket). */
  sendJson(json: string): void
}

/** What route handlers and socket handlers call to tell the world about committed changes. */
export interface Realtime {
  /** Call after the transaction that wrote the events has committed. */
  publish(tenantId: string, eventIds: number[]): void
  typing(input: {
    tenantId: string
    conversationId: string
    visitorId: string
    author: { type: 'visitor' | 'agent'; id: string }
    typing: boolean
  }): void
}

const PRESENCE_FRESH_S = 60
const PRESENCE_BEAT_MS = 20_000

/**
 * Holds this process's sockets and delivers bus messages to them: reads the event rows once per
 * batch, renders them for agents and for each visitor, and sends.
 */
export class Hub implements Realtime {
  readonly #agents = new Map<string, Set<Connection>>()
  readonly #visitors = new Map<string, Set<Connection>>()
  readonly #names = new Map<string, string | null>()
  /** Event ids waiting for delivery per tenant; one delivery loop per tenant drains them in batches. */
  readonly #pending = new Map<string, number[]>()
  readonly #beat: NodeJS.Timeout

  constructor(
    private readonly db: Db,
    private readonly secrets: SecretBox,
    private readonly bus: Bus,
    readonly processId: string,
  ) {
    bus.subscribe((m) => {
      this.#onBus(m).catch((err) => console.error('[hub] delivering a bus message failed:', err))
    })
    this.#beat = setInterval(() => void this.#heartbeat(), PRESENCE_BEAT_MS)
    this.#beat.unref()
  }

  publish(tenantId: string, eventIds: number[]): void {
    if (eventIds.length) this.bus.publish({ kind: 'events', tenantId, ids: eventIds })
  }

  typing(input: Parameters<Realtime['typing']>[0]): void {
    this.bus.publish({ kind: 'typing', ...input })
  }

  get connectionCount(): number {
    let n = 0
    for (const set of this.#agents.values()) n += set.size
    for (const set of this.#visitors.values()) n += set.size
    return n
  }

  async add(conn: Connection): Promise<void> {
    const key = this.#key(conn)
    const map = conn.audience.kind === 'agent' ? this.#agents : this.#visitors
    const set = map.get(key) ?? new Set<Connection>()
    map.set(key, set)
    set.add(conn)
    if (conn.agentId) await this.#presenceChanged(conn.audience.tenantId, conn.agentId)
  }

  async remove(conn: Connection): Promise<void> {
    const key = this.#key(conn)
    const map = conn.audience.kind === 'agent' ? this.#agents : this.#visitors
    const set = map.get(key)
    set?.delete(conn)
    if (set && !set.size) map.delete(key)
    if (conn.agentId) await this.#presenceChanged(conn.audience.tenantId, conn.agentId)
  }

  /** Agents with an inbox open anywhere in the deployment. */
  async onlineAgents(tenantId: string) {
    const rows = await this.db
      .select({
        id: agents.id,
        name: agents.name,
        connections: sql<number>`sum(${agentPresence.connections})::int`,
      })
      .from(agentPresence)
      .innerJoin(agents, eq(agents.id, agentPresence.agentId))
      .innerJoin(
        memberships,
        and(eq(memberships.agentId, agentPresence.agentId), eq(memberships.tenantId, agentPresence.tenantId)),
      )
      .where(
        and(
          eq(agentPresence.tenantId, tenantId),
          gt(agentPresence.seenAt, sql`now() - make_interval(secs => ${PRESENCE_FRESH_S})`),
          isNull(memberships.deactivatedAt),
        ),
      )
      .groupBy(agents.id, agents.name)
    return rows.filter((r) => r.connections > 0).map((r) => ({ id: r.id, name: r.name, online: true }))
  }

  async close(): Promise<void> {
    clearInterval(this.#beat)
    await this.db
      .delete(agentPresence)
      .where(eq(agentPresence.processId, this.processId))
      .catch(() => {})
  }

  #key(conn: Connection): string {
    return conn.audience.kind === 'agent'
      ? conn.audience.tenantId
      : `${conn.audience.tenantId}:${conn.audience.visitorId}`
  }

  async #onBus(m: BusMessage): Promise<void> {
    if (m.kind === 'resync') {
      for (const set of [...this.#agents.values(), ...this.#visitors.values()])
        for (const c of set) c.send({ type: 'resync' })
      return
    }
    if (m.kind === 'presence') {
      const set = this.#agents.get(m.tenantId)
      if (!set?.size) return
      const event: ServerEvent = { type: 'presence', agents: await this.onlineAgents(m.tenantId) }
      for (const c of set) c.send(event)
      return
    }
    if (m.kind === 'typing') return this.#deliverTyping(m)
    if (
      !this.#agents.has(m.tenantId) &&
      ![...this.#visitors.keys()].some((k) => k.startsWith(`${m.tenantId}:`))
    )
      return
    const waiting = this.#pending.get(m.tenantId)
    if (waiting) {
      waiting.push(...m.ids)
      return
    }
    const batch = [...m.ids]
    this.#pending.set(m.tenantId, batch)
    try {
      // Ids that arrive while a batch is being delivered join the next batch.
      while (batch.length) {
        const ids = batch.splice(0)
        await this.#deliverEvents(m.tenantId, ids)
      }
    } finally {
      this.#pending.delete(m.tenantId)
    }
  }

  async #deliverEvents(tenantId: string, ids: number[]): Promise<void> {
    const agentSet = this.#agents.get(tenantId)
    const rows = await loadEvents(this.db, tenantId, ids)
    const visitorIds = new Set(
      rows.flatMap((r) =>
        r.visitorId && this.#visitors.has(`${tenantId}:${r.visitorId}`) ? [r.visitorId] : [],
      ),
    )
    if (!agentSet?.size && !visitorIds.size) return
    // One read of the rows behind the events, then a view per audience, serialised once.
    const loaded = await loadEventRows(this.db, tenantId, rows)
    if (agentSet?.size) {
      const json = projectEvents(loaded, this.secrets, { kind: 'agent', tenantId }).map((e) =>
        JSON.stringify(e),
      )
      for (const c of agentSet) for (const j of json) c.sendJson(j)
    }
    for (const visitorId of visitorIds) {
      const audience: Audience = { kind: 'visitor', tenantId, visitorId }
      const json = projectEvents(loaded, this.secrets, audience).map((e) => JSON.stringify(e))
      for (const c of this.#visitors.get(`${tenantId}:${visitorId}`) ?? [])
        for (const j of json) c.sendJson(j)
    }
  }

  async #deliverTyping(m: Extract<BusMessage, { kind: 'typing' }>): Promise<void> {
    const name = await this.#nameOf(m.author)
    const event: ServerEvent = {
      type: 'typing',
      conversationId: m.conversationId,
      author: { ...m.author, name },
      typing: m.typing,
    }
    for (const c of this.#agents.get(m.tenantId) ?? []) if (c.agentId !== m.author.id) c.send(event)
    if (m.author.type === 'agent')
      for (const c of this.#visitors.get(`${m.tenantId}:${m.visitorId}`) ?? []) c.send(event)
  }

  async #nameOf(author: { type: 'visitor' | 'agent'; id: string }): Promise<string | null> {
    const key = `${author.type}:${author.id}`
    if (this.#names.has(key)) return this.#names.get(key) ?? null
    const [row] =
      author.type === 'agent'
        ? await this.db.select({ name: agents.name }).from(agents).where(eq(agents.id, author.id))
        : await this.db.select({ name: visitors.name }).from(visitors).where(eq(visitors.id, author.id))
    if (this.#names.size > 10_000) this.#names.clear()
    this.#names.set(key, row?.name ?? null)
    return row?.name ?? null
  }

  /** The conversation's visitor, if the conversation is in the tenant (and the visitor's own, for visitors). */
  async conversationVisitor(audience: Audience, conversationId: string): Promise<string | undefined> {
    const [row] = await this.db
      .select({ visitorId: conversations.visitorId })
      .from(conversations)
      .where(
        and(
          eq(conversations.id, conversationId),
          eq(conversations.tenantId, audience.tenantId),
          audience.kind === 'visitor' ? eq(conversations.visitorId, audience.visitorId) : undefined,
        ),
      )
    return row?.visitorId
  }

  async #presenceChanged(tenantId: string, agentId: string): Promise<void> {
    const connections = [...(this.#agents.get(tenantId) ?? [])].filter((c) => c.agentId === agentId).length
    await this.db
      .insert(agentPresence)
      .values({ agentId, tenantId, processId: this.processId, connections })
      .onConflictDoUpdate({
        target: [agentPresence.agentId, agentPresence.tenantId, agentPresence.processId],
        set: { connections, seenAt: sql`now()` },
      })
    this.bus.publish({ kind: 'presence', tenantId })
  }

  async #heartbeat(): Promise<void> {
    await this.db
      .update(agentPresence)
      .set({ seenAt: sql`now()` })
      .where(eq(agentPresence.processId, this.processId))
      .catch((err) => console.error('[hub] presence heartbeat failed:', (err as Error).message))
  }
}

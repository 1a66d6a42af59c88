import { createDirectClient, type DirectClient, type RawClient } from '@kefu/db'

/** What travels between API processes: ids and small facts only; receivers read the rows. */
export type BusMessage =
  | { kind: 'events'; tenantId: string; ids: number[] }
  | {
      kind: 'typing'
      tenantId: string
      conversationId: string
      visitorId: string
      author: { type: 'visitor' | 'agent'; id: string }
      typing: boolean
    }
  | { kind: 'presence'; tenantId: string }
  /** Local only: the listener reconnected and may have missed messages. */
  | { kind: 'resync' }

export interface Bus {
  publish(message: BusMessage): void
  subscribe(handler: (message: BusMessage) => void): void
  close(): Promise<void>
}

/** One process (and the embedded database): publishing is calling the subscribers. */
export function inProcessBus(): Bus {
  const handlers: Array<(m: BusMessage) => void> = []
  return {
    publish(message) {
      // Asynchronously, like a real bus, so publishers never run socket code inline.
      queueMicrotask(() => {
        for (const h of handlers) h(message)
      })
    },
    subscribe(handler) {
      handlers.push(handler)
    },
    async close() {},
  }
}

const CHANNEL = 'kefu_bus'

/**
 * Postgres LISTEN/NOTIFY on a dedicated direct connection (a pooled one would drop LISTEN).
 * Every process, the sender included, hears every message. When the listening connection
 * drops it reconnects with backoff and tells local clients to resync.
 */
export async function postgresBus(raw: Exclude<RawClient, { driver: 'pglite' }>): Promise<Bus> {
  const handlers: Array<(m: BusMessage) => void> = []
  const deliver = (m: BusMessage) => {
    for (const h of handlers) h(m)
  }
  let client: DirectClient | undefined
  let closed = false
  let attempt = 0
  const queue: BusMessage[] = []

  const connect = async (): Promise<void> => {
    const next = await createDirectClient(raw)
    next.on('notification', (n) => {
      if (n.channel !== CHANNEL || !n.payload) return
      try {
        deliver(JSON.parse(n.payload) as BusMessage)
      } catch {
        console.error('[bus] dropped an unreadable notification')
      }
    })
    const lost = (err?: Error) => {
      if (closed || client !== next) return
      client = undefined
      console.error('[bus] listener connection lost:', err?.message ?? 'ended')
      void next.end().catch(() => {})
      scheduleReconnect()
    }
    next.on('error', lost)
    next.on('end', lost)
    await next.connect()
    await next.query(`LISTEN ${CHANNEL}`)
    client = next
    attempt = 0
    flush()
  }

  const scheduleReconnect = () => {
    const delay = Math.min(10_000, 200 * 2 ** attempt++) * (0.5 + Math.random() / 2)
    setTimeout(() => {
      if (closed) return
      connect()
        .then(() => deliver({ kind: 'resync' }))
        .catch((err) => {
          console.error('[bus] reconnect failed:', (err as Error).message)
          scheduleReconnect()
        })
    }, delay)
  }

  // Publishes are coalesced per tick: event ids of one tenant travel in one NOTIFY, and NOTIFYs
  // go out one query at a time on the listening connection.
  let flushing = false
  const flush = () => {
    if (flushing || !client || !queue.length) return
    flushing = true
    const c = client
    const batch = coalesce(queue.splice(0))
    ;(async () => {
      for (const payload of batch) {
        await c.query('SELECT pg_notify($1, $2)', [CHANNEL, payload]).catch((err: Error) => {
          console.error('[bus] notify failed:', err.message)
        })
      }
    })().finally(() => {
      flushing = false
      if (queue.length) setImmediate(flush)
    })
  }

  await connect()
  return {
    publish(message) {
      queue.push(message)
      if (queue.length === 1) setImmediate(flush)
    },
    subscribe(handler) {
      handlers.push(handler)
    },
    async close() {
      closed = true
      await client?.end().catch(() => {})
    },
  }
}

/** NOTIFY payloads are limited to 8000 bytes; stay well under. */
const MAX_IDS_PER_NOTIFY = 400

/** Merges event-id messages per tenant (keeping order otherwise) and serialises them. */
export function coalesce(messages: BusMessage[]): string[] {
  const ids = new Map<string, number[]>()
  const others: BusMessage[] = []
  for (const m of messages) {
    if (m.kind === 'events') {
      const list = ids.get(m.tenantId) ?? []
      list.push(...m.ids)
      ids.set(m.tenantId, list)
    } else others.push(m)
  }
  const out: string[] = []
  for (const [tenantId, list] of ids) {
    for (let i = 0; i < list.length; i += MAX_IDS_PER_NOTIFY) {
      out.push(JSON.stringify({ kind: 'events', tenantId, ids: list.slice(i, i + MAX_IDS_PER_NOTIFY) }))
    }
  }
  for (const m of others) out.push(JSON.stringify(m))
  return out
}

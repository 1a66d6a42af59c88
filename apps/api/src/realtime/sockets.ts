import { createNodeWebSocket } from '@hono/node-ws'
import { agents, tenants } from '@kefu/db'
import { type ClientFrame, clientFrameSchema, closeCodes, type ServerEvent } from '@kefu/protocol'
import { eq } from 'drizzle-orm'
import type { WSContext } from 'hono/ws'
import type WebSocket from 'ws'
import type { App } from '../app.ts'
import { markRead } from '../domain/conversations.ts'
import type { Audience } from '../domain/dto.ts'
import { currentCursor, eventsSince } from '../domain/events.ts'
import { sendMessage } from '../domain/messages.ts'
import { resolveVisitorToken } from '../domain/visitors.ts'
import { KefuError } from '../errors.ts'
import { requireAgent } from '../middleware/agent-auth.ts'
import { published } from '../routes/publish.ts'
import type { Services } from '../services.ts'
import type { Connection } from './hub.ts'

const MAX_FRAME_BYTES = 64 * 1024
const AUTH_TIMEOUT_MS = 5000
const MAX_BAD_FRAMES = 5
/** A client this far behind is dropped; it reconnects and catches up from its cursor. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024
const PING_EVERY_MS = 30_000
const CATCH_UP_PAGES = 20

type Identity =
  | { kind: 'agent'; tenantId: string; agentId: string; agentName: string | null }
  | { kind: 'visitor'; tenantId: string; visitorId: string; verified: boolean; requireVerified: boolean }

/**
 * The two WebSocket endpoints: `/v1/ws` for agents (session cookie, checked at upgrade together
 * with the Origin) and `/v1/widget/ws` for visitors (bearer token in the first frame).
 */
export function registerSockets(app: App, services: Services) {
  const { upgradeWebSocket, injectWebSocket, wss } = createNodeWebSocket({ app })
  // ws reads this at each upgrade; a client cannot make the server buffer huge frames.
  ;(wss.options as { maxPayload?: number }).maxPayload = MAX_FRAME_BYTES

  app.get(
    '/v1/ws',
    async (c, next) => {
      const origin = c.req.header('origin')
      // Cookies ride along on cross-site WebSocket upgrades; only our own inbox may use them.
      if (origin && !isOwnOrigin(origin, c.req.header('host'), services.publicOrigin)) {
        throw new KefuError('forbidden', 'WebSocket from a foreign origin')
      }
      await next()
    },
    requireAgent(),
    upgradeWebSocket(async (c) => {
      const auth = c.var.auth
      const [agent] = await services.db
        .select({ name: agents.name })
        .from(agents)
        .where(eq(agents.id, auth.agentId))
      return socketHandlers(services, {
        kind: 'agent',
        tenantId: auth.tenantId,
        agentId: auth.agentId,
        agentName: agent?.name ?? null,
      })
    }),
  )

  app.get(
    '/v1/widget/ws',
    upgradeWebSocket(() => socketHandlers(services, undefined)),
  )

  return { injectWebSocket, wss }
}

/** The page is on Kefu itself: the configured public origin, or the host the request was sent to. */
function isOwnOrigin(origin: string, host: string | undefined, publicOrigin: string | undefined): boolean {
  if (publicOrigin) return origin === publicOrigin
  try {
    return new URL(origin).host === host
  } catch {
    return false
  }
}

function socketHandlers(services: Services, preauth: Identity | undefined) {
  let identity = preauth
  let conn: Connection | undefined
  let badFrames = 0
  let queue = Promise.resolve()
  let authTimer: NodeJS.Timeout | undefined
  let pingTimer: NodeJS.Timeout | undefined
  let alive = true

  const sendJson = (ws: WSContext<WebSocket>, json: string) => {
    const raw = ws.raw
    if (raw?.readyState !== 1) return
    if (raw.bufferedAmount > MAX_BUFFERED_BYTES) {
      raw.close(1013, 'too far behind; reconnect and catch up')
      return
    }
    raw.send(json)
  }
  const send = (ws: WSContext<WebSocket>, event: ServerEvent) => sendJson(ws, JSON.stringify(event))

  const start = async (ws: WSContext<WebSocket>, who: Identity, cursor: string | undefined) => {
    identity = who
    const audience: Audience =
      who.kind === 'agent'
        ? { kind: 'agent', tenantId: who.tenantId }
        : { kind: 'visitor', tenantId: who.tenantId, visitorId: who.visitorId }
    conn = {
      audience,
      ...(who.kind === 'agent' && { agentId: who.agentId }),
      send: (e) => send(ws, e),
      sendJson: (j) => sendJson(ws, j),
    }
    // Join the live stream first, then catch up: an event in between comes twice, never zero times.
    await services.realtime.add(conn)
    let position = cursor ?? (await currentCursor(services.db, audience))
    if (cursor) {
      for (let page = 0; page < CATCH_UP_PAGES; page++) {
        const batch = await eventsSince(services.db, services.secrets, audience, position)
        for (const e of batch.events) send(ws, e)
        position = batch.cursor
        if (!batch.more) break
      }
    }
    const online = await services.realtime.onlineAgents(who.tenantId)
    send(ws, { type: 'ready', cursor: position, agentsOnline: online.length })
    if (who.kind === 'agent') send(ws, { type: 'presence', agents: online })
  }

  const handle = async (ws: WSContext<WebSocket>, frame: ClientFrame) => {
    if (frame.type === 'auth') {
      if (identity) return
      const auth = await resolveVisitorToken(services.db, frame.token)
      if (!auth) {
        ws.close(closeCodes.unauthorized, 'visitor token missing, expired or revoked')
        return
      }
      clearTimeout(authTimer)
      const [tenant] = await services.db
        .select({ requireVerified: tenants.requireVerifiedIdentity })
        .from(tenants)
        .where(eq(tenants.id, auth.tenantId))
      await start(
        ws,
        {
          kind: 'visitor',
          tenantId: auth.tenantId,
          visitorId: auth.visitorId,
          verified: auth.verified,
          requireVerified: tenant?.requireVerified ?? false,
        },
        frame.cursor,
      )
      return
    }
    if (!identity) {
      ws.close(closeCodes.unauthorized, 'authenticate first')
      return
    }
    if (frame.type === 'resume') {
      if (conn) {
        const batch = await eventsSince(services.db, services.secrets, conn.audience, frame.cursor)
        for (const e of batch.events) send(ws, e)
        send(ws, { type: 'ready', cursor: batch.cursor })
      }
      return
    }
    if (frame.type === 'ping') return
    const who = identity
    const audience = conn!.audience
    if (frame.type === 'typing') {
      if (!services.limiter.tryTake('typing', who.kind === 'agent' ? who.agentId : who.visitorId)) return
      const visitorId = await services.realtime.conversationVisitor(audience, frame.conversationId)
      if (!visitorId) return send(ws, { type: 'error', code: 'not_found', message: 'Conversation not found' })
      services.realtime.typing({
        tenantId: who.tenantId,
        conversationId: frame.conversationId,
        visitorId,
        author:
          who.kind === 'agent' ? { type: 'agent', id: who.agentId } : { type: 'visitor', id: who.visitorId },
        typing: frame.typing,
      })
      return
    }
    if (frame.type === 'read') {
      published(
        services,
        await markRead(services.db, {
          tenantId: who.tenantId,
          conversationId: frame.conversationId,
          reader: who.kind,
          seq: frame.seq,
          ...(who.kind === 'visitor' && { visitorId: who.visitorId }),
        }),
      )
      return
    }
    // message.send
    if (who.kind === 'visitor' && who.requireVerified && !who.verified) {
      throw new KefuError('identity_required', 'This shop only talks to signed-in buyers')
    }
    services.limiter.take(
      who.kind === 'agent' ? 'agentMessage' : 'visitorMessage',
      who.kind === 'agent' ? who.agentId : who.visitorId,
    )
    const result = published(
      services,
      await sendMessage(services.db, services.secrets, {
        tenantId: who.tenantId,
        conversationId: frame.conversationId,
        ...(who.kind === 'visitor' && { visitorId: who.visitorId }),
        author:
          who.kind === 'agent'
            ? { type: 'agent', id: who.agentId, name: who.agentName }
            : { type: 'visitor', id: who.visitorId, name: null },
        clientId: frame.clientId,
        text: frame.text,
        internal: frame.internal ?? false,
        attachmentIds: frame.attachmentIds ?? [],
      }),
    )
    // The ack goes out only after the commit: an acknowledged message is stored.
    send(ws, { type: 'ack', clientId: frame.clientId, message: result.message })
  }

  return {
    onOpen(_: Event, ws: WSContext<WebSocket>) {
      const raw = ws.raw
      raw?.on('pong', () => {
        alive = true
      })
      pingTimer = setInterval(() => {
        if (!alive) return raw?.terminate()
        alive = false
        raw?.ping()
      }, PING_EVERY_MS)
      if (identity) {
        const who = identity
        queue = queue.then(() => start(ws, who, undefined)).catch((err) => fail(ws, err))
      } else {
        authTimer = setTimeout(
          () => ws.close(closeCodes.authTimeout, 'no auth frame within 5 s'),
          AUTH_TIMEOUT_MS,
        )
      }
    },
    onMessage(event: MessageEvent, ws: WSContext<WebSocket>) {
      let frame: ClientFrame
      try {
        if (typeof event.data !== 'string') throw new Error('binary frame')
        frame = clientFrameSchema.parse(JSON.parse(event.data))
      } catch {
        if (++badFrames >= MAX_BAD_FRAMES) ws.close(closeCodes.badFrame, 'too many malformed frames')
        else
          send(ws, {
            type: 'error',
            code: 'bad_frame',
            message: 'Frames are JSON objects as in @kefu/protocol clientFrameSchema',
          })
        return
      }
      // One frame at a time, in arrival order: an offline queue flushed on reconnect stays in order.
      queue = queue.then(() => handle(ws, frame)).catch((err) => fail(ws, err, frame))
    },
    onClose() {
      clearTimeout(authTimer)
      clearInterval(pingTimer)
      if (conn) void services.realtime.remove(conn).catch(() => {})
    },
  }

  function fail(ws: WSContext<WebSocket>, err: unknown, frame?: ClientFrame) {
    const clientId = frame && 'clientId' in frame ? frame.clientId : undefined
    if (err instanceof KefuError) {
      send(ws, { type: 'error', code: err.code, message: err.message, ...(clientId && { clientId }) })
      return
    }
    console.error('[ws] frame failed:', err)
    send(ws, {
      type: 'error',
      code: 'internal_error',
      message: 'Something went wrong on our side',
      ...(clientId && { clientId }),
    })
  }
}

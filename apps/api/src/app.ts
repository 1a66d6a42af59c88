import { OpenAPIHono } from '@hono/zod-openapi'
import type { ErrorBody } from '@kefu/protocol'
import { newId } from '@kefu/protocol'
import type { Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { HTTPException } from 'hono/http-exception'
import { requestId } from 'hono/request-id'
import { secureHeaders } from 'hono/secure-headers'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { KefuError } from './errors.ts'
import { registerSockets } from './realtime/sockets.ts'
import { registerAttachments } from './routes/attachments.ts'
import { registerAuditVerify } from './routes/audit/verify.ts'
import { registerAuth } from './routes/auth/index.ts'
import { registerCannedReplies } from './routes/canned-replies/index.ts'
import { registerConversations } from './routes/conversations/index.ts'
import { registerVisitorContext } from './routes/conversations/visitor-context.ts'
import { registerDocs } from './routes/docs.ts'
import { registerHealth } from './routes/health.ts'
import { registerAgentOrders } from './routes/orders/agent.ts'
import { registerShopConnection } from './routes/orders/connection.ts'
import { registerWidgetOrders } from './routes/orders/widget.ts'
import { registerSettings } from './routes/settings/index.ts'
import { registerShopApi } from './routes/shop-api/index.ts'
import { registerStatic } from './routes/static.ts'
import { registerTeam } from './routes/team/index.ts'
import { registerTickets } from './routes/tickets/index.ts'
import { registerWidgetConversations } from './routes/widget/conversations.ts'
import { registerWidgetIdentify } from './routes/widget/identify.ts'
import { registerWidgetSession } from './routes/widget/session.ts'
import type { AppEnv, Services } from './services.ts'
import { validationError } from './validation.ts'

export type App = OpenAPIHono<AppEnv>

/** The app plus what a Node server needs to accept WebSockets on it. */
export type KefuApp = App & { sockets: ReturnType<typeof registerSockets> }

function errorResponse(c: Context<AppEnv>, err: KefuError): Response {
  const body: ErrorBody = {
    error: {
      code: err.code,
      message: err.message,
      requestId: c.var.requestId ?? 'unknown',
      ...(err.field && { field: err.field }),
    },
  }
  for (const [name, value] of Object.entries(err.headers)) c.header(name, value)
  return c.json(body, err.status as ContentfulStatusCode)
}

/** Maps anything thrown to the one error body; unexpected errors are logged and never shown. */
function toKefuError(err: unknown, c: Context<AppEnv>): KefuError {
  if (err instanceof KefuError) return err
  if (err instanceof HTTPException) {
    if (err.status === 400 && /JSON/i.test(err.message))
      return new KefuError('invalid_json', 'The request body is not valid JSON', { field: 'body' })
    if (err.status === 413) return new KefuError('payload_too_large', 'The request body is too large')
    if (err.status === 401) return new KefuError('unauthorized', err.message || 'Unauthorized')
    if (err.status === 403) return new KefuError('forbidden', err.message || 'Forbidden')
    if (err.status === 404) return new KefuError('not_found', err.message || 'Not found')
    if (err.status === 429) return new KefuError('rate_limited', err.message || 'Too many requests')
    if (err.status < 500) return new KefuError('invalid_request', err.message || 'Bad request')
  }
  console.error(`[api] ${c.var.requestId ?? '-'} ${c.req.method} ${c.req.path} failed:`, err)
  return new KefuError('internal_error', 'Something went wrong on our side; it has been logged')
}

/** The whole HTTP API, without a socket: tests call `app.request()` on it. */
export function createApp(services: Services): KefuApp {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationError(result.target, result.error)
    },
  })

  app.use(requestId({ generator: () => newId('request'), headerName: 'Kefu-Request-Id' }))
  app.use(async (c, next) => {
    c.set('services', services)
    await next()
  })
  const pageHeaders = secureHeaders({ crossOriginResourcePolicy: false, crossOriginOpenerPolicy: false })
  // The widget frame is embedded by every shop's pages: its CSP says frame-ancestors instead.
  const frameHeaders = secureHeaders({
    crossOriginResourcePolicy: false,
    crossOriginOpenerPolicy: false,
    xFrameOptions: false,
  })
  app.use((c, next) => (c.req.path.startsWith('/widget/') ? frameHeaders(c, next) : pageHeaders(c, next)))
  app.use(
    bodyLimit({
      maxSize: services.maxJsonBytes,
      onError: () => {
        throw new KefuError(
          'payload_too_large',
          `The request body is larger than ${services.maxJsonBytes} bytes`,
        )
      },
    }),
  )

  registerHealth(app)
  registerAuth(app)
  registerAuditVerify(app)
  registerWidgetSession(app)
  registerWidgetIdentify(app)
  registerWidgetConversations(app)
  registerConversations(app)
  registerAttachments(app)
  registerVisitorContext(app)
  registerSettings(app)
  registerTeam(app)
  registerCannedReplies(app)
  registerWidgetOrders(app)
  registerAgentOrders(app)
  registerShopConnection(app)
  registerShopApi(app)
  registerTickets(app)
  registerStatic(app)
  registerDocs(app)

  const sockets = registerSockets(app, services)

  app.notFound((c) =>
    errorResponse(c, new KefuError('not_found', `No route for ${c.req.method} ${c.req.path}`)),
  )
  app.onError((err, c) => errorResponse(c, toKefuError(err, c)))
  return Object.assign(app, { sockets })
}

import { createRoute, z } from '@hono/zod-openapi'
import { visitors } from '@kefu/db'
import { openSessionSchema, sessionSchema } from '@kefu/protocol'
import { eq } from 'drizzle-orm'
import type { App } from '../../app.ts'
import { listVisitorConversations } from '../../domain/conversations.ts'
import { consumeRateLimit } from '../../domain/rate-limit.ts'
import { openVisitorSession, revokeVisitorToken } from '../../domain/visitors.ts'
import { widgetSettingsOf } from '../../domain/widget-settings.ts'
import { KefuError } from '../../errors.ts'
import { clientIp } from '../../lib/client-ip.ts'
import { requireVisitor } from '../../middleware/visitor-auth.ts'
import { errors, json, jsonBody } from '../openapi.ts'

const open = createRoute({
  method: 'post',
  path: '/v1/widget/sessions',
  tags: ['Widget'],
  summary: 'Open or resume a visitor session',
  description:
    "Called by the widget frame with the shop's public key. The page must be on one of the shop's allowed origins: " +
    "the browser-set `Origin` header, or, from Kefu's own frame, the `hostOrigin` the frame verified. Returns a bearer " +
    '`visitorToken` the frame keeps in its own storage.',
  request: jsonBody(openSessionSchema),
  responses: { 200: json(sessionSchema, 'The session'), ...errors(400, 401, 403, 429) },
})

const reset = createRoute({
  method: 'delete',
  path: '/v1/widget/session',
  tags: ['Widget'],
  summary: "Log the visitor out (kefu('reset')): the token stops working",
  middleware: [requireVisitor] as const,
  responses: { 200: json(z.object({ ok: z.literal(true) }), 'Revoked'), ...errors(401) },
})

export function registerWidgetSession(app: App) {
  app.openapi(open, async (c) => {
    const { db, publicOrigin } = c.var.services
    const body = c.req.valid('json')
    const ownOrigin = publicOrigin ?? new URL(c.req.url).origin
    const header = c.req.header('origin')
    // From our own frame, the frame vouches for the page it checked; from a page, the browser does.
    const origin = header === ownOrigin ? body.hostOrigin : header
    if (header !== ownOrigin && body.hostOrigin && body.hostOrigin !== header) {
      throw new KefuError('origin_not_allowed', 'hostOrigin does not match the page the request came from')
    }
    await consumeRateLimit(db, { key: `session:ip:${clientIp(c)}`, limit: 60, windowSeconds: 60 })
    await consumeRateLimit(db, { key: `session:key:${body.publicKey}`, limit: 3000, windowSeconds: 60 })
    // Kefu's own pages (the inbox's live preview of the widget) may open sessions for any shop.
    const session = await openVisitorSession(db, { ...body, origin, trustedOrigin: origin === ownOrigin })
    const [visitor] = await db.select().from(visitors).where(eq(visitors.id, session.visitorId))
    const auth = {
      tenantId: session.tenant.id,
      visitorId: session.visitorId,
      verified: session.verified,
      tokenHash: '',
    }
    return c.json(
      {
        visitorToken: session.token,
        visitor: {
          id: session.visitorId,
          name: visitor?.name ?? null,
          email: visitor?.email ?? null,
          verified: session.verified,
        },
        settings: widgetSettingsOf(session.tenant),
        conversations: await listVisitorConversations(db, auth),
      },
      200,
    )
  })

  app.openapi(reset, async (c) => {
    await revokeVisitorToken(c.var.services.db, c.var.visitor)
    return c.json({ ok: true as const }, 200)
  })
}

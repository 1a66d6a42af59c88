import { createRoute, z } from '@hono/zod-openapi'
import { errorBodySchema } from '@kefu/protocol'
import { deleteCookie } from 'hono/cookie'
import type { App } from '../../app.ts'
import { logOut } from '../../domain/sessions.ts'
import { requireAgent, SESSION_COOKIE } from '../../middleware/agent-auth.ts'

const route = createRoute({
  method: 'post',
  path: '/v1/auth/logout',
  tags: ['Agent auth'],
  summary: 'End the current session',
  middleware: [requireAgent()] as const,
  responses: {
    200: {
      description: 'Logged out',
      content: { 'application/json': { schema: z.object({ ok: z.literal(true) }) } },
    },
    401: { description: 'Not logged in', content: { 'application/json': { schema: errorBodySchema } } },
  },
})

export function registerLogout(app: App) {
  app.openapi(route, async (c) => {
    await logOut(c.var.services.db, c.var.auth.sessionId)
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: c.var.services.cookieSecure })
    return c.json({ ok: true as const }, 200)
  })
}

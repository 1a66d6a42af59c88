import { createRoute } from '@hono/zod-openapi'
import { acceptInviteSchema, meResponseSchema } from '@kefu/protocol'
import type { App } from '../../app.ts'
import { describeAgent, logIn } from '../../domain/sessions.ts'
import { acceptInvite } from '../../domain/team.ts'
import { errors, json, jsonBody } from '../openapi.ts'
import { setSessionCookie } from './session-cookie.ts'

const route = createRoute({
  method: 'post',
  path: '/v1/auth/invite/accept',
  tags: ['Agent auth'],
  summary: 'Accept an invitation: set name and password from the one-time link, and log in',
  request: jsonBody(acceptInviteSchema),
  responses: { 200: json(meResponseSchema, 'Logged in'), ...errors(400) },
})

export function registerAcceptInvite(app: App) {
  app.openapi(route, async (c) => {
    const { db } = c.var.services
    const body = c.req.valid('json')
    const { email, tenantId } = await acceptInvite(db, body)
    const session = await logIn(db, { email, password: body.password, tenantId })
    setSessionCookie(c, session)
    return c.json(await describeAgent(db, session.auth), 200)
  })
}

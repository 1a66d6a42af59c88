import { createRoute } from '@hono/zod-openapi'
import { errorBodySchema, loginRequestSchema, meResponseSchema } from '@kefu/protocol'
import { setCookie } from 'hono/cookie'
import type { App } from '../../app.ts'
import { normaliseEmail } from '../../domain/agents.ts'
import { consumeRateLimit } from '../../domain/rate-limit.ts'
import { describeAgent, logIn } from '../../domain/sessions.ts'
import { clientIp } from '../../lib/client-ip.ts'
import { SESSION_COOKIE } from '../../middleware/agent-auth.ts'

const error = (description: string) => ({
  description,
  content: { 'application/json': { schema: errorBodySchema } },
})

const route = createRoute({
  method: 'post',
  path: '/v1/auth/login',
  tags: ['Agent auth'],
  summary: 'Log an agent in',
  description:
    'Checks email and password and sets an HttpOnly, SameSite=Lax `kefu_session` cookie. Limited per IP and per email.',
  request: { body: { required: true, content: { 'application/json': { schema: loginRequestSchema } } } },
  responses: {
    200: { description: 'Logged in', content: { 'application/json': { schema: meResponseSchema } } },
    400: error('A field is missing or malformed'),
    401: error('Wrong email or password'),
    403: error('The account has no active seat in that shop'),
    429: error('Too many attempts'),
  },
})

export function registerLogin(app: App) {
  app.openapi(route, async (c) => {
    const { db, cookieSecure, loginLimits } = c.var.services
    const body = c.req.valid('json')
    await consumeRateLimit(db, {
      key: `login:ip:${clientIp(c)}`,
      limit: loginLimits.perIp,
      windowSeconds: 900,
    })
    await consumeRateLimit(db, {
      key: `login:email:${normaliseEmail(body.email)}`,
      limit: loginLimits.perEmail,
      windowSeconds: 900,
    })
    const { token, auth, expiresAt } = await logIn(db, body)
    setCookie(c, SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'Lax',
      secure: cookieSecure,
      path: '/',
      expires: expiresAt,
    })
    return c.json(await describeAgent(db, auth), 200)
  })
}

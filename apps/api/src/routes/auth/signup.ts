import { createRoute, z } from '@hono/zod-openapi'
import { meResponseSchema, signupRequestSchema, signupStatusSchema } from '@kefu/protocol'
import type { App } from '../../app.ts'
import { consumeRateLimit } from '../../domain/rate-limit.ts'
import { describeAgent, logIn } from '../../domain/sessions.ts'
import { signUp } from '../../domain/signup.ts'
import { KefuError } from '../../errors.ts'
import { clientIp } from '../../lib/client-ip.ts'
import { errors, json, jsonBody } from '../openapi.ts'
import { setSessionCookie } from '../team/session-cookie.ts'

const tags = ['Agent auth']

const status = createRoute({
  method: 'get',
  path: '/v1/auth/signup',
  tags,
  summary: 'Whether this deployment lets anyone create a shop',
  responses: { 200: json(signupStatusSchema, 'Sign-up on or off') },
})

const signupResponseSchema = z
  .object({
    me: meResponseSchema,
    /** The new shop's keys, in clear this once: the secret key is never shown again. */
    keys: z.object({
      publicKey: z.string(),
      secretKey: z.string(),
      webhookSecret: z.string(),
      identitySecret: z.string(),
    }),
  })
  .meta({ id: 'SignupResponse' })

const signup = createRoute({
  method: 'post',
  path: '/v1/auth/signup',
  tags,
  summary: 'Create a shop with its keys and its owner, and log the owner in',
  description: 'Off when the operator sets `KEFU_SIGNUP=off` (403). Limited per IP.',
  request: jsonBody(signupRequestSchema),
  responses: { 201: json(signupResponseSchema, 'Created and logged in'), ...errors(400, 403, 409, 429) },
})

export function registerSignup(app: App) {
  app.openapi(status, (c) => c.json({ enabled: c.var.services.signupEnabled }, 200))

  app.openapi(signup, async (c) => {
    const { db, secrets, signupEnabled } = c.var.services
    if (!signupEnabled) throw new KefuError('forbidden', 'Sign-up is turned off on this Kefu')
    await consumeRateLimit(db, { key: `signup:ip:${clientIp(c)}`, limit: 10, windowSeconds: 3600 })
    const body = c.req.valid('json')
    const { tenantId, keys } = await signUp(db, secrets, body)
    const session = await logIn(db, { email: body.email, password: body.password, tenantId })
    setSessionCookie(c, session)
    return c.json({ me: await describeAgent(db, session.auth), keys }, 201)
  })
}

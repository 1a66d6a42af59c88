import { createRoute, z } from '@hono/zod-openapi'
import { passwordResetConfirmSchema, passwordResetRequestSchema } from '@kefu/protocol'
import type { App } from '../../app.ts'
import { confirmPasswordReset, requestPasswordReset } from '../../domain/password-reset.ts'
import { consumeRateLimit } from '../../domain/rate-limit.ts'
import { clientIp } from '../../lib/client-ip.ts'
import { errors, json, jsonBody } from '../openapi.ts'
import { kefuUrl } from '../settings/kefu-url.ts'

const tags = ['Agent auth']
const ok = json(z.object({ ok: z.literal(true) }), 'Done')

const request = createRoute({
  method: 'post',
  path: '/v1/auth/password-reset/request',
  tags,
  summary: 'Email a one-time reset link (1 hour); answers the same whether or not the address has a login',
  request: jsonBody(passwordResetRequestSchema),
  responses: { 200: ok, ...errors(400, 429) },
})

const confirm = createRoute({
  method: 'post',
  path: '/v1/auth/password-reset/confirm',
  tags,
  summary: 'Set a new password with the link token; every session of the account ends',
  request: jsonBody(passwordResetConfirmSchema),
  responses: { 200: ok, ...errors(400, 429) },
})

export function registerPasswordReset(app: App) {
  app.openapi(request, async (c) => {
    const { db, mailer } = c.var.services
    await consumeRateLimit(db, { key: `reset:ip:${clientIp(c)}`, limit: 20, windowSeconds: 3600 })
    await requestPasswordReset(db, mailer, { email: c.req.valid('json').email, kefuUrl: kefuUrl(c) })
    return c.json({ ok: true as const }, 200)
  })

  app.openapi(confirm, async (c) => {
    const { db } = c.var.services
    await consumeRateLimit(db, { key: `reset-confirm:ip:${clientIp(c)}`, limit: 30, windowSeconds: 3600 })
    await confirmPasswordReset(db, c.req.valid('json'))
    return c.json({ ok: true as const }, 200)
  })
}

import { createRoute, z } from '@hono/zod-openapi'
import { rotatableKeySchema, rotatedKeySchema, shopKeysSchema } from '@kefu/protocol'
import type { App } from '../../app.ts'
import { rotateKey } from '../../domain/keys.ts'
import { shopKeys } from '../../domain/settings.ts'
import { requireAgent } from '../../middleware/agent-auth.ts'
import { errors, json } from '../openapi.ts'

const tags = ['Settings']
const middleware = requireAgent('admin')

const get = createRoute({
  method: 'get',
  path: '/v1/settings/keys',
  tags,
  summary: 'The public key, the start of the secret key and the identity secret (owner/admin)',
  middleware,
  responses: { 200: json(shopKeysSchema, 'The keys'), ...errors(401, 403) },
})

const rotate = createRoute({
  method: 'post',
  path: '/v1/settings/keys/{kind}/rotate',
  tags,
  summary: 'Issue a new key; the old one keeps working for the overlap (owner/admin, audited)',
  description:
    'The new key is in the answer and nowhere else afterwards (except the public and identity keys, which can be shown again). ' +
    'Default overlap: secret key 0 h, the others 24 h.',
  middleware,
  request: {
    params: z.object({ kind: rotatableKeySchema }),
    body: {
      required: false,
      content: {
        'application/json': {
          schema: z.object({ overlapHours: z.number().int().min(0).max(168).optional() }),
        },
      },
    },
  },
  responses: { 200: json(rotatedKeySchema, 'The new key, shown once'), ...errors(400, 401, 403) },
})

export function registerKeySettings(app: App) {
  app.openapi(get, async (c) => {
    const { db, secrets } = c.var.services
    return c.json(await shopKeys(db, secrets, c.var.auth.tenantId), 200)
  })

  app.openapi(rotate, async (c) => {
    const { db, secrets } = c.var.services
    const { kind } = c.req.valid('param')
    // The body is optional: an empty POST rotates with the default overlap.
    const body = c.req.header('content-type')?.includes('json') ? c.req.valid('json') : {}
    const { key, previousExpireAt } = await rotateKey(db, secrets, {
      tenantId: c.var.auth.tenantId,
      kind,
      ...(body?.overlapHours !== undefined && { overlapHours: body.overlapHours }),
      actor: { type: 'agent', id: c.var.auth.agentId },
    })
    return c.json({ kind, key, previousExpireAt: previousExpireAt.toISOString() }, 200)
  })
}

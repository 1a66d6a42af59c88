import { createRoute, z } from '@hono/zod-openapi'
import { identifySchema } from '@kefu/protocol'
import type { App } from '../../app.ts'
import { identifyVisitor } from '../../domain/visitors.ts'
import { requireVisitor } from '../../middleware/visitor-auth.ts'
import { errors, json, jsonBody } from '../openapi.ts'

const responseSchema = z
  .object({
    visitorId: z.string(),
    verified: z.literal(true),
    /** Present when this browser became another (already known) visitor: use it from now on. */
    visitorToken: z.string().optional(),
  })
  .meta({ id: 'IdentifyResult' })

const route = createRoute({
  method: 'post',
  path: '/v1/widget/identify',
  tags: ['Widget'],
  summary: "Verify the shop's signed buyer identity",
  description:
    '`userHash` must be hex(HMAC-SHA256(identitySecret, userId)), computed by the shop backend; checked in constant time.',
  middleware: [requireVisitor] as const,
  request: jsonBody(identifySchema),
  responses: { 200: json(responseSchema, 'Verified'), ...errors(400, 401) },
})

export function registerWidgetIdentify(app: App) {
  app.openapi(route, async (c) => {
    const { db, secrets } = c.var.services
    const result = await identifyVisitor(db, secrets, c.var.visitor, c.req.valid('json'))
    return c.json(
      {
        visitorId: result.visitorId,
        verified: true as const,
        ...(result.token && { visitorToken: result.token }),
      },
      200,
    )
  })
}

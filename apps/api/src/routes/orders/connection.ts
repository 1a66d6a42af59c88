import { createRoute, z } from '@hono/zod-openapi'
import { shopDeliveries } from '@kefu/db'
import { shopConnectionSchema, shopDeliverySchema, shopStatusSchema } from '@kefu/protocol'
import { desc, eq } from 'drizzle-orm'
import type { App } from '../../app.ts'
import { appendAudit } from '../../domain/audit.ts'
import { getConnection, saveConnection, shopStatus, toShopConnection } from '../../domain/shop/connection.ts'
import { requireAgent } from '../../middleware/agent-auth.ts'
import { errors, json, jsonBody } from '../openapi.ts'

const tags = ['Shop connection']
const admin = requireAgent('admin')

const read = createRoute({
  method: 'get',
  path: '/v1/shop-connection',
  tags,
  summary: "How Kefu reaches the shop's backend, and whether it answers",
  middleware: admin,
  responses: {
    200: json(
      z.object({ connection: shopConnectionSchema.nullable(), status: shopStatusSchema }),
      'The connection',
    ),
    ...errors(401, 403),
  },
})

const save = createRoute({
  method: 'put',
  path: '/v1/shop-connection',
  tags,
  summary:
    'Set the webhook URL and what Kefu may do in the shop (refund role and limit, bot re-sends, events)',
  middleware: admin,
  request: jsonBody(shopConnectionSchema),
  responses: { 200: json(shopConnectionSchema, 'Saved'), ...errors(400, 401, 403) },
})

const log = createRoute({
  method: 'get',
  path: '/v1/shop-connection/deliveries',
  tags,
  summary: 'The delivery log: every call and event to the shop, newest first',
  middleware: admin,
  request: { query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }) },
  responses: {
    200: json(z.object({ deliveries: z.array(shopDeliverySchema) }), 'Deliveries'),
    ...errors(401, 403),
  },
})

export function registerShopConnection(app: App) {
  app.openapi(read, async (c) => {
    const { db } = c.var.services
    const row = await getConnection(db, c.var.auth.tenantId)
    return c.json(
      { connection: row ? toShopConnection(row) : null, status: await shopStatus(db, c.var.auth.tenantId) },
      200,
    )
  })

  app.openapi(save, async (c) => {
    const { db } = c.var.services
    const row = await saveConnection(db, c.var.auth.tenantId, c.req.valid('json'))
    await appendAudit(db, {
      tenantId: c.var.auth.tenantId,
      actorType: 'agent',
      actorId: c.var.auth.agentId,
      action: 'shop_connection.saved',
      data: { ...toShopConnection(row) },
    })
    return c.json(toShopConnection(row), 200)
  })

  app.openapi(log, async (c) => {
    const rows = await c.var.services.db
      .select()
      .from(shopDeliveries)
      .where(eq(shopDeliveries.tenantId, c.var.auth.tenantId))
      .orderBy(desc(shopDeliveries.createdAt))
      .limit(c.req.valid('query').limit)
    return c.json(
      {
        deliveries: rows.map((r) => ({
          id: r.id,
          kind: r.kind,
          type: r.type,
          status: r.status,
          attempts: r.attempts,
          httpStatus: r.httpStatus,
          latencyMs: r.latencyMs,
          error: r.error,
          nextAttemptAt: r.nextAttemptAt?.toISOString() ?? null,
          createdAt: r.createdAt.toISOString(),
        })),
      },
      200,
    )
  })
}

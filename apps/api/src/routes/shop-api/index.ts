import { createRoute, z } from '@hono/zod-openapi'
import {
  customerIdSchema,
  shopEraseResponseSchema,
  shopEventRequestSchema,
  shopEventResponseSchema,
  shopMessageRequestSchema,
  shopMessageResponseSchema,
} from '@kefu/protocol/shop'
import type { App } from '../../app.ts'
import { eraseCustomer, messageCustomer, receiveOrderEvent } from '../../domain/shop/shop-api.ts'
import { requireShopKey } from '../../middleware/shop-auth.ts'
import { errors, json, jsonBody } from '../openapi.ts'
import { orderContext } from '../orders/context.ts'
import { published } from '../publish.ts'

const tags = ['Shop API']
const security = [{ secretKey: [] }]

const events = createRoute({
  method: 'post',
  path: '/v1/shop/events',
  tags,
  security,
  summary: 'Order events from the shop (paid, delivered, delivery failed, refunded)',
  description:
    'Refreshes the order card of every conversation about the order. On `order.delivery_failed` the buyer is told in chat ' +
    "(unless `notifyBuyer: false` or the shop's setting says otherwise).",
  middleware: requireShopKey,
  request: jsonBody(shopEventRequestSchema),
  responses: { 200: json(shopEventResponseSchema, 'Received'), ...errors(400, 401, 429) },
})

const messages = createRoute({
  method: 'post',
  path: '/v1/shop/messages',
  tags,
  security,
  summary: 'A proactive message to a customer, shown as from the shop',
  middleware: requireShopKey,
  request: jsonBody(shopMessageRequestSchema),
  responses: { 201: json(shopMessageResponseSchema, 'Sent'), ...errors(400, 401, 404, 429) },
})

const erase = createRoute({
  method: 'post',
  path: '/v1/shop/customers/{id}/erase',
  tags,
  security,
  summary: "Delete everything Kefu holds about one of the shop's customers (privacy request)",
  middleware: requireShopKey,
  request: { params: z.object({ id: customerIdSchema }) },
  responses: {
    200: json(shopEraseResponseSchema, 'Erased (zero counts when there was nothing)'),
    ...errors(400, 401),
  },
})

export function registerShopApi(app: App) {
  app.openapi(events, async (c) => {
    const { services } = c.var
    services.limiter.take('shopApi', c.var.shopTenantId)
    const result = await receiveOrderEvent(orderContext(services), c.var.shopTenantId, c.req.valid('json'))
    for (const write of result.writes) published(services, write)
    return c.json({ ok: true as const, notified: result.notified }, 200)
  })

  app.openapi(messages, async (c) => {
    const { services } = c.var
    services.limiter.take('shopApi', c.var.shopTenantId)
    const result = await messageCustomer(
      services.db,
      services.secrets,
      c.var.shopTenantId,
      c.req.valid('json'),
    )
    for (const write of result.writes) published(services, write)
    return c.json({ conversationId: result.conversationId, messageId: result.messageId }, 201)
  })

  app.openapi(erase, async (c) => {
    const { services } = c.var
    return c.json(
      await eraseCustomer(services.db, services.storage, c.var.shopTenantId, c.req.valid('param').id),
      200,
    )
  })
}

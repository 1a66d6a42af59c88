import { createRoute, z } from '@hono/zod-openapi'
import { visitors } from '@kefu/db'
import { orderListSchema, widgetOrderLinkSchema, widgetOrderLookupSchema } from '@kefu/protocol'
import { orderSchema } from '@kefu/protocol/shop'
import { eq } from 'drizzle-orm'
import type { App } from '../../app.ts'
import { visitorConversation } from '../../domain/conversations.ts'
import { consumeRateLimit } from '../../domain/rate-limit.ts'
import { linkOrder, lookupForBuyer, lookupForCustomer } from '../../domain/shop/orders.ts'
import type { VisitorAuth } from '../../domain/visitors.ts'
import { KefuError, notFound } from '../../errors.ts'
import { clientIp } from '../../lib/client-ip.ts'
import { requireVisitor } from '../../middleware/visitor-auth.ts'
import type { Services } from '../../services.ts'
import { errors, json, jsonBody } from '../openapi.ts'
import { published } from '../publish.ts'
import { orderContext } from './context.ts'

const lookup = createRoute({
  method: 'post',
  path: '/v1/widget/orders/lookup',
  tags: ['Widget'],
  summary: 'Look an order up by number and the contact used at checkout',
  description:
    'A wrong contact and an unknown order answer the same `{"orders": []}`. Limited per visitor and IP against enumeration. ' +
    "With `conversationId` the order is put on that conversation's order card for the agent.",
  middleware: requireVisitor,
  request: jsonBody(widgetOrderLookupSchema),
  responses: {
    200: json(orderListSchema, 'Matching orders (codes masked)'),
    ...errors(400, 401, 404, 429, 502, 503),
  },
})

const mine = createRoute({
  method: 'get',
  path: '/v1/widget/orders',
  tags: ['Widget'],
  summary: "A verified buyer's recent orders (for the order picker)",
  middleware: requireVisitor,
  responses: { 200: json(orderListSchema, 'Recent orders'), ...errors(401, 403, 502, 503) },
})

const link = createRoute({
  method: 'post',
  path: '/v1/widget/orders/link',
  tags: ['Widget'],
  summary: 'A verified buyer picked one of their orders: show it beside the conversation',
  description:
    "Only an order the shop lists for the buyer's own customer id can be linked; any other answers 404.",
  middleware: requireVisitor,
  request: jsonBody(widgetOrderLinkSchema),
  responses: {
    200: json(z.object({ order: orderSchema }), 'Linked'),
    ...errors(400, 401, 403, 404, 502, 503),
  },
})

/**
 * What went wrong with the shop is for agents (the order card and delivery log say it); the buyer
 * gets a short answer in both languages and keeps chatting.
 */
async function forBuyer<T>(work: Promise<T>): Promise<T> {
  try {
    return await work
  } catch (err) {
    if (err instanceof KefuError && (err.code === 'shop_error' || err.code === 'shop_unavailable')) {
      throw new KefuError(
        err.code,
        '暂时无法查询订单，请直接留言，客服会为您处理。We cannot check orders right now; leave a message and an agent will help.',
      )
    }
    throw err
  }
}

/** A buyer the page identified: their recent orders, by the shop's own id for them. Anonymous visitors have none. */
async function customerOrders(services: Services, visitor: VisitorAuth) {
  const [row] = await services.db
    .select({ externalId: visitors.externalId })
    .from(visitors)
    .where(eq(visitors.id, visitor.visitorId))
  if (!visitor.verified || !row?.externalId) {
    throw new KefuError('identity_required', 'Sign in on the shop to see your orders here')
  }
  return forBuyer(lookupForCustomer(orderContext(services), visitor.tenantId, row.externalId))
}

export function registerWidgetOrders(app: App) {
  app.openapi(lookup, async (c) => {
    const { services, visitor } = c.var
    const body = c.req.valid('json')
    if (body.conversationId) await visitorConversation(services.db, visitor, body.conversationId)
    await consumeRateLimit(services.db, {
      key: `order-lookup:visitor:${visitor.visitorId}`,
      limit: 10,
      windowSeconds: 600,
    })
    await consumeRateLimit(services.db, {
      key: `order-lookup:ip:${clientIp(c)}`,
      limit: 30,
      windowSeconds: 600,
    })
    const orders = await forBuyer(lookupForBuyer(orderContext(services), visitor.tenantId, body))
    if (body.conversationId) {
      for (const order of orders) {
        published(
          services,
          await linkOrder(services.db, {
            tenantId: visitor.tenantId,
            conversationId: body.conversationId,
            order,
            source: 'buyer',
          }),
        )
      }
    }
    return c.json({ orders }, 200)
  })

  app.openapi(mine, async (c) => {
    return c.json({ orders: await customerOrders(c.var.services, c.var.visitor) }, 200)
  })

  app.openapi(link, async (c) => {
    const { services, visitor } = c.var
    const body = c.req.valid('json')
    await visitorConversation(services.db, visitor, body.conversationId)
    // The shop's list for this customer is the proof the order is theirs (and is cached briefly).
    const order = (await customerOrders(services, visitor)).find((o) => o.orderNo === body.orderNo.trim())
    if (!order) throw notFound('Order')
    published(
      services,
      await linkOrder(services.db, {
        tenantId: visitor.tenantId,
        conversationId: body.conversationId,
        order,
        source: 'customer',
      }),
    )
    return c.json({ order }, 200)
  })
}

import { createRoute, z } from '@hono/zod-openapi'
import { agents } from '@kefu/db'
import {
  agentOrderLookupSchema,
  conversationOrdersSchema,
  type LinkedOrder,
  orderActionRequestSchema,
  orderActionResultSchema,
  orderListSchema,
} from '@kefu/protocol'
import { orderNoSchema } from '@kefu/protocol/shop'
import { eq } from 'drizzle-orm'
import type { App } from '../../app.ts'
import { agentConversation } from '../../domain/conversations.ts'
import { actOnOrder } from '../../domain/shop/actions.ts'
import { getConnection, shopStatus } from '../../domain/shop/connection.ts'
import {
  linkedOrders,
  linkOrder,
  lookupForAgent,
  lookupForCustomer,
  verifiedCustomerOf,
} from '../../domain/shop/orders.ts'
import { recordActionInThread } from '../../domain/shop/thread-notes.ts'
import { KefuError } from '../../errors.ts'
import { requireAgent } from '../../middleware/agent-auth.ts'
import { errors, json, jsonBody } from '../openapi.ts'
import { published } from '../publish.ts'
import { orderContext } from './context.ts'

const tags = ['Orders']
const middleware = requireAgent()
const idParam = z.object({ id: z.string().max(40) })

const card = createRoute({
  method: 'get',
  path: '/v1/conversations/{id}/orders',
  tags,
  summary:
    "The order card: orders linked to the conversation, the verified buyer's recent orders, and the shop's status",
  description:
    'Never fails because the shop does: the shop status says what is wrong and linked orders still show.',
  middleware,
  request: { params: idParam },
  responses: { 200: json(conversationOrdersSchema, 'The card'), ...errors(401, 404) },
})

const find = createRoute({
  method: 'post',
  path: '/v1/conversations/{id}/orders/lookup',
  tags,
  summary: 'Look an order up by number and put it on the conversation',
  middleware,
  request: { params: idParam, ...jsonBody(agentOrderLookupSchema) },
  responses: { 200: json(orderListSchema, 'Found orders'), ...errors(400, 401, 404, 502, 503) },
})

const act = createRoute({
  method: 'post',
  path: '/v1/conversations/{id}/orders/{orderNo}/actions',
  tags,
  summary: 'Re-send codes, refund or add a note through the shop',
  description:
    'Refunds are limited to the role and amount the shop set. The same `idempotencyKey` never acts twice: repeating it returns the first outcome. Every attempt is audited.',
  middleware,
  request: {
    params: z.object({ id: z.string().max(40), orderNo: orderNoSchema }),
    ...jsonBody(orderActionRequestSchema),
  },
  responses: {
    200: json(orderActionResultSchema, 'What the shop answered'),
    ...errors(400, 401, 403, 404, 409, 502, 503),
  },
})

export function registerAgentOrders(app: App) {
  app.openapi(card, async (c) => {
    const { services, auth } = c.var
    const { id } = c.req.valid('param')
    await agentConversation(services.db, auth.tenantId, id)
    const orders: LinkedOrder[] = await linkedOrders(services.db, auth.tenantId, id)
    const customerId = await verifiedCustomerOf(services.db, auth.tenantId, id)
    const connection = await getConnection(services.db, auth.tenantId)
    if (customerId && connection) {
      try {
        const recent = await lookupForCustomer(orderContext(services), auth.tenantId, customerId)
        const now = new Date().toISOString()
        for (const order of recent) {
          if (!orders.some((o) => o.order.orderNo === order.orderNo))
            orders.push({ order, source: 'customer', updatedAt: now })
        }
      } catch (err) {
        // The card still shows what is linked; the shop status below says why the rest is missing.
        if (!(err instanceof KefuError)) throw err
      }
    }
    const rank = { agent: 0, admin: 1, owner: 2 } as const
    return c.json(
      {
        orders,
        shop: await shopStatus(services.db, auth.tenantId),
        permissions: {
          resend: !!connection,
          refund: !!connection && rank[auth.role] >= rank[connection.refundMinRole],
          refundMaxAmount: connection?.refundMaxAmount ?? null,
        },
      },
      200,
    )
  })

  app.openapi(find, async (c) => {
    const { services, auth } = c.var
    const { id } = c.req.valid('param')
    await agentConversation(services.db, auth.tenantId, id)
    const orders = await lookupForAgent(orderContext(services), auth.tenantId, c.req.valid('json').orderNo)
    for (const order of orders) {
      published(
        services,
        await linkOrder(services.db, { tenantId: auth.tenantId, conversationId: id, order, source: 'agent' }),
      )
    }
    return c.json({ orders }, 200)
  })

  app.openapi(act, async (c) => {
    const { services, auth } = c.var
    const { id, orderNo } = c.req.valid('param')
    await agentConversation(services.db, auth.tenantId, id)
    const body = c.req.valid('json')
    const result = await actOnOrder(orderContext(services), {
      ...body,
      tenantId: auth.tenantId,
      conversationId: id,
      orderNo,
      actor: { type: 'agent', id: auth.agentId, role: auth.role },
    })
    if (!result.replayed) {
      if (result.order) {
        published(
          services,
          await linkOrder(services.db, {
            tenantId: auth.tenantId,
            conversationId: id,
            order: result.order,
            source: 'agent',
          }),
        )
      }
      const [agent] = await services.db
        .select({ name: agents.name })
        .from(agents)
        .where(eq(agents.id, auth.agentId))
      for (const write of await recordActionInThread(services.db, services.secrets, {
        tenantId: auth.tenantId,
        conversationId: id,
        orderNo,
        action: body.action,
        result,
        actorName: agent?.name ?? 'An agent',
      })) {
        published(services, write)
      }
    }
    return c.json(result, 200)
  })
}

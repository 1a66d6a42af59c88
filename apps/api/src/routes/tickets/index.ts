import { createRoute, z } from '@hono/zod-openapi'
import { agents } from '@kefu/db'
import {
  buyerTicketListSchema,
  conversationTicketSchema,
  createTicketSchema,
  ticketDetailSchema,
  ticketListQuerySchema,
  ticketListSchema,
  ticketNoteSchema,
  updateTicketSchema,
} from '@kefu/protocol'
import { shopTicketsQuerySchema, shopTicketsResponseSchema } from '@kefu/protocol/shop'
import { eq } from 'drizzle-orm'
import type { Context } from 'hono'
import type { App } from '../../app.ts'
import {
  addTicketNote,
  buyerTickets,
  conversationTicket,
  createTicket,
  listTickets,
  shopTickets,
  type TicketActor,
  ticketDetail,
  updateTicket,
} from '../../domain/tickets/tickets.ts'
import { type AgentEnv, requireAgent } from '../../middleware/agent-auth.ts'
import { requireShopKey } from '../../middleware/shop-auth.ts'
import { requireVisitor } from '../../middleware/visitor-auth.ts'
import { errors, json, jsonBody } from '../openapi.ts'
import { published } from '../publish.ts'

const idParam = z.object({ id: z.string().max(40) })
const tags = ['Tickets']
const middleware = requireAgent()

const list = createRoute({
  method: 'get',
  path: '/v1/tickets',
  tags,
  summary: "The shop's tickets, most recently changed first (default: every status but solved and closed)",
  middleware,
  request: { query: ticketListQuerySchema },
  responses: { 200: json(ticketListSchema, 'A page'), ...errors(400, 401) },
})

const create = createRoute({
  method: 'post',
  path: '/v1/tickets',
  tags,
  summary: 'Turn a conversation into a ticket',
  description:
    "Subject, category, priority and orders default to what Kefu detects in the buyer's messages. The buyer is told in the chat. " +
    'A conversation has at most one active ticket: a second one answers 409.',
  middleware,
  request: jsonBody(createTicketSchema),
  responses: { 201: json(ticketDetailSchema, 'Created'), ...errors(400, 401, 404, 409) },
})

const get = createRoute({
  method: 'get',
  path: '/v1/tickets/{id}',
  tags,
  summary: 'One ticket with its timeline',
  middleware,
  request: { params: idParam },
  responses: { 200: json(ticketDetailSchema, 'The ticket'), ...errors(401, 404) },
})

const update = createRoute({
  method: 'patch',
  path: '/v1/tickets/{id}',
  tags,
  summary: 'Change status, priority, category, subject or assignee, or link an order',
  description: 'Status changes are shown to the buyer. A closed ticket cannot change (409).',
  middleware,
  request: { params: idParam, ...jsonBody(updateTicketSchema) },
  responses: { 200: json(ticketDetailSchema, 'Updated'), ...errors(400, 401, 404, 409) },
})

const note = createRoute({
  method: 'post',
  path: '/v1/tickets/{id}/notes',
  tags,
  summary: "An internal note on the ticket's timeline (never shown to the buyer or the shop)",
  middleware,
  request: { params: idParam, ...jsonBody(ticketNoteSchema) },
  responses: { 201: json(ticketDetailSchema, 'Noted'), ...errors(400, 401, 404) },
})

const ofConversation = createRoute({
  method: 'get',
  path: '/v1/conversations/{id}/ticket',
  tags,
  summary: "The conversation's newest ticket, and the fields Kefu suggests for a new one",
  middleware,
  request: { params: idParam },
  responses: { 200: json(conversationTicketSchema, 'Ticket and suggestion'), ...errors(401, 404) },
})

const forBuyer = createRoute({
  method: 'get',
  path: '/v1/widget/tickets',
  tags: ['Widget'],
  summary: "The visitor's tickets, newest first, with their status steps",
  middleware: requireVisitor,
  responses: { 200: json(buyerTicketListSchema, 'Tickets'), ...errors(401) },
})

const forShop = createRoute({
  method: 'get',
  path: '/v1/shop/tickets',
  tags: ['Shop API'],
  security: [{ secretKey: [] }],
  summary: "A customer's tickets (no internal notes), newest first",
  description: 'Only tickets of buyers identified with this `customerId` (a verified identity) are listed.',
  middleware: requireShopKey,
  request: { query: shopTicketsQuerySchema },
  responses: { 200: json(shopTicketsResponseSchema, 'Tickets'), ...errors(400, 401, 429) },
})

async function agentActor(c: Context<AgentEnv>): Promise<TicketActor> {
  const [agent] = await c.var.services.db
    .select({ name: agents.name })
    .from(agents)
    .where(eq(agents.id, c.var.auth.agentId))
  return { type: 'agent', id: c.var.auth.agentId, name: agent?.name ?? null }
}

export function registerTickets(app: App) {
  app.openapi(list, async (c) => {
    const { tenantId, agentId } = c.var.auth
    return c.json(await listTickets(c.var.services.db, { tenantId, agentId }, c.req.valid('query')), 200)
  })

  app.openapi(create, async (c) => {
    const { services, auth } = c.var
    const result = await createTicket(
      services.db,
      services.secrets,
      auth.tenantId,
      await agentActor(c),
      c.req.valid('json'),
    )
    for (const write of result.writes) published(services, write)
    return c.json(result.ticket, 201)
  })

  app.openapi(get, async (c) => {
    return c.json(
      await ticketDetail(
        c.var.services.db,
        c.var.services.secrets,
        c.var.auth.tenantId,
        c.req.valid('param').id,
      ),
      200,
    )
  })

  app.openapi(update, async (c) => {
    const { services, auth } = c.var
    const result = await updateTicket(
      services.db,
      services.secrets,
      auth.tenantId,
      await agentActor(c),
      c.req.valid('param').id,
      c.req.valid('json'),
    )
    for (const write of result.writes) published(services, write)
    return c.json(result.ticket, 200)
  })

  app.openapi(note, async (c) => {
    const { services, auth } = c.var
    const result = await addTicketNote(
      services.db,
      services.secrets,
      auth.tenantId,
      await agentActor(c),
      c.req.valid('param').id,
      c.req.valid('json').text,
    )
    published(services, result.write)
    return c.json(result.ticket, 201)
  })

  app.openapi(ofConversation, async (c) => {
    return c.json(
      await conversationTicket(
        c.var.services.db,
        c.var.services.secrets,
        c.var.auth.tenantId,
        c.req.valid('param').id,
      ),
      200,
    )
  })

  app.openapi(forBuyer, async (c) => {
    return c.json({ tickets: await buyerTickets(c.var.services.db, c.var.visitor) }, 200)
  })

  app.openapi(forShop, async (c) => {
    const { services } = c.var
    services.limiter.take('shopApi', c.var.shopTenantId)
    const tickets = await shopTickets(services.db, c.var.shopTenantId, c.req.valid('query').customerId)
    return c.json({ tickets }, 200)
  })
}

import { createRoute, z } from '@hono/zod-openapi'
import { agents } from '@kefu/db'
import {
  agentSendMessageSchema,
  conversationListSchema,
  conversationSchema,
  conversationStatusSchema,
  eventPageSchema,
  markReadSchema,
  messagePageQuerySchema,
  messagePageSchema,
  messageSchema,
  updateConversationSchema,
} from '@kefu/protocol'
import { eq } from 'drizzle-orm'
import type { App } from '../../app.ts'
import {
  agentConversation,
  listAgentConversations,
  markRead,
  updateConversation,
} from '../../domain/conversations.ts'
import { toConversation } from '../../domain/dto.ts'
import { currentCursor, eventsSince } from '../../domain/events.ts'
import { listMessages, sendMessage } from '../../domain/messages.ts'
import { requireAgent } from '../../middleware/agent-auth.ts'
import { errors, json, jsonBody } from '../openapi.ts'
import { published } from '../publish.ts'

const idParam = z.object({ id: z.string().max(40) })
const tags = ['Conversations']
const middleware = requireAgent()

const list = createRoute({
  method: 'get',
  path: '/v1/conversations',
  tags,
  summary: "The shop's conversations, most recently active first",
  middleware,
  request: {
    query: z.object({
      view: z.enum(['all', 'mine', 'unassigned']).default('all'),
      status: conversationStatusSchema.optional(),
      q: z.string().max(100).optional(),
      cursor: z.string().max(80).optional(),
      limit: z.coerce.number().int().min(1).max(100).default(30),
    }),
  },
  responses: { 200: json(conversationListSchema, 'A page'), ...errors(400, 401) },
})

const get = createRoute({
  method: 'get',
  path: '/v1/conversations/{id}',
  tags,
  summary: 'One conversation',
  middleware,
  request: { params: idParam },
  responses: { 200: json(conversationSchema, 'The conversation'), ...errors(401, 404) },
})

const update = createRoute({
  method: 'patch',
  path: '/v1/conversations/{id}',
  tags,
  summary: 'Change status or assignee',
  middleware,
  request: { params: idParam, ...jsonBody(updateConversationSchema) },
  responses: { 200: json(conversationSchema, 'Updated'), ...errors(400, 401, 404) },
})

const history = createRoute({
  method: 'get',
  path: '/v1/conversations/{id}/messages',
  tags,
  summary: 'Messages and internal notes, newest first; page with `before`',
  middleware,
  request: { params: idParam, query: messagePageQuerySchema },
  responses: { 200: json(messagePageSchema, 'A page'), ...errors(400, 401, 404) },
})

const send = createRoute({
  method: 'post',
  path: '/v1/conversations/{id}/messages',
  tags,
  summary:
    'Reply (or add an internal note with `internal: true`); a repeated clientId returns the stored message',
  middleware,
  request: { params: idParam, ...jsonBody(agentSendMessageSchema) },
  responses: {
    200: json(messageSchema, 'Already stored'),
    201: json(messageSchema, 'Stored'),
    ...errors(400, 401, 404, 409, 429),
  },
})

const read = createRoute({
  method: 'post',
  path: '/v1/conversations/{id}/read',
  tags,
  summary: 'Agents have read up to `seq`',
  middleware,
  request: { params: idParam, ...jsonBody(markReadSchema) },
  responses: { 200: json(z.object({ ok: z.literal(true) }), 'Noted'), ...errors(400, 401, 404) },
})

const events = createRoute({
  method: 'get',
  path: '/v1/events',
  tags,
  summary: "Catch up on the shop's events after `cursor`",
  middleware,
  request: { query: z.object({ cursor: z.string().max(64).optional() }) },
  responses: { 200: json(eventPageSchema, 'Events, oldest first'), ...errors(400, 401) },
})

export function registerConversations(app: App) {
  app.openapi(list, async (c) => {
    const { tenantId, agentId } = c.var.auth
    const q = c.req.valid('query')
    return c.json(await listAgentConversations(c.var.services.db, { tenantId, agentId }, q), 200)
  })

  app.openapi(get, async (c) => {
    const row = await agentConversation(c.var.services.db, c.var.auth.tenantId, c.req.valid('param').id)
    return c.json(toConversation(row, { kind: 'agent', tenantId: c.var.auth.tenantId }), 200)
  })

  app.openapi(update, async (c) => {
    const { services, auth } = c.var
    const { id } = c.req.valid('param')
    published(services, await updateConversation(services.db, auth.tenantId, id, c.req.valid('json')))
    const row = await agentConversation(services.db, auth.tenantId, id)
    return c.json(toConversation(row, { kind: 'agent', tenantId: auth.tenantId }), 200)
  })

  app.openapi(history, async (c) => {
    const { services, auth } = c.var
    const { id } = c.req.valid('param')
    await agentConversation(services.db, auth.tenantId, id)
    const q = c.req.valid('query')
    const page = await listMessages(services.db, services.secrets, {
      tenantId: auth.tenantId,
      conversationId: id,
      includeInternal: true,
      before: q.before,
      limit: q.limit,
    })
    return c.json(page, 200)
  })

  app.openapi(send, async (c) => {
    const { services, auth } = c.var
    services.limiter.take('agentMessage', auth.agentId)
    const body = c.req.valid('json')
    const [agent] = await services.db
      .select({ name: agents.name })
      .from(agents)
      .where(eq(agents.id, auth.agentId))
    const result = published(
      services,
      await sendMessage(services.db, services.secrets, {
        tenantId: auth.tenantId,
        conversationId: c.req.valid('param').id,
        author: { type: 'agent', id: auth.agentId, name: agent?.name ?? null },
        clientId: body.clientId,
        text: body.text,
        internal: body.internal,
        attachmentIds: body.attachmentIds,
      }),
    )
    return c.json(result.message, result.created ? 201 : 200)
  })

  app.openapi(read, async (c) => {
    const { services, auth } = c.var
    published(
      services,
      await markRead(services.db, {
        tenantId: auth.tenantId,
        conversationId: c.req.valid('param').id,
        reader: 'agent',
        seq: c.req.valid('json').seq,
      }),
    )
    return c.json({ ok: true as const }, 200)
  })

  app.openapi(events, async (c) => {
    const { services, auth } = c.var
    const { cursor } = c.req.valid('query')
    const audience = { kind: 'agent' as const, tenantId: auth.tenantId }
    if (!cursor)
      return c.json({ events: [], cursor: await currentCursor(services.db, audience), more: false }, 200)
    return c.json(await eventsSince(services.db, services.secrets, audience, cursor), 200)
  })
}

import { createRoute, z } from '@hono/zod-openapi'
import {
  conversationListSchema,
  conversationSchema,
  eventPageSchema,
  markReadSchema,
  messagePageQuerySchema,
  messagePageSchema,
  messageSchema,
  sendMessageSchema,
  startConversationSchema,
} from '@kefu/protocol'
import type { Context } from 'hono'
import type { App } from '../../app.ts'
import {
  listVisitorConversations,
  markRead,
  startConversation,
  visitorConversation,
} from '../../domain/conversations.ts'
import type { Audience } from '../../domain/dto.ts'
import { toConversation, toMessage } from '../../domain/dto.ts'
import { currentCursor, eventsSince } from '../../domain/events.ts'
import { listMessages, messageByClientId, sendMessage } from '../../domain/messages.ts'
import { clientIp } from '../../lib/client-ip.ts'
import { assertMayWrite, requireVisitor, type VisitorEnv } from '../../middleware/visitor-auth.ts'
import { errors, json, jsonBody } from '../openapi.ts'
import { published } from '../publish.ts'

const idParam = z.object({ id: z.string().max(40) })
const tags = ['Widget']
const middleware = requireVisitor

const audienceOf = (c: Context<VisitorEnv>): Audience => ({
  kind: 'visitor',
  tenantId: c.var.visitor.tenantId,
  visitorId: c.var.visitor.visitorId,
})

const list = createRoute({
  method: 'get',
  path: '/v1/widget/conversations',
  tags,
  summary: "The visitor's conversations, newest first",
  middleware,
  responses: { 200: json(conversationListSchema, 'Conversations'), ...errors(401) },
})

const start = createRoute({
  method: 'post',
  path: '/v1/widget/conversations',
  tags,
  summary: 'Start a conversation, optionally with its first message',
  middleware,
  request: jsonBody(startConversationSchema),
  responses: {
    201: json(z.object({ conversation: conversationSchema, message: messageSchema.nullable() }), 'Started'),
    ...errors(400, 401, 403, 429),
  },
})

const history = createRoute({
  method: 'get',
  path: '/v1/widget/conversations/{id}/messages',
  tags,
  summary: "Messages of one of the visitor's conversations, newest first; page with `before`",
  middleware,
  request: { params: idParam, query: messagePageQuerySchema },
  responses: { 200: json(messagePageSchema, 'A page'), ...errors(400, 401, 404) },
})

const send = createRoute({
  method: 'post',
  path: '/v1/widget/conversations/{id}/messages',
  tags,
  summary: 'Send a message; a repeated clientId returns the stored message (200) instead of a new one (201)',
  middleware,
  request: { params: idParam, ...jsonBody(sendMessageSchema) },
  responses: {
    200: json(messageSchema, 'Already stored'),
    201: json(messageSchema, 'Stored'),
    ...errors(400, 401, 403, 404, 409, 429),
  },
})

const read = createRoute({
  method: 'post',
  path: '/v1/widget/conversations/{id}/read',
  tags,
  summary: 'The visitor has read up to `seq`',
  middleware,
  request: { params: idParam, ...jsonBody(markReadSchema) },
  responses: { 200: json(z.object({ ok: z.literal(true) }), 'Noted'), ...errors(400, 401, 404) },
})

const events = createRoute({
  method: 'get',
  path: '/v1/widget/events',
  tags,
  summary: 'Catch up: events after `cursor` (without a cursor: the current cursor and no events)',
  middleware,
  request: { query: z.object({ cursor: z.string().max(64).optional() }) },
  responses: { 200: json(eventPageSchema, 'Events, oldest first'), ...errors(400, 401) },
})

export function registerWidgetConversations(app: App) {
  app.openapi(list, async (c) => {
    const conversations = await listVisitorConversations(c.var.services.db, c.var.visitor)
    return c.json({ conversations, nextCursor: null }, 200)
  })

  app.openapi(start, async (c) => {
    const { services, visitor } = c.var
    assertMayWrite(visitor)
    const body = c.req.valid('json')
    if (body.message) {
      // A retried start (the answer was lost) finds the first message and its conversation again.
      const earlier = await messageByClientId(services.db, visitor, body.message.clientId)
      if (earlier) {
        const row = await visitorConversation(services.db, visitor, earlier.conversationId)
        return c.json(
          { conversation: toConversation(row, audienceOf(c)), message: toMessage(earlier, services.secrets) },
          201,
        )
      }
      takeMessageTokens(c)
    }
    const id = published(services, await startConversation(services.db, visitor))
    const message = body.message
      ? published(
          services,
          await sendMessage(services.db, services.secrets, {
            tenantId: visitor.tenantId,
            conversationId: id,
            visitorId: visitor.visitorId,
            author: { type: 'visitor', id: visitor.visitorId, name: null },
            clientId: body.message.clientId,
            text: body.message.text,
            attachmentIds: body.message.attachmentIds,
          }),
        ).message
      : null
    const row = await visitorConversation(services.db, visitor, id)
    return c.json({ conversation: toConversation(row, audienceOf(c)), message }, 201)
  })

  app.openapi(history, async (c) => {
    const { services, visitor } = c.var
    const { id } = c.req.valid('param')
    await visitorConversation(services.db, visitor, id)
    const query = c.req.valid('query')
    const page = await listMessages(services.db, services.secrets, {
      tenantId: visitor.tenantId,
      conversationId: id,
      includeInternal: false,
      before: query.before,
      limit: query.limit,
    })
    return c.json(page, 200)
  })

  app.openapi(send, async (c) => {
    const { services, visitor } = c.var
    assertMayWrite(visitor)
    takeMessageTokens(c)
    const body = c.req.valid('json')
    const result = published(
      services,
      await sendMessage(services.db, services.secrets, {
        tenantId: visitor.tenantId,
        conversationId: c.req.valid('param').id,
        visitorId: visitor.visitorId,
        author: { type: 'visitor', id: visitor.visitorId, name: null },
        clientId: body.clientId,
        text: body.text,
        attachmentIds: body.attachmentIds,
      }),
    )
    return c.json(result.message, result.created ? 201 : 200)
  })

  app.openapi(read, async (c) => {
    const { services, visitor } = c.var
    published(
      services,
      await markRead(services.db, {
        tenantId: visitor.tenantId,
        conversationId: c.req.valid('param').id,
        visitorId: visitor.visitorId,
        reader: 'visitor',
        seq: c.req.valid('json').seq,
      }),
    )
    return c.json({ ok: true as const }, 200)
  })

  app.openapi(events, async (c) => {
    const { services } = c.var
    const { cursor } = c.req.valid('query')
    const audience = audienceOf(c)
    if (!cursor)
      return c.json({ events: [], cursor: await currentCursor(services.db, audience), more: false }, 200)
    return c.json(await eventsSince(services.db, services.secrets, audience, cursor), 200)
  })
}

function takeMessageTokens(c: Context<VisitorEnv>) {
  const { limiter } = c.var.services
  limiter.take('visitorMessage', c.var.visitor.visitorId)
  limiter.take('ipMessage', clientIp(c))
}

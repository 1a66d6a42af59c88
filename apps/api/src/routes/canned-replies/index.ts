import { createRoute, z } from '@hono/zod-openapi'
import {
  cannedReplyListSchema,
  cannedReplySchema,
  createCannedReplySchema,
  updateCannedReplySchema,
} from '@kefu/protocol'
import type { App } from '../../app.ts'
import {
  createCannedReply,
  deleteCannedReply,
  listCannedReplies,
  updateCannedReply,
} from '../../domain/canned-replies.ts'
import { requireAgent } from '../../middleware/agent-auth.ts'
import { errors, json, jsonBody } from '../openapi.ts'

const tags = ['Canned replies']
const idParam = z.object({ id: z.string().max(40) })
const admin = requireAgent('admin')

const list = createRoute({
  method: 'get',
  path: '/v1/canned-replies',
  tags,
  summary: "The shop's canned replies, by shortcut (any agent); `q` searches shortcut, title and text",
  middleware: requireAgent(),
  request: { query: z.object({ q: z.string().max(100).optional() }) },
  responses: { 200: json(cannedReplyListSchema, 'The replies'), ...errors(400, 401) },
})

const create = createRoute({
  method: 'post',
  path: '/v1/canned-replies',
  tags,
  summary: 'Add a canned reply (owner/admin)',
  middleware: admin,
  request: jsonBody(createCannedReplySchema),
  responses: { 201: json(cannedReplySchema, 'Created'), ...errors(400, 401, 403, 409) },
})

const update = createRoute({
  method: 'patch',
  path: '/v1/canned-replies/{id}',
  tags,
  summary: 'Change a canned reply (owner/admin)',
  middleware: admin,
  request: { params: idParam, ...jsonBody(updateCannedReplySchema) },
  responses: { 200: json(cannedReplySchema, 'Updated'), ...errors(400, 401, 403, 404, 409) },
})

const remove = createRoute({
  method: 'delete',
  path: '/v1/canned-replies/{id}',
  tags,
  summary: 'Delete a canned reply (owner/admin)',
  middleware: admin,
  request: { params: idParam },
  responses: { 200: json(z.object({ ok: z.literal(true) }), 'Deleted'), ...errors(401, 403, 404) },
})

export function registerCannedReplies(app: App) {
  app.openapi(list, async (c) =>
    c.json(
      {
        cannedReplies: await listCannedReplies(
          c.var.services.db,
          c.var.auth.tenantId,
          c.req.valid('query').q,
        ),
      },
      200,
    ),
  )

  app.openapi(create, async (c) => {
    const { tenantId, agentId } = c.var.auth
    return c.json(
      await createCannedReply(c.var.services.db, { tenantId, agentId, ...c.req.valid('json') }),
      201,
    )
  })

  app.openapi(update, async (c) => {
    const reply = await updateCannedReply(c.var.services.db, {
      tenantId: c.var.auth.tenantId,
      id: c.req.valid('param').id,
      change: c.req.valid('json'),
    })
    return c.json(reply, 200)
  })

  app.openapi(remove, async (c) => {
    await deleteCannedReply(c.var.services.db, c.var.auth.tenantId, c.req.valid('param').id)
    return c.json({ ok: true as const }, 200)
  })
}

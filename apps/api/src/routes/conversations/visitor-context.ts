import { createRoute, z } from '@hono/zod-openapi'
import { visitorContextSchema } from '@kefu/protocol'
import type { App } from '../../app.ts'
import { visitorContext } from '../../domain/visitor-context.ts'
import { requireAgent } from '../../middleware/agent-auth.ts'
import { errors, json } from '../openapi.ts'

const route = createRoute({
  method: 'get',
  path: '/v1/conversations/{id}/visitor',
  tags: ['Conversations'],
  summary:
    "The buyer behind a conversation: identity, recent pages, past conversations (the inbox's side panel)",
  middleware: requireAgent(),
  request: { params: z.object({ id: z.string().max(40) }) },
  responses: { 200: json(visitorContextSchema, 'The visitor'), ...errors(401, 404) },
})

export function registerVisitorContext(app: App) {
  app.openapi(route, async (c) =>
    c.json(await visitorContext(c.var.services.db, c.var.auth.tenantId, c.req.valid('param').id), 200),
  )
}

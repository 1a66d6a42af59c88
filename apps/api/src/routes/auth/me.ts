import { createRoute } from '@hono/zod-openapi'
import { errorBodySchema, meResponseSchema } from '@kefu/protocol'
import type { App } from '../../app.ts'
import { describeAgent } from '../../domain/sessions.ts'
import { requireAgent } from '../../middleware/agent-auth.ts'

const route = createRoute({
  method: 'get',
  path: '/v1/me',
  tags: ['Agent auth'],
  summary: 'The logged-in agent, their shop and role',
  middleware: [requireAgent()] as const,
  responses: {
    200: { description: 'The agent', content: { 'application/json': { schema: meResponseSchema } } },
    401: { description: 'Not logged in', content: { 'application/json': { schema: errorBodySchema } } },
  },
})

export function registerMe(app: App) {
  app.openapi(route, async (c) => c.json(await describeAgent(c.var.services.db, c.var.auth), 200))
}

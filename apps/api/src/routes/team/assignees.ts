import { createRoute } from '@hono/zod-openapi'
import { assigneesSchema } from '@kefu/protocol'
import type { App } from '../../app.ts'
import { listAssignees } from '../../domain/team.ts'
import { requireAgent } from '../../middleware/agent-auth.ts'
import { errors, json } from '../openapi.ts'

// Outside /v1/team on purpose: every agent assigns conversations, only admins manage the team.
const route = createRoute({
  method: 'get',
  path: '/v1/assignees',
  tags: ['Team'],
  summary: 'Active members a conversation can be assigned to (id and name only; any agent)',
  middleware: requireAgent(),
  responses: { 200: json(assigneesSchema, 'The agents'), ...errors(401) },
})

export function registerAssignees(app: App) {
  app.openapi(route, async (c) =>
    c.json({ agents: await listAssignees(c.var.services.db, c.var.auth.tenantId) }, 200),
  )
}

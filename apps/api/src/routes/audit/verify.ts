import { createRoute, z } from '@hono/zod-openapi'
import { errorBodySchema } from '@kefu/protocol'
import type { App } from '../../app.ts'
import { verifyAuditChain } from '../../domain/audit.ts'
import { requireAgent } from '../../middleware/agent-auth.ts'

const verificationSchema = z
  .object({
    ok: z.boolean(),
    entries: z.number().int().describe('Entries checked before the first broken one (all of them when ok)'),
    firstBrokenId: z.string().optional(),
  })
  .meta({ id: 'AuditVerification' })

const route = createRoute({
  method: 'get',
  path: '/v1/audit/verify',
  tags: ['Audit'],
  summary: "Check the shop's audit-log hash chain",
  description:
    'Admins and owners only. Names the first entry whose hash or link to its predecessor does not hold.',
  middleware: [requireAgent('admin')] as const,
  responses: {
    200: { description: 'The result', content: { 'application/json': { schema: verificationSchema } } },
    401: { description: 'Not logged in', content: { 'application/json': { schema: errorBodySchema } } },
    403: { description: 'Not an admin', content: { 'application/json': { schema: errorBodySchema } } },
  },
})

export function registerAuditVerify(app: App) {
  app.openapi(route, async (c) => c.json(await verifyAuditChain(c.var.services.db, c.var.auth.tenantId), 200))
}

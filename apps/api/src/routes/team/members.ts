import { createRoute, z } from '@hono/zod-openapi'
import { inviteMemberSchema, teamMemberSchema, teamSchema, updateMemberSchema } from '@kefu/protocol'
import type { App } from '../../app.ts'
import { inviteMember, listTeam, updateMember } from '../../domain/team.ts'
import { getTenant } from '../../domain/tenants.ts'
import { requireAgent } from '../../middleware/agent-auth.ts'
import { errors, json, jsonBody } from '../openapi.ts'
import { kefuUrl } from '../settings/kefu-url.ts'

const tags = ['Team']
const middleware = requireAgent('admin')

const list = createRoute({
  method: 'get',
  path: '/v1/team',
  tags,
  summary: "The shop's members with role and status (owner/admin)",
  middleware,
  responses: { 200: json(teamSchema, 'The team'), ...errors(401, 403) },
})

const invite = createRoute({
  method: 'post',
  path: '/v1/team/invitations',
  tags,
  summary: 'Invite someone by email with a role (owner/admin; only owners invite owners)',
  description:
    'A new address gets a one-time link (7 days) to set a name and password; it is emailed, or printed to the server log without SMTP.',
  middleware,
  request: jsonBody(inviteMemberSchema),
  responses: { 201: json(teamMemberSchema, 'Invited'), ...errors(400, 401, 403, 409) },
})

const update = createRoute({
  method: 'patch',
  path: '/v1/team/{agentId}',
  tags,
  summary: 'Change a role or (de)activate a member (owner/admin)',
  description:
    'Only owners change owners; the last active owner cannot be demoted or deactivated; nobody deactivates themselves. ' +
    'A deactivated member is logged out at once.',
  middleware,
  request: { params: z.object({ agentId: z.string().max(40) }), ...jsonBody(updateMemberSchema) },
  responses: { 200: json(teamMemberSchema, 'Updated'), ...errors(400, 401, 403, 404, 409) },
})

export function registerTeamMembers(app: App) {
  app.openapi(list, async (c) =>
    c.json({ members: await listTeam(c.var.services.db, c.var.auth.tenantId) }, 200),
  )

  app.openapi(invite, async (c) => {
    const { db, mailer } = c.var.services
    const { tenantId, agentId, role } = c.var.auth
    const tenant = await getTenant(db, tenantId)
    const body = c.req.valid('json')
    const member = await inviteMember(db, mailer, {
      tenantId,
      tenantName: tenant?.name ?? 'Kefu',
      actor: { agentId, role },
      email: body.email,
      role: body.role,
      ...(body.name && { name: body.name }),
      kefuUrl: kefuUrl(c),
    })
    return c.json(member, 201)
  })

  app.openapi(update, async (c) => {
    const { tenantId, agentId, role } = c.var.auth
    const body = c.req.valid('json')
    const member = await updateMember(c.var.services.db, {
      tenantId,
      actor: { agentId, role },
      agentId: c.req.valid('param').agentId,
      role: body.role,
      active: body.active,
    })
    return c.json(member, 200)
  })
}

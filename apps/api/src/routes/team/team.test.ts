import { describeEachDatabase } from '@kefu/db/testing'
import {
  assigneesSchema,
  errorBodySchema,
  meResponseSchema,
  teamMemberSchema,
  teamSchema,
} from '@kefu/protocol'
import { expect, it } from 'vitest'
import type { Mailer } from '../../services.ts'
import { createHarness } from '../../testing/harness.ts'
import { agentRequest } from '../../testing/visitor.ts'

const post = (body: unknown) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
})

describeEachDatabase('team routes', (database) => {
  const h = createHarness(database)
  const outbox: Array<{ to: string; subject: string; text: string }> = []
  const capture: Mailer = { send: async (mail) => void outbox.push(mail) }
  const linkTo = (email: string) => {
    const mail = outbox.findLast((m) => m.to === email)
    return mail?.text.match(/accept-invite#token=([\w-]+)/)?.[1]
  }

  it('invites a new person whose link sets a password and logs them into the shop, once', async () => {
    h().services.mailer = capture
    const shop = await h().newTenant({ role: 'admin' })
    const req = agentRequest(h(), await shop.login())
    const email = `new-${Date.now()}@test.kefu.local`
    const res = await req('/v1/team/invitations', {
      body: { email: email.toUpperCase(), role: 'agent', name: '小王' },
    })
    expect(res.status).toBe(201)
    expect(teamMemberSchema.parse(await res.json())).toMatchObject({
      email,
      role: 'agent',
      status: 'invited',
    })
    const token = linkTo(email)
    expect(token).toBeTruthy()
    expect(outbox.at(-1)?.text).toContain('http://localhost/inbox/accept-invite#token=')

    // Until they accept, nothing logs in as them.
    const early = await h().app.request('/v1/auth/login', post({ email, password: 'invited$' }))
    expect(early.status).toBe(401)

    const accept = await h().app.request(
      '/v1/auth/invite/accept',
      post({ token, name: '王小明', password: 'a long new password' }),
    )
    expect(accept.status).toBe(200)
    const me = meResponseSchema.parse(await accept.json())
    expect(me).toMatchObject({ tenant: { id: shop.tenantId }, role: 'agent', agent: { name: '王小明' } })
    expect(accept.headers.get('set-cookie')).toMatch(/^kefu_session=.*HttpOnly/i)

    const twice = await h().app.request(
      '/v1/auth/invite/accept',
      post({ token, name: 'x', password: 'another long password' }),
    )
    expect(twice.status).toBe(400)
    expect(errorBodySchema.parse(await twice.json()).error.field).toBe('body.token')
    const team = teamSchema.parse(await (await req('/v1/team')).json())
    expect(team.members.find((m) => m.email === email)?.status).toBe('active')
  })

  it('refuses duplicate members (409), bad input (400) and admins inviting owners (403)', async () => {
    h().services.mailer = capture
    const shop = await h().newTenant({ role: 'admin' })
    const req = agentRequest(h(), await shop.login())
    const dup = await req('/v1/team/invitations', { body: { email: shop.email, role: 'agent' } })
    expect(dup.status).toBe(409)
    const bad = await req('/v1/team/invitations', { body: { email: 'nope', role: 'agent' } })
    expect(bad.status).toBe(400)
    expect(errorBodySchema.parse(await bad.json()).error.field).toBe('body.email')
    const badRole = await req('/v1/team/invitations', { body: { email: 'a@b.example', role: 'god' } })
    expect(errorBodySchema.parse(await badRole.json()).error.field).toBe('body.role')
    const owner = await req('/v1/team/invitations', {
      body: { email: 'boss@test.kefu.local', role: 'owner' },
    })
    expect(owner.status).toBe(403)
  })

  it('changes roles and deactivates; a deactivated member is logged out at once', async () => {
    const shop = await h().newTenant({ role: 'owner' })
    const req = agentRequest(h(), await shop.login())
    const agent = await shop.addMember('agent')
    const agentCookie = await agent.login()
    const team = teamSchema.parse(await (await req('/v1/team')).json())
    const target = team.members.find((m) => m.email === agent.email)!
    expect(team.members[0]?.role).toBe('owner')

    const promoted = await req(`/v1/team/${target.agentId}`, { method: 'PATCH', body: { role: 'admin' } })
    expect(teamMemberSchema.parse(await promoted.json()).role).toBe('admin')
    const off = await req(`/v1/team/${target.agentId}`, { method: 'PATCH', body: { active: false } })
    expect(teamMemberSchema.parse(await off.json()).status).toBe('deactivated')
    expect((await h().app.request('/v1/me', { headers: { cookie: agentCookie } })).status).toBe(401)
    const relogin = await h().app.request(
      '/v1/auth/login',
      post({ email: agent.email, password: shop.password }),
    )
    expect(relogin.status).toBe(403)
    const back = await req(`/v1/team/${target.agentId}`, { method: 'PATCH', body: { active: true } })
    expect(teamMemberSchema.parse(await back.json()).status).toBe('active')
  })

  it('protects owners: an admin cannot touch one, and the last owner cannot go', async () => {
    const shop = await h().newTenant({ role: 'owner' })
    const ownerReq = agentRequest(h(), await shop.login())
    const admin = await shop.addMember('admin')
    const adminReq = agentRequest(h(), await admin.login())
    const members = teamSchema.parse(await (await ownerReq('/v1/team')).json()).members
    const ownerId = members.find((m) => m.role === 'owner')!.agentId
    const adminId = members.find((m) => m.role === 'admin')!.agentId

    for (const body of [{ active: false }, { role: 'agent' }]) {
      const res = await adminReq(`/v1/team/${ownerId}`, { method: 'PATCH', body })
      expect(res.status, JSON.stringify(body)).toBe(403)
    }
    const selfPromote = await adminReq(`/v1/team/${adminId}`, { method: 'PATCH', body: { role: 'owner' } })
    expect(selfPromote.status).toBe(403)

    const demoteLast = await ownerReq(`/v1/team/${ownerId}`, { method: 'PATCH', body: { role: 'admin' } })
    expect(demoteLast.status).toBe(409)
    const selfOff = await ownerReq(`/v1/team/${ownerId}`, { method: 'PATCH', body: { active: false } })
    expect(selfOff.status).toBe(400)

    // With a second owner, the first may step down.
    await ownerReq(`/v1/team/${adminId}`, { method: 'PATCH', body: { role: 'owner' } })
    const stepDown = await ownerReq(`/v1/team/${ownerId}`, { method: 'PATCH', body: { role: 'admin' } })
    expect(stepDown.status).toBe(200)
  })

  it('keeps teams apart: another shop’s member is 404, and agents get 403 on every team route', async () => {
    const shop = await h().newTenant()
    const other = await h().newTenant()
    const req = agentRequest(h(), await shop.login())
    const otherMembers = teamSchema.parse(
      await (await agentRequest(h(), await other.login())('/v1/team')).json(),
    )
    const stranger = otherMembers.members[0]!.agentId
    const res = await req(`/v1/team/${stranger}`, { method: 'PATCH', body: { role: 'agent' } })
    expect(res.status).toBe(404)
    const list = teamSchema.parse(await (await req('/v1/team')).json())
    expect(list.members.map((m) => m.agentId)).not.toContain(stranger)

    const agent = await shop.addMember('agent')
    const asAgent = agentRequest(h(), await agent.login())
    const routes: Array<[string, string, unknown?]> = [
      ['GET', '/v1/team'],
      ['POST', '/v1/team/invitations', { email: 'x@test.kefu.local', role: 'agent' }],
      ['PATCH', `/v1/team/${list.members[0]!.agentId}`, { role: 'agent' }],
    ]
    for (const [method, path, body] of routes) {
      const r = await asAgent(path, { method, body })
      expect(r.status, `${method} ${path}`).toBe(403)
    }
    // Agents can still see whom to assign to: names only, their own shop only.
    const assignees = assigneesSchema.parse(await (await asAgent('/v1/assignees')).json())
    expect(assignees.agents).toHaveLength(2)
    expect(JSON.stringify(assignees)).not.toContain('@')
  })
})

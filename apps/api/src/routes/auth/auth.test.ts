import { describeEachDatabase } from '@kefu/db/testing'
import { errorBodySchema, meResponseSchema } from '@kefu/protocol'
import { expect, it } from 'vitest'
import { createHarness, TEST_PASSWORD } from '../../testing/harness.ts'

const json = (body: unknown) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: typeof body === 'string' ? body : JSON.stringify(body),
})

describeEachDatabase(
  'agent auth',
  (database) => {
    const h = createHarness(database)

    it('logs in with an HttpOnly SameSite cookie, answers /v1/me, and logs out', async () => {
      const shop = await h().newTenant()
      const res = await h().app.request(
        '/v1/auth/login',
        json({ email: shop.email.toUpperCase(), password: TEST_PASSWORD }),
      )
      expect(res.status).toBe(200)
      const setCookie = res.headers.get('set-cookie') ?? ''
      expect(setCookie).toMatch(/^kefu_session=/)
      expect(setCookie).toMatch(/HttpOnly/i)
      expect(setCookie).toMatch(/SameSite=Lax/i)
      const cookie = setCookie.split(';')[0]!

      const me = meResponseSchema.parse(
        await (await h().app.request('/v1/me', { headers: { cookie } })).json(),
      )
      expect(me.agent.email).toBe(shop.email)
      expect(me.tenant.id).toBe(shop.tenantId)
      expect(me.role).toBe('owner')

      const out = await h().app.request('/v1/auth/logout', { method: 'POST', headers: { cookie } })
      expect(out.status).toBe(200)
      const after = await h().app.request('/v1/me', { headers: { cookie } })
      expect(after.status).toBe(401)
      expect(errorBodySchema.parse(await after.json()).error.code).toBe('unauthorized')
    })

    it('answers a wrong password and an unknown email the same way', async () => {
      const shop = await h().newTenant()
      const wrong = await h().app.request(
        '/v1/auth/login',
        json({ email: shop.email, password: 'not the password' }),
      )
      const unknown = await h().app.request(
        '/v1/auth/login',
        json({ email: 'nobody@test.kefu.local', password: 'x' }),
      )
      expect(wrong.status).toBe(401)
      expect(unknown.status).toBe(401)
      const a = errorBodySchema.parse(await wrong.json()).error
      const b = errorBodySchema.parse(await unknown.json()).error
      expect([a.code, a.message]).toEqual([b.code, b.message])
      expect(wrong.headers.get('set-cookie')).toBeNull()
    })

    it('locks an email out after 10 attempts, even with the right password', async () => {
      const shop = await h().newTenant()
      for (let i = 0; i < 10; i++) {
        const res = await h().app.request(
          '/v1/auth/login',
          json({ email: shop.email, password: `guess ${i}` }),
        )
        expect(res.status).toBe(401)
      }
      const blocked = await h().app.request(
        '/v1/auth/login',
        json({ email: shop.email, password: TEST_PASSWORD }),
      )
      expect(blocked.status).toBe(429)
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0)
      expect(errorBodySchema.parse(await blocked.json()).error.code).toBe('rate_limited')
    })

    it('rejects a forged or missing session cookie', async () => {
      for (const cookie of ['kefu_session=forged', '']) {
        const res = await h().app.request('/v1/me', { headers: { cookie } })
        expect(res.status).toBe(401)
      }
    })

    it('keeps a session inside its own shop', async () => {
      const x = await h().newTenant()
      const y = await h().newTenant()
      const cookie = await x.login()
      const me = meResponseSchema.parse(
        await (await h().app.request('/v1/me', { headers: { cookie } })).json(),
      )
      expect(me.memberships.map((m) => m.tenantId)).toEqual([x.tenantId])
      // Asking to log into a shop one is not a member of is refused, not silently redirected.
      const res = await h().app.request(
        '/v1/auth/login',
        json({ email: x.email, password: TEST_PASSWORD, tenantId: y.tenantId }),
      )
      expect(res.status).toBe(403)
    })

    it('checks roles on the server: an agent gets 403 from an admin route, an admin gets through', async () => {
      const shop = await h().newTenant({ role: 'admin' })
      const agent = await shop.addMember('agent')
      const asAgent = await h().app.request('/v1/audit/verify', { headers: { cookie: await agent.login() } })
      expect(asAgent.status).toBe(403)
      expect(errorBodySchema.parse(await asAgent.json()).error.code).toBe('forbidden')
      const asAdmin = await h().app.request('/v1/audit/verify', { headers: { cookie: await shop.login() } })
      expect(asAdmin.status).toBe(200)
      expect(await asAdmin.json()).toMatchObject({ ok: true })
    })
  },
  ['pglite', 'postgres', 'neon'],
)

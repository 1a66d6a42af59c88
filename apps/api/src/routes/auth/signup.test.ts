import { describeEachDatabase } from '@kefu/db/testing'
import { errorBodySchema, meResponseSchema, shopSettingsSchema } from '@kefu/protocol'
import { expect, it } from 'vitest'
import { createHarness } from '../../testing/harness.ts'

const post = (body: unknown) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
})

let n = 0
const signup = () => ({
  email: `founder-${Date.now().toString(36)}-${++n}@test.kefu.local`,
  password: 'a good long password',
  name: '李老板',
  shopName: '李记发卡',
  origin: 'https://li-cards.example',
})

describeEachDatabase('sign-up', (database) => {
  const h = createHarness(database)

  it('creates a shop with keys and its owner, and logs the owner in', async () => {
    h().services.signupEnabled = true
    expect(await (await h().app.request('/v1/auth/signup')).json()).toEqual({ enabled: true })
    const body = signup()
    const res = await h().app.request('/v1/auth/signup', post(body))
    expect(res.status).toBe(201)
    const json = await res.json()
    expect(json.keys.publicKey).toMatch(/^pk_live_/)
    expect(json.keys.secretKey).toMatch(/^sk_live_/)
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!
    const me = meResponseSchema.parse(await (await h().app.request('/v1/me', { headers: { cookie } })).json())
    expect(me).toMatchObject({
      role: 'owner',
      tenant: { name: '李记发卡' },
      agent: { email: body.email, name: '李老板' },
    })
    const settings = shopSettingsSchema.parse(
      await (await h().app.request('/v1/settings', { headers: { cookie } })).json(),
    )
    expect(settings.allowedOrigins).toEqual(['https://li-cards.example'])
    expect(settings.install.publicKey).toBe(json.keys.publicKey)
    // The password works for a normal login too.
    expect(
      (await h().app.request('/v1/auth/login', post({ email: body.email, password: body.password }))).status,
    ).toBe(200)
  })

  it('refuses a taken email (409) and bad input (400 with field), creating nothing', async () => {
    h().services.signupEnabled = true
    const body = signup()
    expect((await h().app.request('/v1/auth/signup', post(body))).status).toBe(201)
    const again = await h().app.request('/v1/auth/signup', post({ ...body, shopName: 'Second shop' }))
    expect(again.status).toBe(409)
    expect(errorBodySchema.parse(await again.json()).error.field).toBe('body.email')
    for (const [patch, field] of [
      [{ password: 'short' }, 'body.password'],
      [{ email: 'not-an-email' }, 'body.email'],
      [{ shopName: '' }, 'body.shopName'],
      [{ origin: 'ftp://x' }, 'body.origin'],
    ] as const) {
      const res = await h().app.request('/v1/auth/signup', post({ ...signup(), ...patch }))
      expect(res.status, JSON.stringify(patch)).toBe(400)
      expect(errorBodySchema.parse(await res.json()).error.field).toBe(field)
    }
  })

  it('is refused with 403 when the operator turns sign-up off', async () => {
    h().services.signupEnabled = false
    try {
      expect(await (await h().app.request('/v1/auth/signup')).json()).toEqual({ enabled: false })
      const body = signup()
      const res = await h().app.request('/v1/auth/signup', post(body))
      expect(res.status).toBe(403)
      expect(res.headers.get('set-cookie')).toBeNull()
      expect(
        (await h().app.request('/v1/auth/login', post({ email: body.email, password: body.password })))
          .status,
      ).toBe(401)
    } finally {
      h().services.signupEnabled = true
    }
  })
})

import { describeEachDatabase } from '@kefu/db/testing'
import { errorBodySchema, rotatedKeySchema, shopKeysSchema, shopSettingsSchema } from '@kefu/protocol'
import { expect, it } from 'vitest'
import { verifyAuditChain } from '../../domain/audit.ts'
import { createHarness } from '../../testing/harness.ts'
import { agentRequest, openVisitor } from '../../testing/visitor.ts'

describeEachDatabase('settings routes', (database) => {
  const h = createHarness(database)

  it('shows the settings with the install snippet and saves appearance, origins and identity requirement', async () => {
    const shop = await h().newTenant({ role: 'admin' })
    const req = agentRequest(h(), await shop.login())
    const before = shopSettingsSchema.parse(await (await req('/v1/settings')).json())
    expect(before.install.publicKey).toBe(shop.keys.publicKey)
    expect(before.install.snippet).toBe(
      `<script async src="http://localhost/widget.js" data-key="${shop.keys.publicKey}"></script>`,
    )
    expect(before.widget.position).toBe('right')

    const res = await req('/v1/settings', {
      method: 'PATCH',
      body: {
        shopName: '星光卡铺',
        widget: { color: '#e11d48', position: 'left', greeting: { 'zh-CN': '你好，有什么可以帮您？' } },
        allowedOrigins: ['https://cards.example/some/path', 'https://cards.example'],
        requireVerifiedIdentity: true,
      },
    })
    expect(res.status).toBe(200)
    const after = shopSettingsSchema.parse(await res.json())
    expect(after.shopName).toBe('星光卡铺')
    expect(after.widget).toMatchObject({ color: '#e11d48', position: 'left', logoUrl: null })
    expect(after.allowedOrigins).toEqual(['https://cards.example'])
    expect(after.requireVerifiedIdentity).toBe(true)

    // What the widget reads changed with it, and the old origin is no longer allowed.
    const session = await h().app.request('/v1/widget/sessions', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://cards.example' },
      body: JSON.stringify({ publicKey: shop.keys.publicKey }),
    })
    expect(session.status).toBe(200)
    expect((await session.json()).settings).toMatchObject({
      color: '#e11d48',
      position: 'left',
      shopName: '星光卡铺',
    })
    await expect(openVisitor(h(), shop, { origin: 'https://shop.example' })).rejects.toThrow(/403/)
    expect((await verifyAuditChain(h().services.db, shop.tenantId)).ok).toBe(true)
  })

  it('removes the logo with null and keeps fields that were not sent', async () => {
    const shop = await h().newTenant()
    const req = agentRequest(h(), await shop.login())
    await req('/v1/settings', {
      method: 'PATCH',
      body: { widget: { logoUrl: 'https://cdn.example/logo.png', color: '#111111' } },
    })
    const res = await req('/v1/settings', { method: 'PATCH', body: { widget: { logoUrl: null } } })
    const s = shopSettingsSchema.parse(await res.json())
    expect(s.widget.logoUrl).toBeNull()
    expect(s.widget.color).toBe('#111111')
  })

  it('answers bad input with 400 naming the field', async () => {
    const shop = await h().newTenant()
    const req = agentRequest(h(), await shop.login())
    const cases: Array<[unknown, string]> = [
      [{ widget: { color: 'red' } }, 'body.widget.color'],
      [{ widget: { logoUrl: 'javascript:alert(1)' } }, 'body.widget.logoUrl'],
      [{ widget: { position: 'top' } }, 'body.widget.position'],
      [{ allowedOrigins: ['not an origin'] }, 'body.allowedOrigins'],
      [{ shopName: '' }, 'body.shopName'],
    ]
    for (const [body, field] of cases) {
      const res = await req('/v1/settings', { method: 'PATCH', body })
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(errorBodySchema.parse(await res.json()).error.field).toBe(field)
    }
    const bad = await req('/v1/settings/keys/master/rotate', { method: 'POST' })
    expect(bad.status).toBe(400)
  })

  it('shows the identity secret, rotates it and the secret key once, and keeps them apart per shop', async () => {
    const shop = await h().newTenant()
    const other = await h().newTenant()
    const req = agentRequest(h(), await shop.login())
    const keys = shopKeysSchema.parse(await (await req('/v1/settings/keys')).json())
    expect(keys.identitySecret).toBe(shop.keys.identitySecret)
    expect(keys.identitySecret).not.toBe(other.keys.identitySecret)
    expect(keys.secretKeys.map((k) => k.start)).toEqual([`${shop.keys.secretKey.slice(0, 12)}…`])
    expect(JSON.stringify(keys)).not.toContain(shop.keys.secretKey)
    expect(JSON.stringify(keys)).not.toContain(shop.keys.webhookSecret)

    const rotated = rotatedKeySchema.parse(
      await (await req('/v1/settings/keys/secret/rotate', { method: 'POST' })).json(),
    )
    expect(rotated.key).toMatch(/^sk_live_/)
    // The old secret key stops at once (overlap 0) and the new one works on the shop API.
    const afterKeys = shopKeysSchema.parse(await (await req('/v1/settings/keys')).json())
    expect(afterKeys.secretKeys.map((k) => k.start)).toEqual([`${rotated.key.slice(0, 12)}…`])

    const identity = rotatedKeySchema.parse(
      await (
        await req('/v1/settings/keys/identity/rotate', { method: 'POST', body: { overlapHours: 0 } })
      ).json(),
    )
    expect(identity.key).toMatch(/^idsec_/)
    const again = shopKeysSchema.parse(await (await req('/v1/settings/keys')).json())
    expect(again.identitySecret).toBe(identity.key)

    const webhook = await req('/v1/settings/keys/webhook/rotate', { method: 'POST' })
    expect(rotatedKeySchema.parse(await webhook.json()).key).toMatch(/^whsec_/)
    expect(shopKeysSchema.parse(await (await req('/v1/settings/keys')).json()).webhookSecret.live).toBe(2)
  })

  it('refuses agents on every settings route (403) and anonymous callers (401)', async () => {
    const shop = await h().newTenant()
    const agent = await shop.addMember('agent')
    const asAgent = agentRequest(h(), await agent.login())
    const routes: Array<[string, string, unknown?]> = [
      ['GET', '/v1/settings'],
      ['PATCH', '/v1/settings', { shopName: 'hijacked' }],
      ['GET', '/v1/settings/keys'],
      ['POST', '/v1/settings/keys/secret/rotate', {}],
      ['POST', '/v1/settings/keys/identity/rotate', {}],
      ['POST', '/v1/settings/keys/webhook/rotate', {}],
    ]
    for (const [method, path, body] of routes) {
      const res = await asAgent(path, { method, body })
      expect(res.status, `${method} ${path}`).toBe(403)
      expect(errorBodySchema.parse(await res.json()).error.code).toBe('forbidden')
      const anon = await h().app.request(path, { method })
      expect(anon.status, `${method} ${path}`).toBe(401)
    }
    const owner = agentRequest(h(), await shop.login())
    const s = shopSettingsSchema.parse(await (await owner('/v1/settings')).json())
    expect(s.shopName).not.toBe('hijacked')
  })
})

import { apiKeys, auditLog, rows, tenantSecrets } from '@kefu/db'
import { describeEachDatabase } from '@kefu/db/testing'
import { eq, sql } from 'drizzle-orm'
import { expect, it } from 'vitest'
import { findTenantByPublicKey, findTenantBySecretKey, liveSecrets } from '../domain/keys.ts'
import { createHarness } from '../testing/harness.ts'
import { type CommandContext, commands } from './commands.ts'

describeEachDatabase('kefu CLI commands', (database) => {
  const h = createHarness(database)
  const run = async (name: string, options: CommandContext['options']) => {
    const out: string[] = []
    await commands[name]!({
      db: h().services.db,
      secrets: h().services.secrets,
      options,
      print: (l) => out.push(l),
    })
    return out.join('\n')
  }
  const keyFrom = (text: string, prefix: string) => text.match(new RegExp(`${prefix}[1-9A-Za-z]+`))?.[0] ?? ''

  it('creates a shop, prints its keys once, and stores secret keys only hashed or sealed', async () => {
    const out = await run('tenant create', {
      name: '星辰卡铺',
      origin: ['https://stars.example/', 'http://localhost:8080'],
    })
    const tenantId = keyFrom(out, 'ten_')
    const [pk, sk, whsec, idsec] = ['pk_live_', 'sk_live_', 'whsec_', 'idsec_'].map((p) => keyFrom(out, p))
    expect(out).toContain('https://stars.example, http://localhost:8080')
    expect(await findTenantByPublicKey(h().services.db, pk!)).toBe(tenantId)
    expect(await findTenantBySecretKey(h().services.db, sk!)).toBe(tenantId)
    expect(await liveSecrets(h().services.db, h().services.secrets, tenantId, 'webhook')).toEqual([whsec])

    const { db } = h().services
    const dump = JSON.stringify([
      await db.select().from(apiKeys).where(eq(apiKeys.tenantId, tenantId)),
      await db.select().from(tenantSecrets).where(eq(tenantSecrets.tenantId, tenantId)),
      await db.select().from(auditLog).where(eq(auditLog.tenantId, tenantId)),
    ])
    for (const secret of [sk!, whsec!, idsec!]) expect(dump).not.toContain(secret)
    expect(dump).toContain(pk)
  })

  it('refuses a shop without a name or with a bad origin, and changes nothing', async () => {
    const before = await rows(h().services.db, sql`select count(*)::int as n from tenants`)
    await expect(run('tenant create', { origin: ['https://x.example'] })).rejects.toThrow(
      '--name is required',
    )
    await expect(run('tenant create', { name: 'x', origin: ['ftp://x.example'] })).rejects.toThrow('https://')
    expect(await rows(h().services.db, sql`select count(*)::int as n from tenants`)).toEqual(before)
  })

  it('adds agents who can then log in, and refuses duplicates and bad roles', async () => {
    const shop = await h().newTenant()
    const out = await run('agent add', { tenant: shop.tenantId, email: 'Mei@Test.Kefu.Local', role: 'agent' })
    const password = out.match(/Password \(shown once\): (\S+)/)?.[1]
    expect(password).toBeTruthy()
    const res = await h().app.request('/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'mei@test.kefu.local', password }),
    })
    expect(res.status).toBe(200)
    await expect(run('agent add', { tenant: shop.tenantId, email: 'mei@test.kefu.local' })).rejects.toThrow(
      'already a member',
    )
    await expect(
      run('agent add', { tenant: shop.tenantId, email: 'x@test.kefu.local', role: 'boss' }),
    ).rejects.toThrow('--role')
    await expect(run('agent add', { tenant: 'ten_missing', email: 'x@test.kefu.local' })).rejects.toThrow(
      'No shop',
    )
    await expect(
      run('agent add', { tenant: shop.tenantId, email: 'short@test.kefu.local', password: 'short' }),
    ).rejects.toThrow('at least 10')
  })

  it('rotates a secret key at once by default, and a webhook secret with an overlap', async () => {
    const shop = await h().newTenant()
    const { db, secrets } = h().services
    const out = await run('keys rotate', { tenant: shop.tenantId, kind: 'secret' })
    const fresh = keyFrom(out, 'sk_live_')
    expect(await findTenantBySecretKey(db, fresh)).toBe(shop.tenantId)
    expect(await findTenantBySecretKey(db, shop.keys.secretKey)).toBeUndefined()

    const hook = await run('keys rotate', { tenant: shop.tenantId, kind: 'webhook' })
    const newHook = keyFrom(hook, 'whsec_')
    // Both work during the overlap, newest first.
    expect(await liveSecrets(db, secrets, shop.tenantId, 'webhook')).toEqual([
      newHook,
      shop.keys.webhookSecret,
    ])
    await run('keys rotate', { tenant: shop.tenantId, kind: 'webhook', 'overlap-hours': '0' })
    expect(await liveSecrets(db, secrets, shop.tenantId, 'webhook')).toHaveLength(1)
    await expect(run('keys rotate', { tenant: shop.tenantId, kind: 'nope' })).rejects.toThrow('--kind')
    const rotations = await db.select().from(auditLog).where(eq(auditLog.tenantId, shop.tenantId))
    expect(rotations.filter((r) => r.action === 'key.rotated')).toHaveLength(3)
  })
})

import { agentTokens } from '@kefu/db'
import { describeEachDatabase } from '@kefu/db/testing'
import { errorBodySchema } from '@kefu/protocol'
import { sql } from 'drizzle-orm'
import { expect, it } from 'vitest'
import { sha256Hex } from '../../lib/tokens.ts'
import type { Mailer } from '../../services.ts'
import { createHarness } from '../../testing/harness.ts'

const post = (body: unknown) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
})

describeEachDatabase('password reset', (database) => {
  const h = createHarness(database)
  const outbox: Array<{ to: string; text: string }> = []
  const capture: Mailer = { send: async (mail) => void outbox.push(mail) }
  const tokenFor = (email: string) =>
    outbox.findLast((m) => m.to === email)?.text.match(/reset-password#token=([\w-]+)/)?.[1]

  it('mails a one-time link that sets a new password and ends old sessions', async () => {
    h().services.mailer = capture
    const shop = await h().newTenant()
    const oldCookie = await shop.login()
    const res = await h().app.request('/v1/auth/password-reset/request', post({ email: shop.email }))
    expect(res.status).toBe(200)
    const token = tokenFor(shop.email)!
    expect(token).toBeTruthy()
    // Only the hash is stored.
    const rows = await h()
      .services.db.select()
      .from(agentTokens)
      .where(sql`${agentTokens.tokenHash} = ${sha256Hex(token)}`)
    expect(rows).toHaveLength(1)
    expect(JSON.stringify(rows)).not.toContain(token)

    const confirm = await h().app.request(
      '/v1/auth/password-reset/confirm',
      post({ token, password: 'brand new password' }),
    )
    expect(confirm.status).toBe(200)
    expect((await h().app.request('/v1/me', { headers: { cookie: oldCookie } })).status).toBe(401)
    expect(
      (await h().app.request('/v1/auth/login', post({ email: shop.email, password: shop.password }))).status,
    ).toBe(401)
    expect(
      (await h().app.request('/v1/auth/login', post({ email: shop.email, password: 'brand new password' })))
        .status,
    ).toBe(200)

    const reuse = await h().app.request(
      '/v1/auth/password-reset/confirm',
      post({ token, password: 'another new password' }),
    )
    expect(reuse.status).toBe(400)
    expect(errorBodySchema.parse(await reuse.json()).error.field).toBe('body.token')
  })

  it('answers the same for an unknown address and sends nothing', async () => {
    h().services.mailer = capture
    const before = outbox.length
    const res = await h().app.request(
      '/v1/auth/password-reset/request',
      post({ email: 'nobody@test.kefu.local' }),
    )
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ ok: true })
    expect(outbox.length).toBe(before)
  })

  it('refuses an expired link, a forged one, and a short password', async () => {
    h().services.mailer = capture
    const shop = await h().newTenant()
    await h().app.request('/v1/auth/password-reset/request', post({ email: shop.email }))
    const token = tokenFor(shop.email)!
    const short = await h().app.request('/v1/auth/password-reset/confirm', post({ token, password: 'short' }))
    expect(errorBodySchema.parse(await short.json()).error.field).toBe('body.password')
    await h().services.db.execute(
      sql`update agent_tokens set expires_at = now() - interval '1 second' where token_hash = ${sha256Hex(token)}`,
    )
    const expired = await h().app.request(
      '/v1/auth/password-reset/confirm',
      post({ token, password: 'long enough password' }),
    )
    expect(expired.status).toBe(400)
    const forged = await h().app.request(
      '/v1/auth/password-reset/confirm',
      post({ token: 'x'.repeat(43), password: 'long enough password' }),
    )
    expect(forged.status).toBe(400)
    expect(
      (await h().app.request('/v1/auth/login', post({ email: shop.email, password: shop.password }))).status,
    ).toBe(200)
  })

  it('does not accept an invitation token as a reset token', async () => {
    h().services.mailer = capture
    const shop = await h().newTenant()
    const cookie = await shop.login()
    const email = `inv-${Date.now()}@test.kefu.local`
    await h().app.request('/v1/team/invitations', {
      ...post({ email, role: 'agent' }),
      headers: { 'content-type': 'application/json', cookie },
    })
    const invite = outbox.findLast((m) => m.to === email)?.text.match(/#token=([\w-]+)/)?.[1]
    expect(invite).toBeTruthy()
    const res = await h().app.request(
      '/v1/auth/password-reset/confirm',
      post({ token: invite, password: 'long enough password' }),
    )
    expect(res.status).toBe(400)
  })
})

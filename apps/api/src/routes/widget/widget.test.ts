import { tenants } from '@kefu/db'
import { describeEachDatabase } from '@kefu/db/testing'
import { errorBodySchema, type MessagePage } from '@kefu/protocol'
import { eq, sql } from 'drizzle-orm'
import { expect, it } from 'vitest'
import { createHarness } from '../../testing/harness.ts'
import { clientId, identityHash, openVisitor } from '../../testing/visitor.ts'

const code = async (res: Response) => errorBodySchema.parse(await res.json()).error.code

describeEachDatabase('widget sessions and messages', (database) => {
  const h = createHarness(database)
  const open = (body: unknown, origin?: string) =>
    h().app.request('/v1/widget/sessions', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(origin && { origin }) },
      body: JSON.stringify(body),
    })

  it('opens a session only from an allowed origin, or from our frame vouching for one', async () => {
    const shop = await h().newTenant({ origins: ['https://shop.example'] })
    const key = shop.keys.publicKey
    expect((await open({ publicKey: key }, 'https://shop.example')).status).toBe(200)
    const foreign = await open({ publicKey: key }, 'https://evil.example')
    expect(foreign.status).toBe(403)
    expect(await code(foreign)).toBe('origin_not_allowed')
    expect((await open({ publicKey: key })).status).toBe(403)
    // The frame runs on Kefu's origin and names the page it verified.
    expect(
      (await open({ publicKey: key, hostOrigin: 'https://shop.example' }, 'http://localhost')).status,
    ).toBe(200)
    expect(
      (await open({ publicKey: key, hostOrigin: 'https://evil.example' }, 'http://localhost')).status,
    ).toBe(403)
    // A page cannot claim to be another page.
    expect(
      (await open({ publicKey: key, hostOrigin: 'https://shop.example' }, 'https://evil.example')).status,
    ).toBe(403)
    const unknown = await open({ publicKey: 'pk_live_nope' }, 'https://shop.example')
    expect(unknown.status).toBe(401)
  })

  it('lets a returning visitor see their conversations, and reset ends the token', async () => {
    const shop = await h().newTenant()
    const v = await openVisitor(h(), shop)
    const { conversation } = await v.start('我付款了但没有收到卡密')
    const again = await openVisitor(h(), shop, { token: v.token })
    expect(again.session.visitor.id).toBe(v.session.visitor.id)
    expect(again.session.conversations.map((c) => c.id)).toEqual([conversation.id])
    expect(again.session.conversations[0]?.lastMessage?.text).toBe('我付款了但没有收到卡密')

    expect((await v.request('/v1/widget/session', { method: 'DELETE' })).status).toBe(200)
    expect((await v.request('/v1/widget/conversations')).status).toBe(401)
    const fresh = await openVisitor(h(), shop, { token: v.token })
    expect(fresh.session.visitor.id).not.toBe(v.session.visitor.id)
    expect(fresh.session.conversations).toEqual([])
  })

  it('stores one message for a clientId sent three times', async () => {
    const shop = await h().newTenant()
    const v = await openVisitor(h(), shop)
    const { conversation } = await v.start()
    const id = clientId()
    const first = await v.send(conversation.id, 'order ABC123 code missing', id)
    const second = await v.send(conversation.id, 'order ABC123 code missing', id)
    const third = await v.send(conversation.id, 'order ABC123 code missing', id)
    expect([first.status, second.status, third.status]).toEqual([201, 200, 200])
    const ids = await Promise.all(
      [first, second, third].map(async (r) => ((await r.json()) as { id: string }).id),
    )
    expect(new Set(ids).size).toBe(1)
    const page = (await (
      await v.request(`/v1/widget/conversations/${conversation.id}/messages`)
    ).json()) as MessagePage
    expect(page.messages).toHaveLength(1)
  })

  it('answers a retried start-with-message with the same conversation, not a second one', async () => {
    const shop = await h().newTenant()
    const v = await openVisitor(h(), shop)
    const body = { message: { clientId: clientId(), text: 'first words' } }
    const first = await v.request('/v1/widget/conversations', { body })
    const retry = await v.request('/v1/widget/conversations', { body })
    expect([first.status, retry.status]).toEqual([201, 201])
    const a = (await first.json()) as { conversation: { id: string }; message: { id: string } }
    const b = (await retry.json()) as { conversation: { id: string }; message: { id: string } }
    expect(b.conversation.id).toBe(a.conversation.id)
    expect(b.message.id).toBe(a.message.id)
    const list = (await (await v.request('/v1/widget/conversations')).json()) as { conversations: unknown[] }
    expect(list.conversations).toHaveLength(1)
  })

  it('refuses oversized, empty and malformed messages without storing anything', async () => {
    const shop = await h().newTenant()
    const v = await openVisitor(h(), shop)
    const { conversation } = await v.start()
    const long = await v.send(conversation.id, 'x'.repeat(4001))
    expect(long.status).toBe(400)
    expect(errorBodySchema.parse(await long.json()).error.field).toBe('body.text')
    expect((await v.send(conversation.id, '   ')).status).toBe(400)
    const badId = await v.request(`/v1/widget/conversations/${conversation.id}/messages`, {
      body: { clientId: 'a b', text: 'x' },
    })
    expect(badId.status).toBe(400)
    expect((await v.send('cnv_unknown', 'hello')).status).toBe(404)
    const page = (await (
      await v.request(`/v1/widget/conversations/${conversation.id}/messages`)
    ).json()) as MessagePage
    expect(page.messages).toHaveLength(0)
    // Exactly 4,000 characters is fine.
    expect((await v.send(conversation.id, '好'.repeat(4000))).status).toBe(201)
  })

  it("never shows one visitor another visitor's conversation", async () => {
    const shop = await h().newTenant()
    const a = await openVisitor(h(), shop)
    const b = await openVisitor(h(), shop)
    const { conversation } = await a.start('secret order details')
    expect((await b.request(`/v1/widget/conversations/${conversation.id}/messages`)).status).toBe(404)
    expect((await b.send(conversation.id, 'let me in')).status).toBe(404)
    expect(
      (await b.request(`/v1/widget/conversations/${conversation.id}/read`, { body: { seq: 1 } })).status,
    ).toBe(404)
    const list = (await (await b.request('/v1/widget/conversations')).json()) as { conversations: unknown[] }
    expect(list.conversations).toEqual([])
    const events = (await (await b.request('/v1/widget/events?cursor=0-0')).json()) as { events: unknown[] }
    expect(events.events).toEqual([])
  })

  it('verifies identity with the HMAC and refuses a forged one', async () => {
    const shop = await h().newTenant()
    const v = await openVisitor(h(), shop)
    const forged = await v.request('/v1/widget/identify', {
      body: { userId: 'u_42', userHash: identityHash('wrong', 'u_42') },
    })
    expect(forged.status).toBe(401)
    expect(await code(forged)).toBe('identity_invalid')
    const other = await v.request('/v1/widget/identify', {
      body: { userId: 'u_43', userHash: identityHash(shop.keys.identitySecret, 'u_42') },
    })
    expect(other.status).toBe(401)
    const missing = await v.request('/v1/widget/identify', { body: { userId: 'u_42' } })
    expect(missing.status).toBe(400)
    const ok = await v.request('/v1/widget/identify', {
      body: {
        userId: 'u_42',
        userHash: identityHash(shop.keys.identitySecret, 'u_42'),
        name: 'Li',
        email: 'li@example.com',
      },
    })
    expect(ok.status).toBe(200)
    const again = await openVisitor(h(), shop, { token: v.token })
    expect(again.session.visitor).toMatchObject({ verified: true, name: 'Li' })
  })

  it('brings an anonymous conversation along when the buyer signs in on a second device', async () => {
    const shop = await h().newTenant()
    const hash = identityHash(shop.keys.identitySecret, 'u_7')
    const laptop = await openVisitor(h(), shop)
    await laptop.request('/v1/widget/identify', { body: { userId: 'u_7', userHash: hash } })
    const first = await laptop.start('first question')
    const phone = await openVisitor(h(), shop)
    const second = await phone.start('asked before signing in')
    const res = await phone.request('/v1/widget/identify', { body: { userId: 'u_7', userHash: hash } })
    const body = (await res.json()) as { visitorId: string; visitorToken?: string }
    expect(body.visitorId).toBe(laptop.session.visitor.id)
    expect(body.visitorToken).toMatch(/^vt_/)
    const merged = await openVisitor(h(), shop, { token: body.visitorToken! })
    expect(merged.session.conversations.map((c) => c.id).sort()).toEqual(
      [first.conversation.id, second.conversation.id].sort(),
    )
  })

  it('refuses every write from unverified visitors when the shop requires identity', async () => {
    const shop = await h().newTenant()
    const v = await openVisitor(h(), shop)
    const { conversation } = await v.start('before the switch')
    await h()
      .services.db.update(tenants)
      .set({ requireVerifiedIdentity: true })
      .where(eq(tenants.id, shop.tenantId))
    for (const res of [
      await v.request('/v1/widget/conversations', { body: {} }),
      await v.send(conversation.id, 'hello?'),
      await v.request('/v1/widget/attachments', { body: {} }),
    ]) {
      expect(res.status).toBe(403)
      expect(await code(res)).toBe('identity_required')
    }
    const [{ n } = { n: 0 }] = (
      (await h().services.db.execute(
        sql`select count(*)::int as n from messages where conversation_id = ${conversation.id}`,
      )) as unknown as {
        rows: Array<{ n: number }>
      }
    ).rows
    expect(n).toBe(1)
    await v.request('/v1/widget/identify', {
      body: { userId: 'u_9', userHash: identityHash(shop.keys.identitySecret, 'u_9') },
    })
    expect((await v.send(conversation.id, 'now signed in')).status).toBe(201)
  })

  it('rate limits a visitor who floods messages', async () => {
    const shop = await h().newTenant()
    const v = await openVisitor(h(), shop)
    const { conversation } = await v.start()
    const statuses: number[] = []
    for (let i = 0; i < 25; i++) statuses.push((await v.send(conversation.id, `spam ${i}`)).status)
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(19)
    expect(statuses).toContain(429)
  })
})

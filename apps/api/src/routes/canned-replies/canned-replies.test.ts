import { describeEachDatabase } from '@kefu/db/testing'
import { cannedReplyListSchema, cannedReplySchema, errorBodySchema } from '@kefu/protocol'
import { expect, it } from 'vitest'
import { createHarness } from '../../testing/harness.ts'
import { agentRequest } from '../../testing/visitor.ts'

describeEachDatabase('canned reply routes', (database) => {
  const h = createHarness(database)
  const reply = { shortcut: 'resend', title: '补发卡密', text: '您好，卡密已重新发送到您的邮箱，请查收。' }

  it('lets admins create, edit and delete, and agents list and search', async () => {
    const shop = await h().newTenant({ role: 'admin' })
    const admin = agentRequest(h(), await shop.login())
    const agent = agentRequest(h(), await (await shop.addMember('agent')).login())
    const created = await admin('/v1/canned-replies', { body: reply })
    expect(created.status).toBe(201)
    const { id } = cannedReplySchema.parse(await created.json())
    await admin('/v1/canned-replies', {
      body: { shortcut: 'refund', title: 'Refund', text: 'Refund on its way.' },
    })

    const all = cannedReplyListSchema.parse(await (await agent('/v1/canned-replies')).json())
    expect(all.cannedReplies.map((r) => r.shortcut)).toEqual(['refund', 'resend'])
    const found = cannedReplyListSchema.parse(
      await (await agent(`/v1/canned-replies?q=${encodeURIComponent('卡密')}`)).json(),
    )
    expect(found.cannedReplies.map((r) => r.id)).toEqual([id])

    const edited = await admin(`/v1/canned-replies/${id}`, { method: 'PATCH', body: { title: '补发' } })
    expect(cannedReplySchema.parse(await edited.json())).toMatchObject({ title: '补发', text: reply.text })
    expect((await admin(`/v1/canned-replies/${id}`, { method: 'DELETE' })).status).toBe(200)
    expect((await admin(`/v1/canned-replies/${id}`, { method: 'DELETE' })).status).toBe(404)
  })

  it('refuses a taken shortcut (409) and bad input (400 with field)', async () => {
    const shop = await h().newTenant()
    const admin = agentRequest(h(), await shop.login())
    await admin('/v1/canned-replies', { body: reply })
    const dup = await admin('/v1/canned-replies', { body: reply })
    expect(dup.status).toBe(409)
    expect(errorBodySchema.parse(await dup.json()).error.field).toBe('body.shortcut')
    for (const [body, field] of [
      [{ ...reply, shortcut: 'has space' }, 'body.shortcut'],
      [{ ...reply, text: '' }, 'body.text'],
      [{ ...reply, text: 'x'.repeat(4001) }, 'body.text'],
    ] as const) {
      const res = await admin('/v1/canned-replies', { body })
      expect(res.status).toBe(400)
      expect(errorBodySchema.parse(await res.json()).error.field).toBe(field)
    }
  })

  it('keeps shops apart and keeps agents read-only', async () => {
    const shop = await h().newTenant()
    const other = await h().newTenant()
    const admin = agentRequest(h(), await shop.login())
    const { id } = cannedReplySchema.parse(await (await admin('/v1/canned-replies', { body: reply })).json())
    const stranger = agentRequest(h(), await other.login())
    expect(
      (await stranger(`/v1/canned-replies/${id}`, { method: 'PATCH', body: { title: 'x' } })).status,
    ).toBe(404)
    expect((await stranger(`/v1/canned-replies/${id}`, { method: 'DELETE' })).status).toBe(404)
    expect(
      cannedReplyListSchema.parse(await (await stranger('/v1/canned-replies')).json()).cannedReplies,
    ).toEqual([])

    const agent = agentRequest(h(), await (await shop.addMember('agent')).login())
    expect((await agent('/v1/canned-replies', { body: { ...reply, shortcut: 'new' } })).status).toBe(403)
    expect((await agent(`/v1/canned-replies/${id}`, { method: 'PATCH', body: { title: 'x' } })).status).toBe(
      403,
    )
    expect((await agent(`/v1/canned-replies/${id}`, { method: 'DELETE' })).status).toBe(403)
  })
})

import { describeEachDatabase } from '@kefu/db/testing'
import { visitorContextSchema } from '@kefu/protocol'
import { expect, it } from 'vitest'
import { createHarness } from '../../testing/harness.ts'
import { agentRequest, identityHash, openVisitor } from '../../testing/visitor.ts'

describeEachDatabase('visitor context', (database) => {
  const h = createHarness(database)

  it('shows identity, pages and the other conversations of the buyer', async () => {
    const shop = await h().newTenant()
    const visitor = await openVisitor(h(), shop)
    const first = await visitor.start('上次的订单')
    const second = await visitor.start('卡密无效')
    await visitor.request('/v1/widget/identify', {
      body: {
        userId: 'u_42',
        userHash: identityHash(shop.keys.identitySecret, 'u_42'),
        name: 'Li',
        email: 'li@example.com',
      },
    })
    const req = agentRequest(h(), await shop.login())
    const res = await req(`/v1/conversations/${second.conversation.id}/visitor`)
    expect(res.status).toBe(200)
    const ctx = visitorContextSchema.parse(await res.json())
    expect(ctx.visitor).toMatchObject({
      verified: true,
      externalId: 'u_42',
      name: 'Li',
      email: 'li@example.com',
    })
    expect(ctx.pages[0]?.url).toBe('https://shop.example/p/1')
    expect(ctx.pastConversations.map((c) => c.id)).toEqual([first.conversation.id])
    expect(ctx.pastConversations[0]?.lastMessage).toBe('上次的订单')
  })

  it('says unverified for an anonymous buyer and never shows another shop’s conversation', async () => {
    const shop = await h().newTenant()
    const other = await h().newTenant()
    const visitor = await openVisitor(h(), shop)
    const { conversation } = await visitor.start('hello')
    const mine = visitorContextSchema.parse(
      await (
        await agentRequest(h(), await shop.login())(`/v1/conversations/${conversation.id}/visitor`)
      ).json(),
    )
    expect(mine.visitor.verified).toBe(false)
    expect(mine.pastConversations).toEqual([])
    const stranger = await agentRequest(
      h(),
      await other.login(),
    )(`/v1/conversations/${conversation.id}/visitor`)
    expect(stranger.status).toBe(404)
    expect((await h().app.request(`/v1/conversations/${conversation.id}/visitor`)).status).toBe(401)
  })
})

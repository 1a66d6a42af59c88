import { describeEachDatabase } from '@kefu/db/testing'
import type { Conversation, ConversationList, EventPage, MessagePage } from '@kefu/protocol'
import { expect, it } from 'vitest'
import { createHarness } from '../../testing/harness.ts'
import { agentRequest, clientId, openVisitor } from '../../testing/visitor.ts'

describeEachDatabase('agent conversations', (database) => {
  const h = createHarness(database)

  it('lists, replies, notes, assigns and resolves; the visitor sees replies but never notes', async () => {
    const shop = await h().newTenant()
    const agent = agentRequest(h(), await shop.login())
    const v = await openVisitor(h(), shop)
    const { conversation } = await v.start('订单 8F3K2M 没收到卡密')

    const list = (await (await agent('/v1/conversations')).json()) as ConversationList
    expect(list.conversations.map((c) => c.id)).toEqual([conversation.id])
    expect(list.conversations[0]).toMatchObject({ unread: 1, status: 'open', assignee: null })

    const reply = await agent(`/v1/conversations/${conversation.id}/messages`, {
      body: { clientId: clientId(), text: 'Re-sending now' },
    })
    expect(reply.status).toBe(201)
    const note = await agent(`/v1/conversations/${conversation.id}/messages`, {
      body: { clientId: clientId(), text: 'buyer paid with alipay, ref 2026112200001', internal: true },
    })
    expect(note.status).toBe(201)

    const me = (await (await agent('/v1/me')).json()) as { agent: { id: string } }
    const assigned = await agent(`/v1/conversations/${conversation.id}`, {
      method: 'PATCH',
      body: { assigneeId: me.agent.id, status: 'pending' },
    })
    expect(assigned.status).toBe(200)
    expect(((await assigned.json()) as Conversation).assignee?.id).toBe(me.agent.id)
    const mine = (await (await agent('/v1/conversations?view=mine')).json()) as ConversationList
    expect(mine.conversations).toHaveLength(1)
    const unassigned = (await (await agent('/v1/conversations?view=unassigned')).json()) as ConversationList
    expect(unassigned.conversations).toHaveLength(0)

    const agentView = (await (
      await agent(`/v1/conversations/${conversation.id}/messages`)
    ).json()) as MessagePage
    expect(agentView.messages.map((m) => m.text)).toEqual([
      'buyer paid with alipay, ref 2026112200001',
      'Re-sending now',
      '订单 8F3K2M 没收到卡密',
    ])
    const visitorView = (await (
      await v.request(`/v1/widget/conversations/${conversation.id}/messages`)
    ).json()) as MessagePage
    expect(visitorView.messages.map((m) => m.text)).toEqual(['Re-sending now', '订单 8F3K2M 没收到卡密'])
    const visitorEvents = await (await v.request('/v1/widget/events?cursor=0-0')).text()
    expect(visitorEvents).not.toContain('alipay')
    const visitorList = (await (await v.request('/v1/widget/conversations')).json()) as ConversationList
    expect(visitorList.conversations[0]?.lastMessage?.text).toBe('Re-sending now')
    expect(visitorList.conversations[0]?.unread).toBe(1)

    const resolved = await agent(`/v1/conversations/${conversation.id}`, {
      method: 'PATCH',
      body: { status: 'resolved' },
    })
    expect(((await resolved.json()) as Conversation).status).toBe('resolved')
    // The buyer writing again reopens it.
    await v.send(conversation.id, 'still nothing')
    const reopened = (await (await agent(`/v1/conversations/${conversation.id}`)).json()) as Conversation
    expect(reopened.status).toBe('open')
  })

  it('keeps unread counts and read receipts for both sides', async () => {
    const shop = await h().newTenant()
    const agent = agentRequest(h(), await shop.login())
    const v = await openVisitor(h(), shop)
    const { conversation } = await v.start('one')
    await v.send(conversation.id, 'two')
    await v.send(conversation.id, 'three')
    const get = async () =>
      (await (await agent(`/v1/conversations/${conversation.id}`)).json()) as Conversation
    expect((await get()).unread).toBe(3)
    await agent(`/v1/conversations/${conversation.id}/read`, { body: { seq: 2 } })
    expect((await get()).unread).toBe(1)
    await agent(`/v1/conversations/${conversation.id}/read`, { body: { seq: 99 } })
    const after = await get()
    expect(after).toMatchObject({ unread: 0, readByAgent: 3 })
    // Read receipts never move backwards.
    await agent(`/v1/conversations/${conversation.id}/read`, { body: { seq: 1 } })
    expect((await get()).readByAgent).toBe(3)
    const events = (await (await v.request('/v1/widget/events?cursor=0-0')).json()) as EventPage
    expect(events.events.some((e) => e.type === 'read' && e.reader === 'agent' && e.seq === 3)).toBe(true)
  })

  it('pages history newest first and searches conversations', async () => {
    const shop = await h().newTenant()
    const agent = agentRequest(h(), await shop.login())
    const v = await openVisitor(h(), shop)
    const { conversation } = await v.start('first')
    for (let i = 2; i <= 7; i++) await v.send(conversation.id, `message ${i}`)
    const page1 = (await (
      await agent(`/v1/conversations/${conversation.id}/messages?limit=3`)
    ).json()) as MessagePage
    expect(page1.messages.map((m) => m.seq)).toEqual([7, 6, 5])
    const page2 = (await (
      await agent(`/v1/conversations/${conversation.id}/messages?limit=3&before=${page1.nextBefore}`)
    ).json()) as MessagePage
    expect(page2.messages.map((m) => m.seq)).toEqual([4, 3, 2])
    const page3 = (await (
      await agent(`/v1/conversations/${conversation.id}/messages?limit=3&before=${page2.nextBefore}`)
    ).json()) as MessagePage
    expect(page3).toMatchObject({ nextBefore: null })
    expect(page3.messages.map((m) => m.seq)).toEqual([1])

    const other = await openVisitor(h(), shop)
    await other.start('refund please 退款')
    const found = (await (
      await agent(`/v1/conversations?q=${encodeURIComponent('退款')}`)
    ).json()) as ConversationList
    expect(found.conversations).toHaveLength(1)
    const wild = (await (await agent('/v1/conversations?q=%25')).json()) as ConversationList
    expect(wild.conversations).toHaveLength(0)
    const bad = await agent('/v1/conversations?view=everything')
    expect(bad.status).toBe(400)
  })

  it("keeps an agent out of another shop's conversations by id, list, reply, update, read, events and assignment", async () => {
    const x = await h().newTenant()
    const y = await h().newTenant()
    const xAgent = agentRequest(h(), await x.login())
    const yAgent = agentRequest(h(), await y.login())
    const v = await openVisitor(h(), x)
    const { conversation } = await v.start('shop X private order info')
    const id = conversation.id

    expect((await yAgent(`/v1/conversations/${id}`)).status).toBe(404)
    expect((await yAgent(`/v1/conversations/${id}/messages`)).status).toBe(404)
    expect(
      (await yAgent(`/v1/conversations/${id}/messages`, { body: { clientId: clientId(), text: 'hi' } }))
        .status,
    ).toBe(404)
    expect(
      (await yAgent(`/v1/conversations/${id}`, { method: 'PATCH', body: { status: 'resolved' } })).status,
    ).toBe(404)
    expect((await yAgent(`/v1/conversations/${id}/read`, { body: { seq: 1 } })).status).toBe(404)
    for (const view of ['all', 'mine', 'unassigned']) {
      const list = (await (
        await yAgent(`/v1/conversations?view=${view}&q=private`)
      ).json()) as ConversationList
      expect(list.conversations).toEqual([])
    }
    const yEvents = await (await yAgent('/v1/events?cursor=0-0')).text()
    expect(yEvents).not.toContain(id)

    // X cannot hand the conversation to an agent of Y.
    const yMe = (await (await yAgent('/v1/me')).json()) as { agent: { id: string } }
    const handOff = await xAgent(`/v1/conversations/${id}`, {
      method: 'PATCH',
      body: { assigneeId: yMe.agent.id },
    })
    expect(handOff.status).toBe(400)
    const still = (await (await xAgent(`/v1/conversations/${id}`)).json()) as Conversation
    expect(still.status).toBe('open')
    expect(still.assignee).toBeNull()
  })
})

import type { Conversation, WidgetSession } from '@kefu/protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestKefu, type TestKefu } from '../testing/server.ts'
import { clientId } from '../testing/visitor.ts'
import { connect, connectAgent, connectVisitor } from '../testing/ws-client.ts'

for (const driver of ['pglite', 'postgres'] as const) {
  describe(`realtime over WebSockets [${driver}]`, () => {
    let kefu: TestKefu
    beforeAll(async () => {
      kefu = await startTestKefu({ driver })
    }, 120_000)
    afterAll(() => kefu?.close(), 60_000)

    async function visitorOf(shop: Awaited<ReturnType<TestKefu['newShop']>>) {
      const res = await fetch(`${kefu.url}/v1/widget/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'https://shop.example' },
        body: JSON.stringify({ publicKey: shop.keys.publicKey }),
      })
      const session = (await res.json()) as WidgetSession
      const started = await fetch(`${kefu.url}/v1/widget/conversations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${session.visitorToken}` },
        body: '{}',
      })
      const { conversation } = (await started.json()) as { conversation: Conversation }
      return { token: session.visitorToken, conversationId: conversation.id }
    }

    it('carries a visitor message to the agent and the reply back, acked only after storing', async () => {
      const shop = await kefu.newShop({ origins: ['https://shop.example'] })
      const { token, conversationId } = await visitorOf(shop)
      const agent = await connectAgent(kefu.url, await shop.login())
      const visitor = await connectVisitor(kefu.url, token)

      const id = clientId()
      visitor.send({ type: 'message.send', conversationId, clientId: id, text: '卡密无效 code invalid' })
      const ack = await visitor.next('ack', (e) => e.clientId === id)
      expect(ack.message.seq).toBe(1)
      const got = await agent.next('message.created', (e) => e.message.clientId === id)
      expect(got.message.text).toBe('卡密无效 code invalid')
      expect(got.message.author.type).toBe('visitor')

      const reply = clientId()
      agent.send({ type: 'message.send', conversationId, clientId: reply, text: 'Checking your order now' })
      const seen = await visitor.next('message.created', (e) => e.message.clientId === reply)
      expect(seen.message.author.type).toBe('agent')
      agent.send({
        type: 'message.send',
        conversationId,
        clientId: clientId(),
        text: 'note: buyer looks legit',
        internal: true,
      })
      await agent.next('message.created', (e) => e.message.internal)

      // Typing reaches the other side; the visitor never sees the internal note.
      visitor.send({ type: 'typing', conversationId, typing: true })
      const typing = await agent.next('typing')
      expect(typing.author.type).toBe('visitor')
      await new Promise((r) => setTimeout(r, 300))
      expect(visitor.events.some((e) => e.type === 'message.created' && e.message.internal)).toBe(false)
      expect(JSON.stringify(visitor.events)).not.toContain('buyer looks legit')
      visitor.close()
      agent.close()
    })

    it('catches a reconnecting visitor up from its cursor, and a clientId resent across the reconnect stores once', async () => {
      const shop = await kefu.newShop({ origins: ['https://shop.example'] })
      const { token, conversationId } = await visitorOf(shop)
      const cookie = await shop.login()
      const first = await connectVisitor(kefu.url, token)
      const cursor = (await first.next('ready')).cursor
      const id = clientId()
      first.send({ type: 'message.send', conversationId, clientId: id, text: 'will I be stored twice?' })
      await first.next('ack')
      first.close()
      await first.closed

      // While the visitor is away, the agent answers twice.
      for (const text of ['answer one', 'answer two']) {
        const res = await fetch(`${kefu.url}/v1/conversations/${conversationId}/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie },
          body: JSON.stringify({ clientId: clientId(), text }),
        })
        expect(res.status).toBe(201)
      }
      const back = await connectVisitor(kefu.url, token, cursor)
      const texts = back.events.flatMap((e) => (e.type === 'message.created' ? [e.message.text] : []))
      expect(texts).toEqual(expect.arrayContaining(['answer one', 'answer two']))
      back.send({ type: 'message.send', conversationId, clientId: id, text: 'will I be stored twice?' })
      const ack = await back.next('ack', (e) => e.clientId === id)
      expect(ack.message.seq).toBe(1)
      const page = await fetch(`${kefu.url}/v1/conversations/${conversationId}/messages`, {
        headers: { cookie },
      })
      const { messages } = (await page.json()) as { messages: Array<{ text: string }> }
      expect(messages.filter((m) => m.text === 'will I be stored twice?')).toHaveLength(1)
      back.close()
    })

    it("keeps other shops' agents out: no events, no typing, no sends", async () => {
      const x = await kefu.newShop({ origins: ['https://shop.example'] })
      const y = await kefu.newShop({ origins: ['https://shop.example'] })
      const { token, conversationId } = await visitorOf(x)
      const spy = await connectAgent(kefu.url, await y.login())
      const visitor = await connectVisitor(kefu.url, token)
      visitor.send({ type: 'message.send', conversationId, clientId: clientId(), text: 'private to shop X' })
      await visitor.next('ack')
      spy.send({ type: 'message.send', conversationId, clientId: clientId(), text: 'hijack' })
      const refused = await spy.next('error')
      expect(refused.code).toBe('not_found')
      spy.send({ type: 'typing', conversationId, typing: true })
      spy.send({ type: 'read', conversationId, seq: 1 })
      await spy.next(
        'error',
        (e) => e.code === 'not_found' && spy.events.filter((x) => x.type === 'error').length >= 2,
      )
      await new Promise((r) => setTimeout(r, 300))
      expect(JSON.stringify(spy.events)).not.toContain('private to shop X')
      expect(visitor.events.some((e) => e.type === 'typing')).toBe(false)
      spy.close()
      visitor.close()
    })

    it('refuses bad sockets with a close code and a reason, leaving others untouched', async () => {
      const shop = await kefu.newShop({ origins: ['https://shop.example'] })
      const { token, conversationId } = await visitorOf(shop)
      const good = await connectVisitor(kefu.url, token)
      const wsUrl = `${kefu.url.replace(/^http/, 'ws')}/v1/widget/ws`

      const forged = await connect(wsUrl)
      forged.send({ type: 'auth', token: 'vt_forged' })
      expect(await forged.closed).toEqual({ code: 4401, reason: 'visitor token missing, expired or revoked' })

      const unauthenticated = await connect(wsUrl)
      unauthenticated.send({ type: 'message.send', conversationId, clientId: clientId(), text: 'no auth' })
      expect((await unauthenticated.closed).code).toBe(4401)

      const garbage = await connect(wsUrl)
      for (let i = 0; i < 5; i++) garbage.send(i % 2 ? '{"type":"nope"}' : 'not json at all')
      expect((await garbage.closed).code).toBe(4400)

      const huge = await connect(wsUrl)
      huge.send('x'.repeat(70_000))
      expect((await huge.closed).code).toBe(1009)

      await expect(connect(`${kefu.url.replace(/^http/, 'ws')}/v1/ws`)).rejects.toThrow('401')
      await expect(
        connect(`${kefu.url.replace(/^http/, 'ws')}/v1/ws`, {
          cookie: await shop.login(),
          origin: 'https://evil.example',
        }),
      ).rejects.toThrow('403')

      const long = await good.send({
        type: 'message.send',
        conversationId,
        clientId: clientId(),
        text: 'y'.repeat(4001),
      })
      void long
      expect((await good.next('error')).code).toBe('bad_frame')
      good.send({ type: 'message.send', conversationId, clientId: clientId(), text: 'still here' })
      expect((await good.next('ack')).message.text).toBe('still here')
      good.close()
    }, 30_000)

    it('shows agents who is online', async () => {
      const shop = await kefu.newShop({ origins: ['https://shop.example'] })
      const first = await connectAgent(kefu.url, await shop.login())
      const presence = await first.next('presence', (e) => e.agents.length === 1)
      expect(presence.agents[0]?.online).toBe(true)
      const { token } = await visitorOf(shop)
      const visitor = await connectVisitor(kefu.url, token)
      expect((await visitor.next('ready')).agentsOnline).toBe(1)
      first.close()
      visitor.close()
    })
  })
}

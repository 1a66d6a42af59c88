import { rows } from '@kefu/db'
import { type DemoShop, startDemoShop } from '@kefu/demo-shop'
import { allDemoCodes, demoOrderSecrets } from '@kefu/demo-shop/seed-data'
import type {
  Conversation,
  ConversationOrders,
  ConversationTicket,
  OrderActionResult,
  Role,
  ServerEvent,
  WidgetSession,
} from '@kefu/protocol'
import type { Order } from '@kefu/protocol/shop'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { startTestKefu, type TestKefu } from '../../testing/server.ts'
import { clientId, identityHash } from '../../testing/visitor.ts'
import { connectAgent, type TestSocket } from '../../testing/ws-client.ts'

for (const driver of ['pglite', 'postgres'] as const) {
  describe(`orders through the real demo shop [${driver}]`, () => {
    let kefu: TestKefu
    let demo: DemoShop
    let shop: Awaited<ReturnType<TestKefu['newShop']>>
    let owner: string
    let agentSocket: TestSocket
    const shopLog: string[] = []
    const kefuLog: string[] = []
    const spies: Array<{ mockRestore(): void }> = []

    beforeAll(async () => {
      // Everything Kefu (in this process) writes to its log; the shop logs through its own `log`.
      for (const method of ['log', 'error', 'warn', 'info'] as const) {
        const original = console[method].bind(console)
        spies.push(
          vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
            kefuLog.push(args.map(String).join(' '))
            original(...args)
          }),
        )
      }
      kefu = await startTestKefu({ driver })
      shop = await kefu.newShop({ origins: ['https://shop.example'], role: 'owner' })
      demo = await startDemoShop({
        port: 0,
        hostname: '127.0.0.1',
        kefu: { url: kefu.url, ...shop.keys },
        log: (line) => shopLog.push(line),
      })
      owner = await shop.login()
      const saved = await api(owner, '/v1/shop-connection', 'PUT', { webhookUrl: `${demo.url}/kefu/webhook` })
      expect(saved.status).toBe(200)
      agentSocket = await connectAgent(kefu.url, owner)
    }, 120_000)

    afterAll(async () => {
      for (const spy of spies) spy.mockRestore()
      agentSocket?.close()
      await demo?.close()
      await kefu?.close()
    }, 60_000)

    const api = (cookie: string, path: string, method = 'GET', body?: unknown) =>
      fetch(`${kefu.url}${path}`, {
        method,
        headers: { cookie, ...(body !== undefined && { 'content-type': 'application/json' }) },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      })
    const demoOrder = (label: string) => {
      const found = demo.demoOrders.find((o) => o.label.startsWith(label))
      if (!found) throw new Error(`no demo order ${label}`)
      return found
    }
    async function buyer() {
      const session = (await (
        await fetch(`${kefu.url}/v1/widget/sessions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: 'https://shop.example' },
          body: JSON.stringify({ publicKey: shop.keys.publicKey }),
        })
      ).json()) as WidgetSession
      const call = (path: string, body?: unknown) =>
        fetch(`${kefu.url}${path}`, {
          method: body === undefined ? 'GET' : 'POST',
          headers: { authorization: `Bearer ${session.visitorToken}`, 'content-type': 'application/json' },
          ...(body !== undefined && { body: JSON.stringify(body) }),
        })
      const { conversation } = (await (
        await call('/v1/widget/conversations', { message: { clientId: clientId(), text: '没收到卡密' } })
      ).json()) as {
        conversation: Conversation
      }
      return { call, conversationId: conversation.id, token: session.visitorToken }
    }

    it("looks an order up by number and contact, masked, and puts it on the agent's card", async () => {
      const b = await buyer()
      const delivered = demoOrder('delivered')
      const res = await b.call('/v1/widget/orders/lookup', {
        orderNo: delivered.orderNo,
        contact: 'LI@example.com ',
        conversationId: b.conversationId,
      })
      expect(res.status).toBe(200)
      const { orders } = (await res.json()) as { orders: Order[] }
      expect(orders).toHaveLength(1)
      expect(orders[0]).toMatchObject({
        orderNo: delivered.orderNo,
        status: 'delivered',
        delivered: 1,
        expected: 1,
      })
      expect(orders[0]!.codes[0]!.masked).toMatch(/\*{4}/)
      expect(orders[0]!.buyer.emailMasked).not.toContain('li@example.com')

      const card = (await (
        await api(owner, `/v1/conversations/${b.conversationId}/orders`)
      ).json()) as ConversationOrders
      expect(card.orders.map((o) => [o.order.orderNo, o.source])).toEqual([[delivered.orderNo, 'buyer']])
      expect(card.shop.state).toBe('ok')
      expect(card.permissions).toMatchObject({ resend: true, refund: true })
      await agentSocket.next('order.updated', (e) => e.conversationId === b.conversationId)
    })

    it('answers a wrong contact exactly like an unknown order', async () => {
      const b = await buyer()
      const wrong = await b.call('/v1/widget/orders/lookup', {
        orderNo: demoOrder('delivered').orderNo,
        contact: 'sam@example.com',
      })
      const unknown = await b.call('/v1/widget/orders/lookup', {
        orderNo: 'ZZZZZZZZZZZZZZZZ',
        contact: 'li@example.com',
      })
      expect(wrong.status).toBe(200)
      expect(await wrong.text()).toBe(await unknown.text())
    })

    it("lists a verified customer's recent orders, and refuses anonymous visitors", async () => {
      const b = await buyer()
      expect((await b.call('/v1/widget/orders')).status).toBe(403)
      const id = await b.call('/v1/widget/identify', {
        userId: 'u_1001',
        userHash: identityHash(shop.keys.identitySecret, 'u_1001'),
      })
      expect(id.status).toBe(200)
      const { orders } = (await (await b.call('/v1/widget/orders')).json()) as { orders: Order[] }
      const li = demo.demoOrders.filter((o) => o.buyerId === 'u_1001').map((o) => o.orderNo)
      expect(orders.length).toBeGreaterThan(0)
      expect(orders.every((o) => li.includes(o.orderNo))).toBe(true)
      // The agent's card shows them too, as the customer's orders.
      const card = (await (
        await api(owner, `/v1/conversations/${b.conversationId}/orders`)
      ).json()) as ConversationOrders
      expect(card.orders.some((o) => o.source === 'customer')).toBe(true)

      // Picking one links it to the conversation: a ticket opened from it starts with that order.
      const picked = orders[0]!.orderNo
      const linked = await b.call('/v1/widget/orders/link', {
        orderNo: picked,
        conversationId: b.conversationId,
      })
      expect(linked.status).toBe(200)
      expect(((await linked.json()) as { order: Order }).order.orderNo).toBe(picked)
      const ticket = (await (
        await api(owner, `/v1/conversations/${b.conversationId}/ticket`)
      ).json()) as ConversationTicket
      expect(ticket.suggestion.orderNos).toEqual([picked])
      // Someone else's order is not theirs to link.
      const foreign = demo.demoOrders.find((o) => o.buyerId !== 'u_1001')!.orderNo
      const refused = await b.call('/v1/widget/orders/link', {
        orderNo: foreign,
        conversationId: b.conversationId,
      })
      expect(refused.status).toBe(404)
      const anonymous = await buyer()
      const noIdentity = await anonymous.call('/v1/widget/orders/link', {
        orderNo: picked,
        conversationId: anonymous.conversationId,
      })
      expect(noIdentity.status).toBe(403)
    })

    it('re-sends a code once per idempotency key, and tells the buyer', async () => {
      const b = await buyer()
      const delivered = demoOrder('delivered')
      const outboxBefore = await (await fetch(`${demo.url}/outbox`)).text()
      const key = `resend-${clientId()}`
      const first = await api(
        owner,
        `/v1/conversations/${b.conversationId}/orders/${delivered.orderNo}/actions`,
        'POST',
        {
          action: 'resend',
          reason: 'buyer did not get the email',
          idempotencyKey: key,
        },
      )
      expect(first.status).toBe(200)
      const result = (await first.json()) as OrderActionResult
      expect(result).toMatchObject({ ok: true, status: 'completed', replayed: false })
      const again = (await (
        await api(
          owner,
          `/v1/conversations/${b.conversationId}/orders/${delivered.orderNo}/actions`,
          'POST',
          {
            action: 'resend',
            reason: 'buyer did not get the email',
            idempotencyKey: key,
          },
        )
      ).json()) as OrderActionResult
      expect(again).toMatchObject({ ok: true, status: 'completed', replayed: true })
      const outboxAfter = await (await fetch(`${demo.url}/outbox`)).text()
      const count = (html: string) => html.split(delivered.orderNo).length
      expect(count(outboxAfter)).toBeGreaterThan(count(outboxBefore))
      // One re-send, not two: a third call with a new key adds exactly as much again.
      const delta = count(outboxAfter) - count(outboxBefore)
      await api(owner, `/v1/conversations/${b.conversationId}/orders/${delivered.orderNo}/actions`, 'POST', {
        action: 'resend',
        reason: 'again',
        idempotencyKey: `resend-${clientId()}`,
      })
      expect(count(await (await fetch(`${demo.url}/outbox`)).text()) - count(outboxAfter)).toBe(delta)

      const thread = (await (
        await b.call(`/v1/widget/conversations/${b.conversationId}/messages`)
      ).json()) as { messages: Array<{ text: string; internal: boolean }> }
      expect(thread.messages.some((m) => m.text.includes('re-sent your code'))).toBe(true)
      expect(thread.messages.every((m) => !m.internal)).toBe(true)
    })

    it('refunds only with the right role, within the limit, and the card shows the refund', async () => {
      const b = await buyer()
      const failed = demoOrder('delivery_failed')
      // An agent-role member of this shop.
      const { addAgent } = await import('../../domain/agents.ts')
      const email = `refund-agent-${clientId()}@test.kefu.local`
      await addAgent(kefu.database.db, {
        tenantId: shop.tenantId,
        email,
        name: 'Junior',
        role: 'agent' as Role,
        password: 'correct horse battery',
        actor: { type: 'system' },
      })
      const login = await fetch(`${kefu.url}/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: 'correct horse battery' }),
      })
      const junior = login.headers.get('set-cookie')!.split(';')[0]!
      const path = `/v1/conversations/${b.conversationId}/orders/${failed.orderNo}/actions`
      const denied = await api(junior, path, 'POST', {
        action: 'refund',
        reason: 'out of stock',
        idempotencyKey: `r-${clientId()}`,
      })
      expect(denied.status).toBe(403)
      const card = (await (
        await api(junior, `/v1/conversations/${b.conversationId}/orders`)
      ).json()) as ConversationOrders
      expect(card.permissions.refund).toBe(false)

      await api(owner, '/v1/shop-connection', 'PUT', {
        webhookUrl: `${demo.url}/kefu/webhook`,
        refundMaxAmount: '1.00',
      })
      const tooMuch = await api(owner, path, 'POST', {
        action: 'refund',
        amount: '5.00',
        reason: 'out of stock',
        idempotencyKey: `r-${clientId()}`,
      })
      expect(tooMuch.status).toBe(403)
      await api(owner, '/v1/shop-connection', 'PUT', { webhookUrl: `${demo.url}/kefu/webhook` })

      const refunded = (await (
        await api(owner, path, 'POST', {
          action: 'refund',
          reason: 'out of stock',
          idempotencyKey: `r-${clientId()}`,
        })
      ).json()) as OrderActionResult
      expect(refunded.ok).toBe(true)
      expect(refunded.order?.status).toBe('refunded')
      const twice = (await (
        await api(owner, path, 'POST', {
          action: 'refund',
          reason: 'again',
          idempotencyKey: `r-${clientId()}`,
        })
      ).json()) as OrderActionResult
      expect(twice).toMatchObject({ ok: false, status: 'rejected' })
      const after = (await (
        await api(owner, `/v1/conversations/${b.conversationId}/orders`)
      ).json()) as ConversationOrders
      expect(after.orders.find((o) => o.order.orderNo === failed.orderNo)?.order.status).toBe('refunded')
      const audit = await rows<{ action: string }>(
        kefu.database.db,
        sql`select action from audit_log where tenant_id = ${shop.tenantId} and action like 'order.%'`,
      )
      expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['order.refund', 'order.resend']))
    })

    it("refreshes the card from the shop's events and tells the buyer about a failed delivery", async () => {
      const b = await buyer()
      const pending = demoOrder('multi-code')
      await b.call('/v1/widget/orders/lookup', {
        orderNo: pending.orderNo,
        contact: pending.email,
        conversationId: b.conversationId,
      })
      // Deliver the missing code in the shop's back office: the shop pushes order.delivered to Kefu.
      const fixed = await fetch(`${demo.url}/admin/orders/${pending.orderNo}/deliver`, {
        method: 'POST',
        redirect: 'manual',
      })
      expect(fixed.status).toBe(303)
      const deadline = Date.now() + 10_000
      let card: ConversationOrders | undefined
      while (Date.now() < deadline) {
        card = (await (
          await api(owner, `/v1/conversations/${b.conversationId}/orders`)
        ).json()) as ConversationOrders
        if (card.orders[0]?.order.status === 'delivered') break
        await new Promise((r) => setTimeout(r, 200))
      }
      expect(card?.orders[0]?.order).toMatchObject({ status: 'delivered', delivered: 3, expected: 3 })

      await fetch(`${demo.url}/admin/orders/${pending.orderNo}/fail-delivery`, {
        method: 'POST',
        redirect: 'manual',
      })
      const told = Date.now() + 10_000
      let texts: string[] = []
      while (Date.now() < told) {
        const page = (await (
          await b.call(`/v1/widget/conversations/${b.conversationId}/messages`)
        ).json()) as { messages: Array<{ text: string }> }
        texts = page.messages.map((m) => m.text)
        if (texts.some((t) => t.includes('could not be delivered'))) break
        await new Promise((r) => setTimeout(r, 200))
      }
      expect(texts.some((t) => t.includes(`Order ${pending.orderNo} could not be delivered`))).toBe(true)
    })

    it('matches a pasted code to its order by fingerprint and stores it only masked', async () => {
      const b = await buyer()
      const delivered = demoOrder('delivered')
      await b.call('/v1/widget/orders/lookup', {
        orderNo: delivered.orderNo,
        contact: delivered.email,
        conversationId: b.conversationId,
      })
      const stock = allDemoCodes.filter((code) => /^[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}$/.test(code))
      const pasted = `这个卡密显示已使用: ${stock.join(' , ')} and ABCD1-EFGH2-IJKL3`
      const sent = await b.call(`/v1/widget/conversations/${b.conversationId}/messages`, {
        clientId: clientId(),
        text: pasted,
      })
      expect(sent.status).toBe(201)
      const stored = (await sent.json()) as { text: string }
      for (const code of [...stock, 'ABCD1-EFGH2-IJKL3']) expect(stored.text).not.toContain(code)
      expect(stored.text).toContain('****')
      const thread = (await (await api(owner, `/v1/conversations/${b.conversationId}/messages`)).json()) as {
        messages: Array<{ text: string; internal: boolean }>
      }
      const note = thread.messages.find((m) => m.internal && m.text.includes(delivered.orderNo))
      expect(note?.text).toMatch(/belongs to order/)
      const buyerView = (await (
        await b.call(`/v1/widget/conversations/${b.conversationId}/messages`)
      ).json()) as {
        messages: Array<{ text: string }>
      }
      expect(buyerView.messages.some((m) => m.text.includes('belongs to order'))).toBe(false)
    })

    it('never stores, logs or broadcasts a full code, query password or manual-order input', async () => {
      const dump = await rows<{ t: string }>(
        kefu.database.db,
        sql`select string_agg(t::text, '\n') as t from (
              select to_jsonb(m) as t from messages m union all select to_jsonb(o) from conversation_orders o
              union all select to_jsonb(e) from events e union all select to_jsonb(a) from audit_log a
              union all select to_jsonb(d) from shop_deliveries d union all select to_jsonb(x) from order_actions x) all_rows`,
      )
      const text = dump[0]?.t ?? ''
      expect(text.length).toBeGreaterThan(1000)
      const frames = JSON.stringify(agentSocket.events satisfies ServerEvent[])
      for (const secret of [
        ...allDemoCodes,
        ...demoOrderSecrets.filter((s) => s.length > 6 && !s.startsWith('203.')),
      ]) {
        expect(text).not.toContain(secret)
        expect(frames).not.toContain(secret)
        expect(kefuLog.join('\n')).not.toContain(secret)
      }
    })
  })
}

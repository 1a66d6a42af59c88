import { describeEachDatabase } from '@kefu/db/testing'
import { type ConversationOrders, errorBodySchema } from '@kefu/protocol'
import type { Order } from '@kefu/protocol/shop'
import { sql } from 'drizzle-orm'
import { expect, it } from 'vitest'
import { linkOrder } from '../../domain/shop/orders.ts'
import { createHarness } from '../../testing/harness.ts'
import { agentRequest, identityHash, openVisitor } from '../../testing/visitor.ts'

const order = (status: Order['status']): Order => ({
  orderNo: 'K7W2QX9M4ZP8TR3N',
  status,
  rawStatus: status === 'delivery_failed' ? '6 abnormal' : '4 completed',
  createdAt: '2026-11-22T10:00:00+08:00',
  amount: { value: '100.00', currency: 'CNY' },
  buyer: { emailMasked: 'l*@example.com' },
  items: [
    {
      title: 'Steam 钱包充值卡 100 元',
      quantity: 1,
      unitPrice: { value: '100.00', currency: 'CNY' },
      delivery: 'auto',
    },
  ],
  codes: [],
  delivered: status === 'delivered' ? 1 : 0,
  expected: 1,
  actions: { resend: status === 'delivered', refund: true },
})

describeEachDatabase('shop API', (database) => {
  const h = createHarness(database)
  const call = (key: string, path: string, body?: unknown) =>
    h().app.request(path, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    })

  it('refuses a missing, wrong, public or rotated-out key', async () => {
    const shop = await h().newTenant()
    for (const key of ['', 'sk_live_wrong', shop.keys.publicKey]) {
      const res = await call(key, '/v1/shop/events', { type: 'order.paid', orderNo: 'X' })
      expect(res.status).toBe(401)
      expect(errorBodySchema.parse(await res.json()).error.code).toBe('unauthorized')
    }
  })

  it('refreshes the order card and tells the buyer when delivery failed', async () => {
    const shop = await h().newTenant()
    const v = await openVisitor(h(), shop)
    const { conversation } = await v.start('where is my code?')
    await linkOrder(h().services.db, {
      tenantId: shop.tenantId,
      conversationId: conversation.id,
      order: order('delivered'),
      source: 'buyer',
    })
    const res = await call(shop.keys.secretKey, '/v1/shop/events', {
      type: 'order.delivery_failed',
      orderNo: 'K7W2QX9M4ZP8TR3N',
      order: order('delivery_failed'),
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ ok: true, notified: true })
    const agent = agentRequest(h(), await shop.login())
    const card = (await (
      await agent(`/v1/conversations/${conversation.id}/orders`)
    ).json()) as ConversationOrders
    expect(card.orders[0]?.order.status).toBe('delivery_failed')
    const page = (await (await v.request(`/v1/widget/conversations/${conversation.id}/messages`)).json()) as {
      messages: Array<{ text: string; author: { type: string } }>
    }
    expect(page.messages[0]).toMatchObject({ author: { type: 'system' } })
    expect(page.messages[0]?.text).toContain('K7W2QX9M4ZP8TR3N')
    // The same event again does not message the buyer twice.
    await call(shop.keys.secretKey, '/v1/shop/events', {
      type: 'order.delivery_failed',
      orderNo: 'K7W2QX9M4ZP8TR3N',
      order: order('delivery_failed'),
    })
    const again = (await (
      await v.request(`/v1/widget/conversations/${conversation.id}/messages`)
    ).json()) as { messages: unknown[] }
    expect(again.messages).toHaveLength(page.messages.length)
  })

  it("rejects an event whose order does not match, and changes nothing in another shop's cards", async () => {
    const x = await h().newTenant()
    const y = await h().newTenant()
    const v = await openVisitor(h(), x)
    const { conversation } = await v.start()
    await linkOrder(h().services.db, {
      tenantId: x.tenantId,
      conversationId: conversation.id,
      order: order('delivered'),
      source: 'buyer',
    })
    const mismatch = await call(x.keys.secretKey, '/v1/shop/events', {
      type: 'order.refunded',
      orderNo: 'OTHER',
      order: order('refunded'),
    })
    expect(mismatch.status).toBe(400)
    // Shop Y reporting the same order number touches only its own conversations.
    const res = await call(y.keys.secretKey, '/v1/shop/events', {
      type: 'order.refunded',
      orderNo: 'K7W2QX9M4ZP8TR3N',
      order: order('refunded'),
    })
    expect(res.status).toBe(200)
    const agent = agentRequest(h(), await x.login())
    const card = (await (
      await agent(`/v1/conversations/${conversation.id}/orders`)
    ).json()) as ConversationOrders
    expect(card.orders[0]?.order.status).toBe('delivered')
  })

  it('sends a proactive message to a verified customer, and 404s an unknown one', async () => {
    const shop = await h().newTenant()
    const v = await openVisitor(h(), shop)
    await v.request('/v1/widget/identify', {
      body: { userId: 'u_1001', userHash: identityHash(shop.keys.identitySecret, 'u_1001') },
    })
    const res = await call(shop.keys.secretKey, '/v1/shop/messages', {
      customerId: 'u_1001',
      text: '您的补货已到，卡密已发送到邮箱。',
    })
    expect(res.status).toBe(201)
    const { conversationId } = (await res.json()) as { conversationId: string }
    const list = (await (await v.request('/v1/widget/conversations')).json()) as {
      conversations: Array<{ id: string; unread: number }>
    }
    expect(list.conversations).toEqual([expect.objectContaining({ id: conversationId, unread: 1 })])
    expect(
      (await call(shop.keys.secretKey, '/v1/shop/messages', { customerId: 'u_nobody', text: 'hi' })).status,
    ).toBe(404)
    expect(
      (await call(shop.keys.secretKey, '/v1/shop/messages', { customerId: 'u_1001', text: '' })).status,
    ).toBe(400)
  })

  it("erases a customer's conversations, messages and files, and is idempotent", async () => {
    const shop = await h().newTenant()
    const v = await openVisitor(h(), shop)
    await v.request('/v1/widget/identify', {
      body: { userId: 'u_77', userHash: identityHash(shop.keys.identitySecret, 'u_77') },
    })
    await v.start('my name is 王小明 and my phone is 13800138000')
    await v.start('second conversation')
    const other = await openVisitor(h(), shop)
    await other.start('someone else')
    const res = await call(shop.keys.secretKey, '/v1/shop/customers/u_77/erase')
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({
      customerId: 'u_77',
      erased: { conversations: 2, messages: 2, tickets: 0, attachments: 0 },
    })
    const left = (await h().services.db.execute(
      sql`select text from messages where tenant_id = ${shop.tenantId}`,
    )) as unknown as { rows: Array<{ text: string }> }
    expect(left.rows.map((r) => r.text)).toEqual(['someone else'])
    expect((await v.request('/v1/widget/conversations')).status).toBe(401)
    const again = await call(shop.keys.secretKey, '/v1/shop/customers/u_77/erase')
    expect(await again.json()).toEqual({
      customerId: 'u_77',
      erased: { conversations: 0, messages: 0, tickets: 0, attachments: 0 },
    })
  })
})

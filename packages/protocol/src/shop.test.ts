import { describe, expect, it } from 'vitest'
import {
  type Order,
  orderActionResponseSchema,
  orderLookupResponseSchema,
  orderSchema,
  shopEventRequestSchema,
  shopMessageRequestSchema,
  webhookEnvelopeSchema,
  webhookTypes,
} from './shop.ts'

const fingerprint = 'a'.repeat(64)

const sampleOrder: Order = {
  orderNo: 'DJK7Q2M9X4LP8W1Z',
  status: 'delivered',
  rawStatus: '4',
  createdAt: '2025-11-20T10:00:00+08:00',
  paidAt: '2025-11-20T10:01:12Z',
  amount: { value: '19.90', currency: 'CNY' },
  payChannel: 'alipay',
  buyer: { emailMasked: 'l***@example.com' },
  items: [
    {
      sku: 'steam-50',
      title: 'Steam 50 CNY',
      quantity: 1,
      unitPrice: { value: '19.90', currency: 'CNY' },
      delivery: 'auto',
    },
  ],
  codes: [{ masked: 'AB****9Z1Q', fingerprint, status: 'delivered' }],
  delivered: 1,
  expected: 1,
  actions: { resend: true, refund: false },
}

describe('orderSchema', () => {
  it('accepts the order from DESIGN.md', () => {
    expect(orderSchema.parse(sampleOrder)).toEqual(sampleOrder)
  })

  it('strips fields outside the contract, such as a full code', () => {
    const leaky = { ...sampleOrder, codes: [{ ...sampleOrder.codes[0], code: 'ABCD-EFGH-9Z1Q' }] }
    const parsed = orderSchema.parse(leaky)
    expect(JSON.stringify(parsed)).not.toContain('EFGH')
  })

  it.each([
    ['a float amount', { amount: { value: 19.9, currency: 'CNY' } }],
    ['a lower-case currency', { amount: { value: '19.90', currency: 'cny' } }],
    ['an unknown status', { status: 'completed' }],
    ['a non-ISO date', { createdAt: '2025-11-20 10:00:00' }],
    ['a short fingerprint', { codes: [{ masked: 'AB****9Z1Q', fingerprint: 'abc' }] }],
    ['an over-long title', { items: [{ ...sampleOrder.items[0], title: 'x'.repeat(301) }] }],
    ['too many codes', { codes: Array.from({ length: 1001 }, () => sampleOrder.codes[0]) }],
  ])('rejects %s', (_name, patch) => {
    expect(orderSchema.safeParse({ ...sampleOrder, ...patch }).success).toBe(false)
  })
})

describe('webhookEnvelopeSchema', () => {
  const base = { id: 'dlv_01JD', tenant: 'ten_shop1', created: 1764000000 }

  it('parses an order.lookup by order number and contact', () => {
    const envelope = webhookEnvelopeSchema.parse({
      ...base,
      type: 'order.lookup',
      data: { orderNo: 'DJK7Q2M9X4LP8W1Z', contact: 'li@example.com' },
    })
    expect(envelope.type).toBe('order.lookup')
    expect(envelope.data).toEqual({ orderNo: 'DJK7Q2M9X4LP8W1Z', contact: 'li@example.com' })
  })

  it('parses an order.lookup by customer id', () => {
    const envelope = webhookEnvelopeSchema.parse({
      ...base,
      type: 'order.lookup',
      data: { customerId: 'u_42' },
    })
    expect(envelope.data).toEqual({ customerId: 'u_42' })
  })

  it('rejects an order.lookup with neither order number nor customer id', () => {
    const result = webhookEnvelopeSchema.safeParse({ ...base, type: 'order.lookup', data: {} })
    expect(result.success).toBe(false)
  })

  it('parses an order.action and requires an idempotency key', () => {
    const data = {
      orderNo: 'DJK7Q2M9X4LP8W1Z',
      action: 'resend',
      reason: 'buyer did not get the email',
      actor: { type: 'bot', id: 'bot' },
      idempotencyKey: 'act_1',
    }
    expect(webhookEnvelopeSchema.parse({ ...base, type: 'order.action', data }).data).toEqual(data)
    const { idempotencyKey: _dropped, ...withoutKey } = data
    const result = webhookEnvelopeSchema.safeParse({
      ...base,
      type: 'order.action',
      data: withoutKey,
    })
    expect(result.success).toBe(false)
  })

  it('keeps fields Kefu adds to events later', () => {
    const envelope = webhookEnvelopeSchema.parse({
      ...base,
      type: 'ticket.updated',
      data: { ticketId: 'tkt_1', status: 'pending', assignee: 'agt_9' },
    })
    expect(envelope.data).toMatchObject({ assignee: 'agt_9' })
  })

  it('rejects an unknown type, a bad delivery id and a bad tenant id', () => {
    const event = { ...base, type: 'csat.submitted', data: { conversationId: 'cnv_1', rating: 5 } }
    expect(webhookEnvelopeSchema.safeParse(event).success).toBe(true)
    expect(webhookEnvelopeSchema.safeParse({ ...event, type: 'order.deleted' }).success).toBe(false)
    expect(webhookEnvelopeSchema.safeParse({ ...event, id: '123' }).success).toBe(false)
    expect(webhookEnvelopeSchema.safeParse({ ...event, tenant: 'shop1' }).success).toBe(false)
  })

  it('lists every type', () => {
    expect([...webhookTypes].sort()).toEqual([
      'conversation.created',
      'csat.submitted',
      'message.created',
      'order.action',
      'order.lookup',
      'ticket.created',
      'ticket.resolved',
      'ticket.updated',
    ])
  })
})

describe('shop answers', () => {
  it('accepts an empty lookup answer and rejects a non-Order', () => {
    expect(orderLookupResponseSchema.parse({ orders: [] })).toEqual({ orders: [] })
    expect(orderLookupResponseSchema.safeParse({ orders: [{ orderNo: 'X' }] }).success).toBe(false)
  })

  it('requires ok to agree with the action status', () => {
    const done = { ok: true, status: 'completed', message: 'Code re-sent to l***@example.com' }
    expect(orderActionResponseSchema.parse(done)).toEqual(done)
    const contradiction = { ok: false, status: 'completed', message: '' }
    expect(orderActionResponseSchema.safeParse(contradiction).success).toBe(false)
  })
})

describe('Shop API bodies', () => {
  it('accepts an order event whose order matches its orderNo, rejects a mismatch', () => {
    const event = { type: 'order.delivered', orderNo: sampleOrder.orderNo, order: sampleOrder }
    expect(shopEventRequestSchema.safeParse(event).success).toBe(true)
    const mismatch = { ...event, orderNo: 'OTHER' }
    const result = shopEventRequestSchema.safeParse(mismatch)
    expect(result.success).toBe(false)
    expect(result.error?.issues[0]?.path).toEqual(['order', 'orderNo'])
  })

  it('limits a proactive message to 4000 characters', () => {
    const message = { customerId: 'u_42', text: 'x'.repeat(4000) }
    expect(shopMessageRequestSchema.safeParse(message).success).toBe(true)
    const tooLong = { ...message, text: 'x'.repeat(4001) }
    expect(shopMessageRequestSchema.safeParse(tooLong).success).toBe(false)
    expect(shopMessageRequestSchema.safeParse({ ...message, text: '   ' }).success).toBe(false)
  })
})

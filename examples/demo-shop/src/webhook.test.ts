import { orderActionResponseSchema, orderLookupResponseSchema, orderSchema } from '@kefu/protocol/shop'
import { fingerprintCode, maskCode, normaliseCode } from '@kefu/shop-sdk'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DemoOrder } from './index.ts'
import { allDemoCodes, demoOrderSecrets } from './seed-data.ts'
import { buy, codesOnPage, pay, secrets, startTestShop, type TestShop } from './testing/harness.ts'

let t: TestShop
beforeAll(async () => {
  t = await startTestShop()
})
afterAll(() => t.shop.close())

function demo(labelStart: string): DemoOrder {
  const order = t.shop.demoOrders.find((o) => o.label.startsWith(labelStart))
  if (!order) throw new Error(`no demo order ${labelStart}`)
  return order
}

async function lookup(data: unknown) {
  const res = await t.webhook('order.lookup', data)
  expect(res.status).toBe(200)
  return { ...orderLookupResponseSchema.parse(res.json), text: res.text }
}

let keys = 0
async function act(orderNo: string, action: 'resend' | 'refund' | 'note', extra: object = {}) {
  const data = {
    orderNo,
    action,
    reason: 'buyer asked in chat',
    actor: { type: 'agent', id: 'agt_1' },
    idempotencyKey: `idem_${++keys}_${Date.now()}`,
    ...extra,
  }
  const res = await t.webhook('order.action', data)
  expect(res.status).toBe(200)
  return { answer: orderActionResponseSchema.parse(res.json), data, text: res.text }
}

describe('order.lookup by order number and contact', () => {
  const cases = [
    ['delivered', 'delivered', '4 completed', { delivered: 1, expected: 1 }, { resend: true, refund: true }],
    [
      'delivery_failed',
      'delivery_failed',
      '6 abnormal',
      { delivered: 0, expected: 1 },
      { resend: false, refund: true },
    ],
    [
      'paid_pending',
      'paid_pending',
      '3 processing',
      { delivered: 0, expected: 1 },
      { resend: false, refund: true },
    ],
    ['refunded', 'refunded', '7 refunded', { delivered: 1, expected: 1 }, { resend: false, refund: false }],
    [
      'unpaid',
      'unpaid',
      '1 awaiting payment',
      { delivered: 0, expected: 1 },
      { resend: false, refund: false },
    ],
    ['expired', 'expired', '-1 expired', { delivered: 0, expected: 1 }, { resend: false, refund: false }],
    [
      'multi-code',
      'delivery_failed',
      '6 abnormal',
      { delivered: 2, expected: 3 },
      { resend: false, refund: true },
    ],
  ] as const
  for (const [label, status, raw, counts, actions] of cases) {
    it(`answers the ${label} order with status ${status}`, async () => {
      const seeded = demo(label)
      const { orders } = await lookup({ orderNo: seeded.orderNo, contact: ` ${seeded.email.toUpperCase()} ` })
      expect(orders).toHaveLength(1)
      const order = orderSchema.parse(orders[0])
      expect(order).toMatchObject({ orderNo: seeded.orderNo, status, rawStatus: raw, ...counts, actions })
      expect(order.buyer.emailMasked).toMatch(/^[a-z]\*@example\.com$/)
      expect(order.codes).toHaveLength(counts.delivered)
    })
  }

  it('masks and fingerprints delivered codes with the newest webhook secret', async () => {
    const { orders } = await lookup({ orderNo: demo('delivered').orderNo, contact: 'li@example.com' })
    const code = 'G7KQ2-8WMRT-ZP4XN' // the first Steam code, sold to the delivered demo order
    expect(orders[0]?.codes).toEqual([
      {
        masked: maskCode(code),
        fingerprint: await fingerprintCode(secrets.webhook[0], code),
        status: 'delivered',
      },
    ])
    expect(orders[0]?.codes[0]?.masked).toBe('G7****P4XN')
  })

  it('matches the QQ contact as well as the email', async () => {
    const { orders } = await lookup({ orderNo: demo('unpaid').orderNo, contact: '2846091375' })
    expect(orders.map((o) => o.orderNo)).toEqual([demo('unpaid').orderNo])
    expect(orders[0]?.buyer.contactMasked).toBe('28****75')
  })

  it('answers a wrong contact exactly like an unknown order', async () => {
    const wrong = await lookup({ orderNo: demo('delivered').orderNo, contact: 'sam@example.com' })
    const unknown = await lookup({ orderNo: 'ZZZZZZZZZZZZZZZZ', contact: 'li@example.com' })
    expect(wrong.text).toBe('{"orders":[]}')
    expect(unknown.text).toBe(wrong.text)
  })

  it("finds an order by number alone for Kefu's agents (signed requests only)", async () => {
    const { orders } = await lookup({ orderNo: demo('delivered').orderNo })
    expect(orders.map((o) => o.orderNo)).toEqual([demo('delivered').orderNo])
  })
})

describe('order.lookup by customer id', () => {
  it("lists that buyer's orders, newest first, at most five", async () => {
    const { orders } = await lookup({ customerId: 'u_1001' })
    const li = t.shop.demoOrders.filter((o) => o.buyerId === 'u_1001').map((o) => o.orderNo)
    expect(orders.length).toBeGreaterThan(0)
    expect(orders.length).toBeLessThanOrEqual(5)
    expect(orders.every((o) => o.buyer.emailMasked === 'l*@example.com')).toBe(true)
    for (const o of li) expect(orders.map((x) => x.orderNo)).toContain(o)
    const times = orders.map((o) => o.createdAt)
    expect([...times].sort().reverse()).toEqual(times)
  })

  it('answers an unknown customer with no orders', async () => {
    expect((await lookup({ customerId: 'u_nobody' })).orders).toEqual([])
  })
})

describe('order.action', () => {
  it('re-sends codes to the email on file, once per idempotency key', async () => {
    const browser = t.browser()
    const orderNo = await buy(browser, 4, { email: 'resend-me@example.com' })
    await pay(browser, orderNo)
    const [code] = codesOnPage((await browser.get(`/order/${orderNo}`)).text)
    expect(code).toBeDefined()

    const first = await act(orderNo, 'resend')
    expect(first.answer).toMatchObject({ ok: true, status: 'completed' })
    expect(first.answer.message).toContain('r*@example.com')
    const retry = await t.webhook('order.action', first.data) // a new delivery id, the same key
    expect(retry.json).toEqual(first.answer)

    const outbox = (await browser.get('/outbox')).text
    const resent = outbox.split('【补发】订单 ').filter((part) => part.startsWith(orderNo))
    expect(resent).toHaveLength(1)
    expect(outbox).toContain('收件人 To resend-me@example.com')
    expect(outbox).toContain(code)
    expect(first.text).not.toContain(code!)
  })

  it('refuses to re-send when nothing was delivered', async () => {
    const { answer } = await act(demo('delivery_failed').orderNo, 'resend')
    expect(answer).toMatchObject({ ok: false, status: 'rejected' })
  })

  it('refunds a paid order once and refuses a second refund', async () => {
    const browser = t.browser()
    const orderNo = await buy(browser, 4)
    await pay(browser, orderNo)
    const first = await act(orderNo, 'refund', { reason: 'code already used' })
    expect(first.answer).toMatchObject({ ok: true, status: 'completed' })
    expect(first.answer.order).toMatchObject({
      status: 'refunded',
      actions: { refund: false, resend: false },
    })
    expect((await browser.get(`/order/${orderNo}`)).text).toContain('已退款 ¥39.90')

    const second = await act(orderNo, 'refund')
    expect(second.answer).toMatchObject({ ok: false, status: 'rejected' })
  })

  it('refuses to refund an unpaid order or more than the order amount', async () => {
    const unpaid = await act(demo('unpaid').orderNo, 'refund')
    expect(unpaid.answer.ok).toBe(false)
    const tooMuch = await act(demo('delivered').orderNo, 'refund', {
      amount: { value: '96.01', currency: 'CNY' },
    })
    expect(tooMuch.answer).toMatchObject({ ok: false, status: 'rejected' })
    const { orders } = await lookup({ orderNo: demo('delivered').orderNo, contact: 'li@example.com' })
    expect(orders[0]?.status).toBe('delivered')
  })

  it('stores a note on the order, shown on the order page', async () => {
    const browser = t.browser()
    const orderNo = await buy(browser, 1)
    const { answer } = await act(orderNo, 'note', { reason: 'buyer says the code was rejected by Steam' })
    expect(answer.ok).toBe(true)
    expect((await browser.get(`/order/${orderNo}`)).text).toContain(
      'buyer says the code was rejected by Steam',
    )
  })
})

describe('webhook security', () => {
  it('answers 401 to a bad signature and accepts the older secret during rotation', async () => {
    const data = { orderNo: demo('delivered').orderNo, contact: 'li@example.com' }
    const forged = await t.webhook('order.lookup', data, { secret: 'whsec_attacker' })
    expect(forged.status).toBe(401)
    expect(forged.text).not.toContain(data.orderNo)
    const old = await t.webhook('order.lookup', data, { secret: secrets.webhook[1] })
    expect(old.status).toBe(200)
  })

  it('never answers with a full code, query password, buyer IP or manual-order input', async () => {
    const bodies: string[] = []
    for (const o of t.shop.demoOrders) {
      bodies.push((await lookup({ orderNo: o.orderNo, contact: o.email })).text)
      bodies.push((await act(o.orderNo, 'note', { reason: 'checked' })).text)
    }
    bodies.push((await lookup({ customerId: 'u_1001' })).text, (await lookup({ customerId: 'u_1002' })).text)
    bodies.push((await act(demo('multi-code').orderNo, 'resend')).text)
    const all = bodies.join('\n')
    expect(all).toContain('****') // the masked codes are there
    for (const code of allDemoCodes) {
      expect(all).not.toContain(code)
      expect(all).not.toContain(normaliseCode(code))
    }
    for (const secret of demoOrderSecrets) expect(all).not.toContain(secret)
    expect(all).not.toContain('Tianli#2024')
  })
})

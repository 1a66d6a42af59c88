import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type ShopEventRequest, shopEventRequestSchema } from '@kefu/protocol/shop'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { buy, codesOnPage, pay, secrets, startTestShop, type TestShop } from './testing/harness.ts'

interface Received {
  method: string
  url: string
  headers: IncomingHttpHeaders
  body: ShopEventRequest
}

/** A stand-in for Kefu's Shop API: records every request and answers like Kefu would. */
let kefu: Server
const received: Received[] = []
let t: TestShop

beforeAll(async () => {
  kefu = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8')
    })
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: shopEventRequestSchema.parse(JSON.parse(body)),
      })
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true,"notified":false}')
    })
  })
  await new Promise<void>((resolve) => kefu.listen(0, '127.0.0.1', resolve))
  t = await startTestShop(`http://127.0.0.1:${(kefu.address() as AddressInfo).port}`)
})
afterAll(async () => {
  await t.shop.close()
  await new Promise((resolve) => kefu.close(resolve))
})

function eventsFor(orderNo: string): Received[] {
  return received.filter((r) => r.body.orderNo === orderNo)
}

describe('order events to Kefu', () => {
  it('pushes order.paid then order.delivered with the bearer key and the masked order', async () => {
    const browser = t.browser()
    await browser.post('/login', { buyer: 'u_1002' })
    const orderNo = await buy(browser, 2, { email: 'sam@example.com' })
    await pay(browser, orderNo)
    await vi.waitFor(() => expect(eventsFor(orderNo)).toHaveLength(2))

    const [paid, delivered] = eventsFor(orderNo)
    expect(paid).toMatchObject({ method: 'POST', url: '/v1/shop/events', body: { type: 'order.paid' } })
    expect(paid?.headers.authorization).toBe(`Bearer ${secrets.secretKey}`)
    expect(delivered?.body).toMatchObject({
      type: 'order.delivered',
      customerId: 'u_1002',
      order: {
        orderNo,
        status: 'delivered',
        delivered: 1,
        expected: 1,
        buyer: { emailMasked: 's*@example.com' },
      },
    })
    const [code] = codesOnPage((await browser.get(`/order/${orderNo}`)).text)
    expect(code).toBeDefined()
    expect(JSON.stringify(eventsFor(orderNo).map((e) => e.body))).not.toContain(code!)
  })

  it('pushes order.delivery_failed when stock runs out, and after the admin breaks an order', async () => {
    const browser = t.browser()
    const outOfStock = await buy(browser, 5)
    await pay(browser, outOfStock)
    await vi.waitFor(() =>
      expect(eventsFor(outOfStock).map((e) => e.body.type)).toEqual(['order.paid', 'order.delivery_failed']),
    )
    expect(eventsFor(outOfStock)[1]?.body.order).toMatchObject({ status: 'delivery_failed', delivered: 0 })

    await browser.post(`/admin/orders/${outOfStock}/deliver`)
    await browser.post(`/admin/orders/${outOfStock}/fail-delivery`)
    await vi.waitFor(() =>
      expect(eventsFor(outOfStock).map((e) => e.body.type)).toEqual([
        'order.paid',
        'order.delivery_failed',
        'order.delivered',
        'order.delivery_failed',
      ]),
    )
  })

  it('pushes order.refunded after a refund from Kefu', async () => {
    const browser = t.browser()
    const orderNo = await buy(browser, 4)
    await pay(browser, orderNo)
    const res = await t.webhook('order.action', {
      orderNo,
      action: 'refund',
      amount: { value: '10.00', currency: 'CNY' },
      reason: 'partial refund',
      actor: { type: 'agent', id: 'agt_1' },
      idempotencyKey: `refund_${orderNo}`,
    })
    expect(res.status).toBe(200)
    await vi.waitFor(() => expect(eventsFor(orderNo).map((e) => e.body.type)).toContain('order.refunded'))
    expect(eventsFor(orderNo).at(-1)?.body.order?.status).toBe('refunded')
  })
})

describe('when Kefu cannot be reached', () => {
  it('logs one line and the shop carries on', async () => {
    const offline = await startTestShop('http://127.0.0.1:9')
    try {
      const browser = offline.browser()
      const orderNo = await buy(browser, 1)
      await pay(browser, orderNo)
      expect(codesOnPage((await browser.get(`/order/${orderNo}`)).text)).toHaveLength(1)
      await vi.waitFor(
        () => {
          const lines = offline.logs.filter((l) => l.includes(orderNo))
          expect(lines).toHaveLength(2)
          expect(lines[0]).toMatch(/could not push order\.paid .* to Kefu: no answer network_error$/)
        },
        { timeout: 10_000 },
      )
      expect(offline.logs.every((l) => !l.includes('\n    at '))).toBe(true)
    } finally {
      await offline.shop.close()
    }
  })
})

import { describeEachDatabase } from '@kefu/db/testing'
import { type ConversationOrders, errorBodySchema, type ShopDelivery } from '@kefu/protocol'
import { delay, HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createHarness } from '../../testing/harness.ts'
import { agentRequest, clientId, openVisitor } from '../../testing/visitor.ts'

// A stand-in for shops that misbehave; the real integration runs against examples/demo-shop.
const shopUrl = 'https://broken-shop.test/kefu/webhook'
let behaviour: 'timeout' | '500' | 'not-json' | 'not-an-order' | 'slow-but-ok' = '500'
const server = setupServer(
  http.post(shopUrl, async () => {
    if (behaviour === 'timeout') {
      await delay(2000)
      return HttpResponse.json({ orders: [] })
    }
    if (behaviour === '500') return new HttpResponse('Whoops', { status: 500 })
    if (behaviour === 'not-json') return new HttpResponse('<html>maintenance</html>', { status: 200 })
    if (behaviour === 'not-an-order')
      return HttpResponse.json({ orders: [{ orderNo: 'X', code: 'FULL-CODE-IN-CLEAR' }] })
    return HttpResponse.json({ orders: [] })
  }),
)

beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }))
afterAll(() => server.close())

describeEachDatabase('a misbehaving shop', (database) => {
  const h = createHarness(database, { shopTimeoutMs: 300 })

  async function setup() {
    const shop = await h().newTenant()
    const agent = agentRequest(h(), await shop.login())
    expect(
      (await agent('/v1/shop-connection', { method: 'PUT', body: { webhookUrl: shopUrl } })).status,
    ).toBe(200)
    const v = await openVisitor(h(), shop)
    const { conversation } = await v.start('where is my code')
    const lookup = () =>
      v.request('/v1/widget/orders/lookup', {
        body: { orderNo: 'ABCDEFGH12345678', contact: 'li@example.com' },
      })
    return { shop, agent, v, conversation, lookup }
  }

  const cases = [
    ['timeout', /did not answer within 0.3 s/],
    ['500', /HTTP 500/],
    ['not-json', /not JSON/],
    ['not-an-order', /did not match Kefu's order contract/],
  ] as const

  for (const [mode, message] of cases) {
    it(`tells buyer and agent clearly when the shop ${mode === 'timeout' ? 'times out' : `answers ${mode}`}`, async () => {
      behaviour = mode
      const { agent, lookup, conversation } = await setup()
      const started = Date.now()
      const res = await lookup()
      expect(Date.now() - started).toBeLessThan(1500)
      expect(res.status).toBe(502)
      const body = errorBodySchema.parse(await res.json())
      expect(body.error.code).toBe('shop_error')
      // The buyer gets a short answer; the detail is for agents.
      expect(body.error.message).toContain('an agent will help')
      expect(body.error.message).not.toMatch(message)
      expect(JSON.stringify(body)).not.toContain('FULL-CODE-IN-CLEAR')

      const card = (await (
        await agent(`/v1/conversations/${conversation.id}/orders`)
      ).json()) as ConversationOrders
      expect(card.shop.state).toBe('failing')
      expect(card.shop.message).toMatch(message.source.includes('contract') ? /contract/ : message)

      const log = (await (await agent('/v1/shop-connection/deliveries')).json()) as {
        deliveries: ShopDelivery[]
      }
      expect(log.deliveries[0]).toMatchObject({ kind: 'call', type: 'order.lookup', status: 'failed' })
      // The log says what went wrong, in the same words the agent's card uses.
      expect(log.deliveries[0]?.error).toMatch(mode === 'not-an-order' ? /outside the contract/ : message)
    })
  }

  it('opens the circuit after five failures in a row and stops calling, with a message saying so', async () => {
    behaviour = '500'
    const { agent, lookup, conversation, v } = await setup()
    let calls = 0
    server.events.on('request:start', () => {
      calls++
    })
    // Each look-up is a new contact so the cache cannot answer.
    for (let i = 0; i < 5; i++) {
      const res = await v.request('/v1/widget/orders/lookup', {
        body: { orderNo: `ORDER${i}XXXXXXXXXX`, contact: `c${i}@example.com` },
      })
      expect(res.status).toBe(502)
    }
    const before = calls
    const paused = await lookup()
    expect(paused.status).toBe(503)
    expect(errorBodySchema.parse(await paused.json()).error.message).toContain('an agent will help')
    expect(calls).toBe(before)
    const card = (await (
      await agent(`/v1/conversations/${conversation.id}/orders`)
    ).json()) as ConversationOrders
    expect(card.shop.state).toBe('circuit_open')
    expect(card.shop.message).toMatch(/failed 5 times in a row.*pauses calls/)
    // The inbox counts down to the moment the breaker lets calls through again.
    const resumesIn = Date.parse(card.shop.pausedUntil!) - Date.now()
    expect(resumesIn).toBeGreaterThan(20_000)
    expect(resumesIn).toBeLessThanOrEqual(30_000)
    // Actions are refused too, quickly and clearly, without calling the shop.
    const action = await agent(`/v1/conversations/${conversation.id}/orders/ABCDEFGH12345678/actions`, {
      body: { action: 'resend', reason: 'x', idempotencyKey: `k-${clientId()}` },
    })
    expect(action.status).toBe(503)
    server.events.removeAllListeners()
  })

  it('says the shop is not connected when no webhook URL is set', async () => {
    const shop = await h().newTenant()
    const v = await openVisitor(h(), shop)
    const res = await v.request('/v1/widget/orders/lookup', {
      body: { orderNo: 'ABCDEFGH12345678', contact: 'li@example.com' },
    })
    expect(res.status).toBe(503)
    expect(errorBodySchema.parse(await res.json()).error.message).toContain('an agent will help')
    const agent = agentRequest(h(), await shop.login())
    const { conversation } = await v.start('hi')
    const card = (await (
      await agent(`/v1/conversations/${conversation.id}/orders`)
    ).json()) as ConversationOrders
    expect(card.shop).toMatchObject({ state: 'not_configured' })
    expect(card.shop.message).toMatch(/not connected/)
  })

  it('limits look-ups per visitor against enumeration', async () => {
    behaviour = 'slow-but-ok'
    const { v } = await setup()
    const statuses: number[] = []
    for (let i = 0; i < 12; i++) {
      statuses.push(
        (
          await v.request('/v1/widget/orders/lookup', {
            body: { orderNo: `GUESS${i}XXXXXXXXXXX`, contact: 'li@example.com' },
          })
        ).status,
      )
    }
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true)
    expect(statuses.slice(10)).toEqual([429, 429])
  })

  it('refuses a webhook URL that is not http(s), and an agent may not change it', async () => {
    const shop = await h().newTenant({ role: 'admin' })
    const admin = agentRequest(h(), await shop.login())
    expect(
      (await admin('/v1/shop-connection', { method: 'PUT', body: { webhookUrl: 'file:///etc/passwd' } }))
        .status,
    ).toBe(400)
    const member = await shop.addMember('agent')
    const agent = agentRequest(h(), await member.login())
    expect(
      (await agent('/v1/shop-connection', { method: 'PUT', body: { webhookUrl: shopUrl } })).status,
    ).toBe(403)
    expect((await agent('/v1/shop-connection/deliveries')).status).toBe(403)
  })
})

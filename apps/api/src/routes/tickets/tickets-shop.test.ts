import { type DemoShop, startDemoShop } from '@kefu/demo-shop'
import type { ShopDelivery, TicketDetail, WidgetSession } from '@kefu/protocol'
import { createKefuClient } from '@kefu/shop-sdk'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestKefu, type TestKefu } from '../../testing/server.ts'
import { clientId, identityHash } from '../../testing/visitor.ts'

/** Tickets between a real Kefu (with its event worker) and the real demo shop, over HTTP. */
describe('tickets and the shop', () => {
  let kefu: TestKefu
  let demo: DemoShop
  let shop: Awaited<ReturnType<TestKefu['newShop']>>
  let owner: string
  const shopLog: string[] = []

  beforeAll(async () => {
    kefu = await startTestKefu({ deliverEvents: true })
    shop = await kefu.newShop({ origins: ['https://shop.example'] })
    demo = await startDemoShop({
      port: 0,
      hostname: '127.0.0.1',
      kefu: { url: kefu.url, ...shop.keys },
      log: (line) => shopLog.push(line),
    })
    owner = await shop.login()
    const saved = await agent('/v1/shop-connection', 'PUT', {
      webhookUrl: `${demo.url}/kefu/webhook`,
      events: ['ticket.created', 'ticket.updated', 'ticket.resolved'],
    })
    expect(saved.status).toBe(200)
  }, 120_000)

  afterAll(async () => {
    await demo?.close()
    await kefu?.close()
  }, 60_000)

  const agent = (path: string, method = 'GET', body?: unknown) =>
    fetch(`${kefu.url}${path}`, {
      method,
      headers: { cookie: owner, ...(body !== undefined && { 'content-type': 'application/json' }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    })

  const until = async (what: string, check: () => boolean | Promise<boolean>) => {
    const deadline = Date.now() + 15_000
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
      await new Promise((r) => setTimeout(r, 100))
    }
  }

  it('signs ticket events to the shop, which verifies them, and lists the customer’s tickets to it', async () => {
    const session = (await (
      await fetch(`${kefu.url}/v1/widget/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'https://shop.example' },
        body: JSON.stringify({ publicKey: shop.keys.publicKey }),
      })
    ).json()) as WidgetSession
    const visitor = (path: string, body: unknown) =>
      fetch(`${kefu.url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${session.visitorToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    const identified = await visitor('/v1/widget/identify', {
      userId: 'u_1001',
      userHash: identityHash(shop.keys.identitySecret, 'u_1001'),
    })
    expect(identified.status).toBe(200)
    const started = await visitor('/v1/widget/conversations', {
      message: { clientId: clientId(), text: '卡密提示已被使用，兑换失败' },
    })
    const { conversation } = (await started.json()) as { conversation: { id: string } }

    const created = await agent('/v1/tickets', 'POST', { conversationId: conversation.id })
    expect(created.status).toBe(201)
    const ticket = (await created.json()) as TicketDetail
    expect(ticket.category).toBe('code_invalid')
    expect((await agent(`/v1/tickets/${ticket.id}`, 'PATCH', { status: 'solved' })).status).toBe(200)

    // The demo shop logs only events whose signature it verified with shop-sdk.
    for (const type of ['ticket.created', 'ticket.updated', 'ticket.resolved']) {
      await until(type, () => shopLog.some((l) => l.includes(`kefu event ${type} dlv_`)))
    }
    await until('the delivery log to say ok', async () => {
      const log = (await (await agent('/v1/shop-connection/deliveries')).json()) as {
        deliveries: ShopDelivery[]
      }
      const events = log.deliveries.filter((d) => d.kind === 'event')
      return events.length === 3 && events.every((d) => d.status === 'ok' && d.httpStatus === 200)
    })

    // The shop asks for the customer's tickets with its secret key, through shop-sdk.
    const client = createKefuClient({ baseUrl: kefu.url, secretKey: shop.keys.secretKey })
    const { tickets } = await client.listTickets('u_1001')
    expect(tickets).toEqual([
      expect.objectContaining({
        id: ticket.id,
        number: ticket.number,
        status: 'solved',
        category: 'code_invalid',
      }),
    ])
    expect((await client.listTickets('u_2002')).tickets).toEqual([])
  })
})

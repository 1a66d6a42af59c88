import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { shopDeliveries } from '@kefu/db'
import { describeEachDatabase } from '@kefu/db/testing'
import { verifySignature } from '@kefu/shop-sdk'
import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createHarness } from '../../testing/harness.ts'
import { agentRequest, openVisitor } from '../../testing/visitor.ts'
import { backoffMs, deliverDueEvents } from './outbox.ts'

interface Received {
  delivery: string
  signatureOk: boolean
  body: { id: string; type: string; created: number; data: Record<string, unknown> }
}

// A real HTTP endpoint that fails the first attempts of each delivery, then accepts.
const received: Received[] = []
let failFirst = 2
let secret = ''
const server = createServer(async (req: IncomingMessage, res) => {
  let raw = ''
  for await (const chunk of req) raw += chunk
  const verdict = await verifySignature({
    rawBody: raw,
    header: String(req.headers['kefu-signature']),
    secrets: secret,
  })
  const body = JSON.parse(raw) as Received['body']
  received.push({ delivery: String(req.headers['kefu-delivery']), signatureOk: verdict.ok, body })
  const attempts = received.filter((r) => r.delivery === body.id).length
  res.writeHead(attempts <= failFirst ? 503 : 200, { 'content-type': 'application/json' })
  res.end('{}')
})
let url = ''
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/kefu/webhook`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

describeEachDatabase('events to the shop', (database) => {
  const h = createHarness(database)

  it('retries with backoff under one delivery id, signed every time, until the shop accepts', async () => {
    const shop = await h().newTenant()
    secret = shop.keys.webhookSecret
    const agent = agentRequest(h(), await shop.login())
    await agent('/v1/shop-connection', {
      method: 'PUT',
      body: { webhookUrl: url, events: ['conversation.created', 'message.created'] },
    })
    const v = await openVisitor(h(), shop)
    const { conversation } = await v.start('hello shop')
    received.length = 0
    failFirst = 2
    const ctx = { db: h().services.db, secrets: h().services.secrets }
    const due = () =>
      h().services.db.execute(
        sql`update shop_deliveries set next_attempt_at = now() where kind = 'event' and status = 'pending' and tenant_id = ${shop.tenantId}`,
      )

    expect(await deliverDueEvents(ctx)).toBeGreaterThanOrEqual(2)
    const pending = await h()
      .services.db.select()
      .from(shopDeliveries)
      .where(eq(shopDeliveries.tenantId, shop.tenantId))
    const events = pending.filter((d) => d.kind === 'event')
    expect(events.map((e) => e.type).sort()).toEqual(['conversation.created', 'message.created'])
    for (const e of events) {
      expect(e).toMatchObject({ status: 'pending', attempts: 1, httpStatus: 503 })
      // Not retried before its backoff.
      expect(e.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now() + 10_000)
    }
    expect(await deliverDueEvents(ctx)).toBe(0)
    await due()
    await deliverDueEvents(ctx)
    await due()
    await deliverDueEvents(ctx)
    const done = (
      await h().services.db.select().from(shopDeliveries).where(eq(shopDeliveries.tenantId, shop.tenantId))
    ).filter((d) => d.kind === 'event')
    expect(done.every((d) => d.status === 'ok' && d.attempts === 3)).toBe(true)

    const message = received.filter((r) => r.body.type === 'message.created')
    expect(message).toHaveLength(3)
    expect(new Set(message.map((m) => m.delivery)).size).toBe(1)
    expect(new Set(message.map((m) => m.body.created)).size).toBe(1)
    expect(message.every((m) => m.signatureOk && m.delivery === m.body.id)).toBe(true)
    expect(message[0]?.body.data).toMatchObject({
      conversationId: conversation.id,
      text: 'hello shop',
      author: { type: 'visitor' },
    })
  })

  it('sends nothing the shop did not subscribe to, and never internal notes', async () => {
    const shop = await h().newTenant()
    const agent = agentRequest(h(), await shop.login())
    await agent('/v1/shop-connection', {
      method: 'PUT',
      body: { webhookUrl: url, events: ['message.created'] },
    })
    const v = await openVisitor(h(), shop)
    const { conversation } = await v.start()
    await agent(`/v1/conversations/${conversation.id}/messages`, {
      body: { clientId: 'note-0000001', text: 'secret note', internal: true },
    })
    await agent(`/v1/conversations/${conversation.id}/messages`, {
      body: { clientId: 'reply-000001', text: 'public reply' },
    })
    const rows = await h()
      .services.db.select()
      .from(shopDeliveries)
      .where(eq(shopDeliveries.tenantId, shop.tenantId))
    expect(rows.map((r) => [r.type, (r.payload as { text?: string }).text])).toEqual([
      ['message.created', 'public reply'],
    ])
  })

  it('backs off exponentially up to a cap', () => {
    const samples = [1, 2, 3, 10, 30].map(backoffMs)
    expect(samples[0]).toBeGreaterThanOrEqual(24_000)
    expect(samples[0]).toBeLessThanOrEqual(36_000)
    expect(samples[1]).toBeGreaterThan(samples[0]! * 1.2)
    expect(samples[4]).toBeLessThanOrEqual(3 * 3600_000 * 1.2)
  })
})

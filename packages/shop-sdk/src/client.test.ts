import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { KefuApiError } from './api-error.ts'
import { createKefuClient, type KefuClientOptions } from './client.ts'

interface Seen {
  method: string
  url: string
  headers: IncomingMessage['headers']
  body: string
  at: number
}
type Reply = { status: number; body?: unknown; headers?: Record<string, string> }

let server: Server | undefined
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())))

/** A real HTTP server that answers with `replies` in order and records every request. */
async function kefu(replies: Reply[]) {
  const seen: Seen[] = []
  server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    let body = ''
    for await (const chunk of req) body += String(chunk)
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body, at: Date.now() })
    const reply = replies[seen.length - 1] ?? { status: 500 }
    res.writeHead(reply.status, { 'Content-Type': 'application/json', ...reply.headers })
    res.end(reply.body === undefined ? '' : JSON.stringify(reply.body))
  })
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve))
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
  const client = (options: Partial<KefuClientOptions> = {}) =>
    createKefuClient({ baseUrl, secretKey: 'sk_test_1', backoff: { baseMs: 1, maxMs: 5 }, ...options })
  return { seen, client }
}

const event = { type: 'order.delivered', orderNo: 'DJK7Q2M9X4LP8W1Z', customerId: 'u_42' } as const
const accepted: Reply = { status: 202, body: { ok: true, notified: false } }
const unavailable: Reply = {
  status: 503,
  body: { error: { code: 'unavailable', message: 'try later', requestId: 'req_503' } },
}

describe('createKefuClient', () => {
  it('sends an event with the secret key and a JSON body', async () => {
    const { seen, client } = await kefu([accepted])
    expect(await client().sendEvent(event)).toEqual({ ok: true, notified: false })
    expect(seen).toHaveLength(1)
    expect(seen[0]?.method).toBe('POST')
    expect(seen[0]?.url).toBe('/v1/shop/events')
    expect(seen[0]?.headers.authorization).toBe('Bearer sk_test_1')
    expect(seen[0]?.headers['content-type']).toBe('application/json')
    expect(JSON.parse(seen[0]?.body ?? '')).toEqual(event)
  })

  it('retries a 503 and then succeeds, keeping the Idempotency-Key', async () => {
    const { seen, client } = await kefu([unavailable, unavailable, accepted])
    expect(await client().sendEvent(event)).toEqual({ ok: true, notified: false })
    expect(seen).toHaveLength(3)
    const keys = seen.map((request) => request.headers['idempotency-key'])
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/)
    expect(new Set(keys).size).toBe(1)
  })

  it('gives a new Idempotency-Key to each call, or the one the caller passes', async () => {
    const { seen, client } = await kefu([accepted, accepted, accepted])
    const kefuClient = client()
    await kefuClient.sendEvent(event)
    await kefuClient.sendEvent(event)
    await kefuClient.sendEvent(event, { idempotencyKey: 'order-DJK7-delivered' })
    const keys = seen.map((request) => request.headers['idempotency-key'])
    expect(keys[0]).not.toBe(keys[1])
    expect(keys[2]).toBe('order-DJK7-delivered')
  })

  it('gives up after `retries` retries with the last error', async () => {
    const { seen, client } = await kefu([unavailable, unavailable, unavailable])
    const failure = client({ retries: 2 }).sendEvent(event)
    await expect(failure).rejects.toMatchObject({ status: 503, code: 'unavailable', requestId: 'req_503' })
    expect(seen).toHaveLength(3)
  })

  it('does not retry a 400 and surfaces Kefu’s error body', async () => {
    const invalid = {
      status: 400,
      body: {
        error: {
          code: 'validation_failed',
          message: 'orderNo: unknown order',
          requestId: 'req_1',
          field: 'orderNo',
        },
      },
    }
    const { seen, client } = await kefu([invalid, accepted])
    const error = await client()
      .sendEvent(event)
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(KefuApiError)
    expect(error).toMatchObject({
      status: 400,
      code: 'validation_failed',
      message: 'orderNo: unknown order',
      requestId: 'req_1',
      field: 'orderNo',
    })
    expect(seen).toHaveLength(1)
  })

  it('honours Retry-After on 429', async () => {
    const limited = {
      status: 429,
      headers: { 'Retry-After': '1' },
      body: { error: { code: 'rate_limited', message: 'slow down' } },
    }
    const { seen, client } = await kefu([limited, accepted])
    await client().sendEvent(event)
    expect(seen).toHaveLength(2)
    const waited = (seen[1]?.at ?? 0) - (seen[0]?.at ?? 0)
    expect(waited).toBeGreaterThanOrEqual(950)
  })

  it('fails at once when Retry-After is longer than it is willing to wait', async () => {
    const limited = {
      status: 429,
      headers: { 'Retry-After': '3600' },
      body: { error: { code: 'rate_limited', message: 'later' } },
    }
    const { seen, client } = await kefu([limited, accepted])
    await expect(client().sendEvent(event)).rejects.toMatchObject({ status: 429, code: 'rate_limited' })
    expect(seen).toHaveLength(1)
  })

  it('retries network errors, then reports them', async () => {
    let calls = 0
    const failingFetch: typeof fetch = async () => {
      calls++
      throw new TypeError('fetch failed')
    }
    const kefuClient = createKefuClient({
      baseUrl: 'http://kefu.invalid',
      secretKey: 'sk_test_1',
      fetch: failingFetch,
      retries: 2,
      backoff: { baseMs: 1 },
    })
    await expect(kefuClient.sendEvent(event)).rejects.toMatchObject({ status: 0, code: 'network_error' })
    expect(calls).toBe(3)
  })

  it('refuses a body outside the contract before sending anything', async () => {
    const { seen, client } = await kefu([accepted])
    const tooLong = { customerId: 'u_42', text: 'x'.repeat(4001) }
    await expect(client().sendMessage(tooLong)).rejects.toMatchObject({ status: 0, code: 'invalid_request' })
    expect(seen).toHaveLength(0)
  })

  it('lists tickets and erases a customer on the documented paths', async () => {
    const tickets = {
      tickets: [
        {
          id: 'tkt_1',
          status: 'open',
          orderNos: ['DJK7Q2M9X4LP8W1Z'],
          createdAt: '2025-11-20T10:00:00Z',
          updatedAt: '2025-11-20T10:05:00Z',
        },
      ],
    }
    const erased = {
      customerId: 'u/42',
      erased: { conversations: 1, messages: 9, tickets: 1, attachments: 0 },
    }
    const { seen, client } = await kefu([
      { status: 200, body: tickets },
      { status: 200, body: erased },
    ])
    const kefuClient = client()
    expect(await kefuClient.listTickets('u 42')).toEqual(tickets)
    expect(await kefuClient.eraseCustomer('u/42')).toEqual(erased)
    expect(seen.map((request) => `${request.method} ${request.url}`)).toEqual([
      'GET /v1/shop/tickets?customerId=u+42',
      'POST /v1/shop/customers/u%2F42/erase',
    ])
    expect(seen[0]?.headers['idempotency-key']).toBeUndefined()
  })

  it('reports an answer outside the contract', async () => {
    const { client } = await kefu([{ status: 200, body: { hello: 'world' } }])
    await expect(
      client().sendMessage({ customerId: 'u_42', text: 'Your code was re-sent' }),
    ).rejects.toMatchObject({
      code: 'invalid_response',
    })
  })

  it('refuses a key that is not a secret key', () => {
    expect(() => createKefuClient({ baseUrl: 'http://x', secretKey: 'whsec_abc' })).toThrow(TypeError)
  })
})

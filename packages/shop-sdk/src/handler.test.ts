import type {
  Order,
  OrderActionData,
  OrderActionResponse,
  OrderLookupResponse,
  WebhookEventEnvelope,
} from '@kefu/protocol/shop'
import { describe, expect, it } from 'vitest'
import { createWebhookHandler, type WebhookHandlerOptions } from './handler.ts'
import { signPayload } from './signature.ts'

const SECRET = 'whsec_current'
const OLD_SECRET = 'whsec_previous'
const NOW = 1764000000

const order: Order = {
  orderNo: 'DJK7Q2M9X4LP8W1Z',
  status: 'delivered',
  rawStatus: '4',
  createdAt: '2025-11-20T10:00:00+08:00',
  amount: { value: '19.90', currency: 'CNY' },
  buyer: { emailMasked: 'l***@example.com' },
  items: [
    { title: 'Steam 50 CNY', quantity: 1, unitPrice: { value: '19.90', currency: 'CNY' }, delivery: 'auto' },
  ],
  codes: [{ masked: 'AB****9Z1Q', fingerprint: 'b'.repeat(64), status: 'delivered' }],
  delivered: 1,
  expected: 1,
  actions: { resend: true, refund: false },
}

const lookupEnvelope = {
  id: 'dlv_lookup1',
  type: 'order.lookup',
  tenant: 'ten_demo',
  created: NOW,
  data: { orderNo: order.orderNo, contact: 'li@example.com' },
}

const actionEnvelope = {
  id: 'dlv_action1',
  type: 'order.action',
  tenant: 'ten_demo',
  created: NOW,
  data: {
    orderNo: order.orderNo,
    action: 'resend',
    reason: 'buyer says the email never arrived',
    actor: { type: 'bot', id: 'bot' },
    idempotencyKey: 'act_1',
  },
}

/** A webhook request as Kefu sends it. */
async function delivery(
  envelope: object,
  {
    secret = SECRET,
    at = NOW,
    body = JSON.stringify(envelope),
  }: { secret?: string; at?: number; body?: string } = {},
): Promise<Request> {
  const id = (envelope as { id?: string }).id ?? 'dlv_none'
  return new Request('https://shop.example/kefu/webhook', {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'Kefu-Signature': await signPayload(secret, body, at),
      'Kefu-Delivery': id,
    },
    body,
  })
}

/** A handler with recording fakes; `overrides` replace any option. */
function setup(overrides: Partial<WebhookHandlerOptions> = {}) {
  const calls = { lookup: [] as unknown[], action: [] as unknown[], events: [] as WebhookEventEnvelope[] }
  const errors: unknown[][] = []
  const handler = createWebhookHandler({
    secret: SECRET,
    now: () => new Date(NOW * 1000),
    logger: { error: (...args) => errors.push(args) },
    lookup: (data): OrderLookupResponse => {
      calls.lookup.push(data)
      return { orders: [order] }
    },
    action: (data): OrderActionResponse => {
      calls.action.push(data)
      return { ok: true, status: 'completed', message: 'Code re-sent to l***@example.com' }
    },
    onEvent: (event) => {
      calls.events.push(event)
    },
    ...overrides,
  })
  return { handler, calls, errors }
}

describe('createWebhookHandler: dispatch', () => {
  it('answers order.lookup with what lookup() returns', async () => {
    const { handler, calls } = setup()
    const response = await handler(await delivery(lookupEnvelope))
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('application/json')
    expect(await response.json()).toEqual({ orders: [order] })
    expect(calls.lookup).toEqual([lookupEnvelope.data])
    expect(calls.action).toEqual([])
  })

  it('answers order.action with what action() returns', async () => {
    const { handler, calls } = setup()
    const response = await handler(await delivery(actionEnvelope))
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({
      ok: true,
      status: 'completed',
      message: 'Code re-sent to l***@example.com',
    })
    expect(calls.action).toEqual([actionEnvelope.data])
    expect(calls.lookup).toEqual([])
  })

  it('passes events to onEvent and acknowledges them', async () => {
    const { handler, calls } = setup()
    const event = {
      id: 'dlv_evt1',
      type: 'ticket.resolved',
      tenant: 'ten_demo',
      created: NOW,
      data: { ticketId: 'tkt_1', status: 'solved', resolvedAt: '2025-11-20T12:00:00Z' },
    }
    const response = await handler(await delivery(event))
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ received: true })
    expect(calls.events).toEqual([event])
  })

  it('acknowledges an event type this SDK does not know yet without calling anything', async () => {
    const { handler, calls } = setup()
    const event = { id: 'dlv_new', type: 'ticket.merged', tenant: 'ten_demo', created: NOW, data: {} }
    const response = await handler(await delivery(event))
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ received: true, ignored: true })
    expect(calls.events).toEqual([])
  })

  it('strips a full code the shop returned by mistake', async () => {
    const leaky = { ...order, codes: [{ ...order.codes[0], code: 'ABCD-EFGH-9Z1Q' }] }
    const { handler } = setup({ lookup: () => ({ orders: [leaky] }) as OrderLookupResponse })
    const response = await handler(await delivery(lookupEnvelope))
    expect(response.status).toBe(200)
    expect(await response.text()).not.toContain('EFGH')
  })
})

describe('createWebhookHandler: shop bugs', () => {
  it('answers 500 with a clear message when lookup() returns a non-Order, and logs it', async () => {
    const notAnOrder = { orders: [{ orderNo: order.orderNo, status: 'paid', amount: 19.9 }] }
    const { handler, errors } = setup({ lookup: () => notAnOrder as unknown as OrderLookupResponse })
    const response = await handler(await delivery(lookupEnvelope))
    expect(response.status).toBe(500)
    const { error } = (await response.json()) as { error: { code: string; message: string } }
    expect(error.code).toBe('shop_response_invalid')
    expect(error.message).toContain('lookup()')
    expect(error.message).toContain('orders.0.status')
    expect(error.message).toContain('orders.0.amount')
    expect(errors).toHaveLength(1)
  })

  it('answers 500 without the stack when action() throws, logs the error, and does not cache it', async () => {
    let attempts = 0
    const { handler, errors } = setup({
      action: () => {
        attempts++
        if (attempts === 1) throw new Error('db down at /srv/shop/app.js:12')
        return { ok: true, status: 'completed', message: 'done' }
      },
    })
    const first = await handler(await delivery(actionEnvelope))
    expect(first.status).toBe(500)
    const text = await first.text()
    expect(text).toContain('handler_failed')
    expect(text).not.toContain('/srv/shop')
    expect(errors[0]?.[1]).toBeInstanceOf(Error)
    // Kefu's retry runs the action again, since nothing was done the first time.
    const retry = await handler(await delivery(actionEnvelope, { at: NOW + 30 }))
    expect(retry.status).toBe(200)
    expect(attempts).toBe(2)
  })

  it('rejects an action answer whose ok contradicts its status', async () => {
    const { handler } = setup({ action: () => ({ ok: false, status: 'completed', message: '' }) })
    const response = await handler(await delivery(actionEnvelope))
    expect(response.status).toBe(500)
    expect(await response.text()).toContain('shop_response_invalid')
  })
})

describe('createWebhookHandler: authentication', () => {
  it.each([
    ['a wrong secret', { secret: 'whsec_wrong' }, 'signature_mismatch'],
    ['an old timestamp', { at: NOW - 301 }, 'timestamp_out_of_range'],
    ['a future timestamp', { at: NOW + 301 }, 'timestamp_out_of_range'],
  ])('answers 401 to %s and calls nothing', async (_name, options, code) => {
    const { handler, calls } = setup()
    const response = await handler(await delivery(lookupEnvelope, options))
    expect(response.status).toBe(401)
    expect(await response.json()).toMatchObject({ error: { code } })
    expect(calls.lookup).toEqual([])
  })

  it('answers 401 to a body changed after signing', async () => {
    const { handler, calls } = setup()
    const signed = await delivery(lookupEnvelope)
    const tampered = JSON.stringify({ ...lookupEnvelope, data: { orderNo: 'OTHER' } })
    const request = new Request(signed.url, { method: 'POST', headers: signed.headers, body: tampered })
    const response = await handler(request)
    expect(response.status).toBe(401)
    expect(await response.json()).toMatchObject({ error: { code: 'signature_mismatch' } })
    expect(calls.lookup).toEqual([])
  })

  it('answers 401 to a missing or malformed signature header', async () => {
    const { handler } = setup()
    const body = JSON.stringify(lookupEnvelope)
    const url = 'https://shop.example/kefu/webhook'
    const missing = await handler(new Request(url, { method: 'POST', body }))
    const malformed = await handler(
      new Request(url, { method: 'POST', body, headers: { 'Kefu-Signature': 'sha256=abc' } }),
    )
    expect(missing.status).toBe(401)
    expect(await missing.json()).toMatchObject({ error: { code: 'signature_missing' } })
    expect(malformed.status).toBe(401)
    expect(await malformed.json()).toMatchObject({ error: { code: 'signature_malformed' } })
  })

  it('accepts the old secret while both are configured, and rejects it once it is dropped', async () => {
    const during = setup({ secret: [SECRET, OLD_SECRET] })
    const signedWithOld = () => delivery(lookupEnvelope, { secret: OLD_SECRET })
    expect((await during.handler(await signedWithOld())).status).toBe(200)
    expect((await during.handler(await delivery(actionEnvelope))).status).toBe(200)

    const after = setup({ secret: [SECRET] })
    const response = await after.handler(await signedWithOld())
    expect(response.status).toBe(401)
    expect(after.calls.lookup).toEqual([])
  })

  it('refuses to start without a secret', () => {
    expect(() => setup({ secret: [] })).toThrow(TypeError)
    expect(() => setup({ secret: '' })).toThrow(TypeError)
  })
})

describe('createWebhookHandler: bad input', () => {
  it('answers 400 to a signed body that is not JSON', async () => {
    const { handler } = setup()
    const response = await handler(await delivery(lookupEnvelope, { body: 'not json' }))
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ error: { code: 'invalid_json' } })
  })

  it('answers 400 naming the failing field of an invalid envelope', async () => {
    const { handler, calls } = setup()
    const bad = { ...actionEnvelope, data: { ...actionEnvelope.data, action: 'delete' } }
    const response = await handler(await delivery(bad))
    expect(response.status).toBe(400)
    const { error } = (await response.json()) as { error: { code: string; message: string } }
    expect(error.code).toBe('invalid_payload')
    expect(error.message).toContain('data.action')
    expect(calls.action).toEqual([])
  })

  it('answers 400 when Kefu-Delivery and the body id differ', async () => {
    const { handler } = setup()
    const request = await delivery(lookupEnvelope)
    request.headers.set('Kefu-Delivery', 'dlv_other')
    const response = await handler(request)
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ error: { code: 'delivery_mismatch' } })
  })

  it('answers 405 to GET and 413 to an oversized body', async () => {
    const { handler } = setup({ maxBodyBytes: 100 })
    const get = await handler(new Request('https://shop.example/kefu/webhook'))
    expect(get.status).toBe(405)
    expect(get.headers.get('Allow')).toBe('POST')
    const big = await handler(await delivery(lookupEnvelope))
    expect(big.status).toBe(413)
  })
})

describe('createWebhookHandler: retries and replays', () => {
  it('answers a genuine retry (same id and body, new signature) from the store without running the handler again', async () => {
    const { handler, calls } = setup()
    const first = await handler(await delivery(actionEnvelope))
    const retry = await handler(await delivery(actionEnvelope, { at: NOW + 60 }))
    expect(retry.status).toBe(200)
    expect(await retry.json()).toEqual(await first.json())
    expect(retry.headers.get('Kefu-Replayed')).toBe('true')
    expect(calls.action).toHaveLength(1)
  })

  it('rejects a different body under a delivery id already handled', async () => {
    const { handler, calls } = setup()
    expect((await handler(await delivery(actionEnvelope))).status).toBe(200)
    const refund = {
      ...actionEnvelope,
      data: { ...actionEnvelope.data, action: 'refund', idempotencyKey: 'act_2' },
    }
    const replay = await handler(await delivery(refund))
    expect(replay.status).toBe(409)
    expect(await replay.json()).toMatchObject({ error: { code: 'delivery_replayed' } })
    expect(calls.action).toHaveLength(1)
  })

  /** An action that blocks until released, and tells when it has started. */
  function slowAction() {
    const runs: OrderActionData[] = []
    let started = () => {}
    let release = () => {}
    const running = new Promise<void>((resolve) => {
      started = resolve
    })
    const finished = new Promise<void>((resolve) => {
      release = resolve
    })
    const action = async (data: OrderActionData): Promise<OrderActionResponse> => {
      runs.push(data)
      started()
      await finished
      return { ok: true, status: 'completed', message: 'done' }
    }
    return { action, runs, running, release }
  }

  it('lets a retry that overtakes a slow first attempt wait for it instead of acting twice', async () => {
    const slow = slowAction()
    const { handler } = setup({ action: slow.action })
    const first = handler(await delivery(actionEnvelope))
    await slow.running
    const retry = handler(await delivery(actionEnvelope, { at: NOW + 5 }))
    slow.release()
    const [a, b] = await Promise.all([first, retry])
    expect([a.status, b.status]).toEqual([200, 200])
    expect(await b.json()).toEqual(await a.json())
    expect(slow.runs).toHaveLength(1)
  })

  it('rejects a different body under the id of a delivery still being handled', async () => {
    const slow = slowAction()
    const { handler } = setup({ action: slow.action })
    const first = handler(await delivery(actionEnvelope))
    await slow.running
    const refund = { ...actionEnvelope, data: { ...actionEnvelope.data, action: 'refund' } }
    const second = await handler(await delivery(refund))
    slow.release()
    expect(second.status).toBe(409)
    expect((await first).status).toBe(200)
    expect(slow.runs).toHaveLength(1)
  })

  it('uses a pluggable replay store shared by several handler instances', async () => {
    const shared = new Map<string, { bodyHash: string; status: number; body: string }>()
    const replayStore = {
      get: async (id: string) => shared.get(id),
      set: async (id: string, record: { bodyHash: string; status: number; body: string }) => {
        shared.set(id, record)
      },
    }
    const one = setup({ replayStore })
    const two = setup({ replayStore })
    expect((await one.handler(await delivery(actionEnvelope))).status).toBe(200)
    const retry = await two.handler(await delivery(actionEnvelope, { at: NOW + 60 }))
    expect(retry.status).toBe(200)
    expect(two.calls.action).toHaveLength(0)
    expect([...shared.keys()]).toEqual(['dlv_action1'])
  })
})

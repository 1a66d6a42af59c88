import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { createWebhookHandler } from './handler.ts'
import { toNodeListener } from './node.ts'
import { signPayload } from './signature.ts'

const SECRET = 'whsec_node'
const envelope = {
  id: 'dlv_node1',
  type: 'order.lookup',
  tenant: 'ten_demo',
  created: 1764000000,
  data: { orderNo: 'NOPE', contact: 'li@example.com' },
}
const body = JSON.stringify(envelope)

const handler = createWebhookHandler({
  secret: SECRET,
  lookup: () => ({ orders: [] }),
  action: () => ({ ok: false, status: 'rejected', message: 'not allowed' }),
})

let server: Server | undefined
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())))

/** Serves `listener` after running `before` (standing in for Express middleware). */
async function serve(
  before: (req: IncomingMessage & { body?: unknown; _body?: boolean }) => Promise<void> | void,
  errors: unknown[][] = [],
): Promise<string> {
  const listener = toNodeListener(handler, { logger: { error: (...args) => errors.push(args) } })
  server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    await before(req)
    await listener(req, res)
  })
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/kefu/webhook`
}

async function post(url: string, signedBody = body, sentBody = body): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'Kefu-Signature': await signPayload(SECRET, signedBody),
      'Kefu-Delivery': envelope.id,
    },
    body: sentBody,
  })
}

describe('toNodeListener', () => {
  it('serves the handler on node:http, reading the raw body', async () => {
    const url = await serve(() => {})
    const response = await post(url)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/json')
    expect(await response.json()).toEqual({ orders: [] })
  })

  it('still checks the signature', async () => {
    const url = await serve(() => {})
    const response = await post(url, body, body.replace('NOPE', 'NOPF'))
    expect(response.status).toBe(401)
  })

  it('uses a body that express.raw() kept as bytes', async () => {
    const url = await serve(async (req) => {
      const chunks: Uint8Array[] = []
      for await (const chunk of req) chunks.push(chunk as Uint8Array)
      req.body = Buffer.concat(chunks)
    })
    expect((await post(url)).status).toBe(200)
  })

  it('says clearly that express.json() ran first', async () => {
    const errors: unknown[][] = []
    const url = await serve(async (req) => {
      let text = ''
      for await (const chunk of req) text += String(chunk)
      req.body = JSON.parse(text)
      req._body = true
    }, errors)
    const response = await post(url)
    expect(response.status).toBe(500)
    const { error } = (await response.json()) as { error: { code: string; message: string } }
    expect(error.code).toBe('raw_body_unavailable')
    expect(error.message).toContain('express.json()')
    expect(String(errors[0]?.[0])).toContain('express.raw')
  })
})

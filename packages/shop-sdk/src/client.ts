/**
 * Typed client for the Shop API (shop backend → Kefu, `Authorization: Bearer sk_…`).
 * Bodies are checked against the protocol schemas before sending; transient failures
 * (network, timeout, 429, 5xx) are retried with exponential backoff and jitter under one
 * `Idempotency-Key`, so a retried POST never acts twice.
 */
import {
  customerIdSchema,
  type ShopEraseResponse,
  type ShopEventRequest,
  type ShopEventResponse,
  type ShopMessageRequest,
  type ShopMessageResponse,
  type ShopTicketsResponse,
  shopEraseResponseSchema,
  shopEventRequestSchema,
  shopEventResponseSchema,
  shopMessageRequestSchema,
  shopMessageResponseSchema,
  shopTicketsResponseSchema,
} from '@kefu/protocol/shop'
import type { z } from 'zod'
import { KefuApiError } from './api-error.ts'
import { describeIssues } from './issues.ts'
import { retryDelayMs } from './retry.ts'

export interface KefuClientOptions {
  /** Where Kefu runs, e.g. `https://kefu.example.com`. */
  baseUrl: string
  /** The tenant's `sk_…` secret key. */
  secretKey: string
  fetch?: typeof fetch
  /** Retries after the first attempt. Default 3. */
  retries?: number
  /** Per attempt. Default 10 s. */
  timeoutMs?: number
  /** Backoff before retry n (0-based) is `min(maxMs, baseMs · 2ⁿ)`, jittered to 50–100 %. */
  backoff?: { baseMs?: number; maxMs?: number }
  /** A `Retry-After` longer than this fails at once instead of waiting. Default 60 s. */
  maxRetryAfterMs?: number
}

export interface CallOptions {
  /** Reuse a key to make a call you repeat yourself idempotent; default: a new UUID per call. */
  idempotencyKey?: string
  signal?: AbortSignal
}

export interface KefuClient {
  /** `POST /v1/shop/events`: an order was paid, delivered, failed delivery or refunded. */
  sendEvent(event: ShopEventRequest, options?: CallOptions): Promise<ShopEventResponse>
  /** `POST /v1/shop/messages`: a proactive message to a customer. */
  sendMessage(message: ShopMessageRequest, options?: CallOptions): Promise<ShopMessageResponse>
  /** `GET /v1/shop/tickets?customerId=`: the customer's tickets, newest first. */
  listTickets(customerId: string, options?: CallOptions): Promise<ShopTicketsResponse>
  /** `POST /v1/shop/customers/:id/erase`: delete the customer's data (privacy request). */
  eraseCustomer(customerId: string, options?: CallOptions): Promise<ShopEraseResponse>
}

interface Call<T> {
  method: 'GET' | 'POST'
  path: string
  body?: unknown
  response: z.ZodType<T>
  options: CallOptions | undefined
}

export function createKefuClient(clientOptions: KefuClientOptions): KefuClient {
  const { secretKey } = clientOptions
  if (!secretKey.startsWith('sk_')) {
    throw new TypeError('createKefuClient: secretKey must be the tenant secret key (sk_…)')
  }
  const baseUrl = clientOptions.baseUrl.replace(/\/+$/, '')
  const fetchImpl = clientOptions.fetch ?? globalThis.fetch
  const retries = clientOptions.retries ?? 3
  const timeoutMs = clientOptions.timeoutMs ?? 10_000
  const maxRetryAfterMs = clientOptions.maxRetryAfterMs ?? 60_000
  const backoff = { baseMs: 250, maxMs: 8_000, ...clientOptions.backoff }

  async function call<T>({ method, path, body, response: schema, options }: Call<T>): Promise<T> {
    const headers = new Headers({ Authorization: `Bearer ${secretKey}`, Accept: 'application/json' })
    if (method === 'POST') {
      headers.set('Content-Type', 'application/json')
      headers.set('Idempotency-Key', options?.idempotencyKey ?? globalThis.crypto.randomUUID())
    }
    const payload = body === undefined ? undefined : JSON.stringify(body)

    for (let attempt = 0; ; attempt++) {
      const canRetry = attempt < retries
      const signals = [AbortSignal.timeout(timeoutMs), ...(options?.signal ? [options.signal] : [])]
      let response: Response
      try {
        response = await fetchImpl(`${baseUrl}${path}`, {
          method,
          headers,
          body: payload,
          signal: AbortSignal.any(signals),
        })
      } catch (error) {
        if (options?.signal?.aborted) throw error
        if (!canRetry) throw networkError(error, `${method} ${path}`)
        await sleep(retryDelayMs(attempt, backoff))
        continue
      }

      if (response.ok) return parseAnswer(response, schema, `${method} ${path}`)
      const transient = response.status === 429 || response.status >= 500
      const wait = transient && canRetry ? retryDelayMs(attempt, backoff, response) : undefined
      if (wait === undefined || wait > maxRetryAfterMs) throw await KefuApiError.fromResponse(response)
      await response.body?.cancel()
      await sleep(wait)
    }
  }

  return {
    sendEvent: async (event, options) =>
      call({
        method: 'POST',
        path: '/v1/shop/events',
        body: checkBody(shopEventRequestSchema, event, 'sendEvent'),
        response: shopEventResponseSchema,
        options,
      }),
    sendMessage: async (message, options) =>
      call({
        method: 'POST',
        path: '/v1/shop/messages',
        body: checkBody(shopMessageRequestSchema, message, 'sendMessage'),
        response: shopMessageResponseSchema,
        options,
      }),
    listTickets: async (customerId, options) => {
      const query = new URLSearchParams({
        customerId: checkBody(customerIdSchema, customerId, 'listTickets'),
      })
      return call({
        method: 'GET',
        path: `/v1/shop/tickets?${query}`,
        response: shopTicketsResponseSchema,
        options,
      })
    },
    eraseCustomer: async (customerId, options) => {
      const id = encodeURIComponent(checkBody(customerIdSchema, customerId, 'eraseCustomer'))
      return call({
        method: 'POST',
        path: `/v1/shop/customers/${id}/erase`,
        response: shopEraseResponseSchema,
        options,
      })
    },
  }
}

/** A body outside the contract is refused here, before any request is made. */
function checkBody<T>(schema: z.ZodType<T>, value: unknown, method: string): T {
  const parsed = schema.safeParse(value)
  if (parsed.success) return parsed.data
  throw new KefuApiError({
    status: 0,
    code: 'invalid_request',
    message: `${method}: ${describeIssues(parsed.error)}`,
  })
}

async function parseAnswer<T>(response: Response, schema: z.ZodType<T>, what: string): Promise<T> {
  const text = await response.text()
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  const parsed = schema.safeParse(json)
  if (parsed.success) return parsed.data
  throw new KefuApiError({
    status: response.status,
    code: 'invalid_response',
    message: `${what}: Kefu's answer is not what this SDK expects`,
    requestId: response.headers.get('X-Request-Id') ?? undefined,
  })
}

function networkError(error: unknown, what: string): KefuApiError {
  const timeout = error instanceof Error && error.name === 'TimeoutError'
  return new KefuApiError({
    status: 0,
    code: timeout ? 'timeout' : 'network_error',
    message: `${what}: ${timeout ? 'Kefu did not answer in time' : 'could not reach Kefu'}`,
    cause: error,
  })
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

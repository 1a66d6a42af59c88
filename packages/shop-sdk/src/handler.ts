/**
 * The shop's webhook endpoint as one fetch-style function: `(Request) => Promise<Response>`.
 * Mount it in Hono (`c => handler(c.req.raw)`), Workers, Bun, Deno, or Node via `toNodeListener`.
 */
import {
  type OrderActionData,
  type OrderActionEnvelope,
  type OrderActionResponse,
  type OrderLookupData,
  type OrderLookupEnvelope,
  type OrderLookupResponse,
  orderActionResponseSchema,
  orderLookupResponseSchema,
  type WebhookEnvelope,
  type WebhookEventEnvelope,
  webhookEnvelopeSchema,
} from '@kefu/protocol/shop'
import type { z } from 'zod'
import { sha256Hex } from './hmac.ts'
import { describeIssues } from './issues.ts'
import { createMemoryReplayStore, REPLAY_TTL_SECONDS, type ReplayStore } from './replay-store.ts'
import { SIGNATURE_HEADER, verifySignature } from './signature.ts'
import { isUnknownWebhookType } from './unknown-type.ts'

export const DELIVERY_HEADER = 'Kefu-Delivery'

type MaybePromise<T> = T | Promise<T>

export interface WebhookHandlerOptions {
  /** The `whsec_…` secret, or several during rotation (old and new both accepted). */
  secret: string | readonly string[]
  /**
   * Answers `order.lookup`. Match `contact` yourself: a wrong contact answers `{orders: []}`,
   * exactly like an unknown order. Return masked codes only (`maskCode`, `fingerprintCode`).
   */
  lookup: (data: OrderLookupData, envelope: OrderLookupEnvelope) => MaybePromise<OrderLookupResponse>
  /** Performs `order.action`. Never act twice for one `data.idempotencyKey`. */
  action: (data: OrderActionData, envelope: OrderActionEnvelope) => MaybePromise<OrderActionResponse>
  /** Receives `ticket.*`, `conversation.created`, `message.created`, `csat.submitted`. */
  onEvent?: (event: WebhookEventEnvelope) => MaybePromise<void>
  /** Where answers are remembered for retries; default in memory for 24 h. */
  replayStore?: ReplayStore
  toleranceSeconds?: number
  /** Larger bodies are refused with 413. Default 1 MiB. */
  maxBodyBytes?: number
  /** Where shop bugs (a handler throwing or answering off-contract) are reported. */
  logger?: { error: (...args: unknown[]) => void }
  /** The current time (tests). */
  now?: () => Date
}

export type WebhookHandler = (request: Request) => Promise<Response>

interface Answer {
  status: number
  body: string
  replayed?: boolean
}

/**
 * Builds the handler: verify the signature → parse the envelope → answer a retried delivery
 * from the replay store → dispatch to `lookup` / `action` / `onEvent` → check the shop's answer
 * against the contract. Errors answer `{"error": {"code", "message"}}`.
 */
export function createWebhookHandler(options: WebhookHandlerOptions): WebhookHandler {
  const secrets = typeof options.secret === 'string' ? [options.secret] : [...options.secret]
  if (secrets.length === 0 || secrets.some((secret) => secret.length === 0)) {
    throw new TypeError('createWebhookHandler: configure at least one non-empty webhook secret')
  }
  const replayStore = options.replayStore ?? createMemoryReplayStore()
  const logger = options.logger ?? console
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024
  // Deliveries being handled right now in this process: a retry that overtakes a slow first
  // attempt waits for it instead of running the handler a second time.
  const inFlight = new Map<string, { bodyHash: string; answer: Promise<Answer> }>()

  async function handle(request: Request): Promise<Answer> {
    if (request.method !== 'POST') return fail(405, 'method_not_allowed', 'use POST')
    const rawBody = new Uint8Array(await request.arrayBuffer())
    if (rawBody.byteLength > maxBodyBytes) {
      return fail(413, 'body_too_large', `the body is larger than ${maxBodyBytes} bytes`)
    }

    const check = await verifySignature({
      rawBody,
      header: request.headers.get(SIGNATURE_HEADER),
      secrets,
      toleranceSeconds: options.toleranceSeconds,
      now: options.now?.(),
    })
    if (!check.ok) return fail(401, check.code, check.message)

    let json: unknown
    try {
      json = JSON.parse(new TextDecoder().decode(rawBody))
    } catch {
      return fail(400, 'invalid_json', 'the body is not JSON')
    }
    const parsed = webhookEnvelopeSchema.safeParse(json)
    if (!parsed.success) {
      // A newer Kefu may send event types this SDK does not know yet: acknowledge them so
      // Kefu does not retry for 24 h, instead of failing every delivery.
      if (isUnknownWebhookType(json)) return ok({ received: true, ignored: true })
      return fail(400, 'invalid_payload', describeIssues(parsed.error))
    }
    const envelope = parsed.data
    const deliveryHeader = request.headers.get(DELIVERY_HEADER)
    if (deliveryHeader !== null && deliveryHeader !== envelope.id) {
      return fail(400, 'delivery_mismatch', `${DELIVERY_HEADER} does not match the body's id`)
    }

    const bodyHash = await sha256Hex(rawBody)
    const stored = await replayStore.get(envelope.id)
    if (stored) {
      if (stored.bodyHash !== bodyHash) return replayRejected(envelope.id)
      return { status: stored.status, body: stored.body, replayed: true }
    }
    const running = inFlight.get(envelope.id)
    if (running) {
      if (running.bodyHash !== bodyHash) return replayRejected(envelope.id)
      return { ...(await running.answer), replayed: true }
    }

    const answer = dispatch(envelope)
    inFlight.set(envelope.id, { bodyHash, answer })
    try {
      const result = await answer
      if (result.status >= 200 && result.status < 300) {
        await remember(envelope.id, { bodyHash, status: result.status, body: result.body })
      }
      return result
    } finally {
      inFlight.delete(envelope.id)
    }
  }

  async function dispatch(envelope: WebhookEnvelope): Promise<Answer> {
    switch (envelope.type) {
      case 'order.lookup':
        return callShop('lookup', envelope, orderLookupResponseSchema, () =>
          options.lookup(envelope.data, envelope),
        )
      case 'order.action':
        return callShop('action', envelope, orderActionResponseSchema, () =>
          options.action(envelope.data, envelope),
        )
      default:
        return callShop('onEvent', envelope, null, async () => {
          await options.onEvent?.(envelope)
          return { received: true }
        })
    }
  }

  /** Runs one of the shop's functions; a throw or an off-contract answer is the shop's bug. */
  async function callShop(
    name: string,
    envelope: WebhookEnvelope,
    schema: z.ZodType | null,
    run: () => unknown,
  ): Promise<Answer> {
    let result: unknown
    try {
      result = await run()
    } catch (error) {
      logger.error(`[kefu] ${name}() threw while handling ${envelope.type} ${envelope.id}`, error)
      return fail(500, 'handler_failed', `${name}() threw; see the shop's logs`)
    }
    if (!schema) return ok(result)
    const checked = schema.safeParse(result)
    if (!checked.success) {
      const message = `${name}() answered ${envelope.type} with a value outside the contract: ${describeIssues(checked.error)}`
      logger.error(`[kefu] ${message}`)
      return fail(500, 'shop_response_invalid', message)
    }
    return ok(checked.data)
  }

  async function remember(deliveryId: string, record: { bodyHash: string; status: number; body: string }) {
    try {
      await replayStore.set(deliveryId, record, REPLAY_TTL_SECONDS)
    } catch (error) {
      // The work is done; failing now would make Kefu retry it. Report and answer anyway.
      logger.error(`[kefu] could not store the answer to ${deliveryId} in the replay store`, error)
    }
  }

  return async (request) => {
    let answer: Answer
    try {
      answer = await handle(request)
    } catch (error) {
      logger.error('[kefu] webhook handling failed', error)
      answer = fail(500, 'internal_error', 'the webhook handler failed; see the shop logs')
    }
    const headers = new Headers({ 'Content-Type': 'application/json' })
    if (answer.status === 405) headers.set('Allow', 'POST')
    if (answer.replayed) headers.set('Kefu-Replayed', 'true')
    return new Response(answer.body, { status: answer.status, headers })
  }
}

function ok(value: unknown): Answer {
  return { status: 200, body: JSON.stringify(value) }
}

function fail(status: number, code: string, message: string): Answer {
  return { status, body: JSON.stringify({ error: { code, message } }) }
}

function replayRejected(deliveryId: string): Answer {
  return fail(409, 'delivery_replayed', `${deliveryId} was already handled with a different body`)
}

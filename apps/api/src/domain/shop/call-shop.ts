import { type Db, shopDeliveries } from '@kefu/db'
import { newId } from '@kefu/protocol'
import { signPayload } from '@kefu/shop-sdk'
import { eq } from 'drizzle-orm'
import { KefuError } from '../../errors.ts'
import type { SecretBox } from '../../lib/master-key.ts'
import { liveSecrets } from '../keys.ts'
import { getConnection, shopStatus } from './connection.ts'

export const SHOP_TIMEOUT_MS = 5000

export interface ShopCallContext {
  db: Db
  secrets: SecretBox
  timeoutMs?: number
}

/** One signed POST to the shop's webhook. Throws with a message an agent can act on. */
export async function postToShop(
  ctx: ShopCallContext,
  input: {
    tenantId: string
    webhookUrl: string
    deliveryId: string
    type: string
    data: unknown
    created?: number
  },
): Promise<{ status: number; body: unknown; latencyMs: number }> {
  const [secret] = await liveSecrets(ctx.db, ctx.secrets, input.tenantId, 'webhook')
  if (!secret) throw new KefuError('shop_unavailable', 'This shop has no webhook secret')
  const raw = JSON.stringify({
    id: input.deliveryId,
    type: input.type,
    tenant: input.tenantId,
    created: input.created ?? Math.floor(Date.now() / 1000),
    data: input.data,
  })
  const started = performance.now()
  let response: Response
  try {
    response = await fetch(input.webhookUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'kefu-signature': await signPayload(secret, raw),
        'kefu-delivery': input.deliveryId,
        'user-agent': 'Kefu-Webhook/1',
      },
      body: raw,
      redirect: 'error',
      signal: AbortSignal.timeout(ctx.timeoutMs ?? SHOP_TIMEOUT_MS),
    })
  } catch (err) {
    const latencyMs = Math.round(performance.now() - started)
    const e = err as Error
    const timedOut = e.name === 'TimeoutError' || e.name === 'AbortError'
    throw new ShopCallError(
      timedOut
        ? `the shop did not answer within ${(ctx.timeoutMs ?? SHOP_TIMEOUT_MS) / 1000} s`
        : `the shop could not be reached (${e.message})`,
      null,
      latencyMs,
    )
  }
  const text = await response.text().catch(() => '')
  const latencyMs = Math.round(performance.now() - started)
  if (!response.ok)
    throw new ShopCallError(`the shop answered HTTP ${response.status}`, response.status, latencyMs)
  try {
    return { status: response.status, body: JSON.parse(text) as unknown, latencyMs }
  } catch {
    throw new ShopCallError('the shop answered something that is not JSON', response.status, latencyMs)
  }
}

export class ShopCallError extends Error {
  constructor(
    message: string,
    readonly httpStatus: number | null,
    readonly latencyMs: number,
  ) {
    super(message)
  }
}

/**
 * Calls the shop (`order.lookup`, `order.action`), logs the outcome for the tenant admin, and
 * refuses to call while the circuit breaker is open. `parse` turns the JSON into the contract
 * type or throws: a shop that answers outside the contract is an error, never shown.
 */
export async function callShop<T>(
  ctx: ShopCallContext,
  input: {
    tenantId: string
    type: 'order.lookup' | 'order.action'
    data: unknown
    parse: (body: unknown) => T
  },
): Promise<T> {
  const connection = await getConnection(ctx.db, input.tenantId)
  if (!connection) throw new KefuError('shop_unavailable', (await shopStatus(ctx.db, input.tenantId)).message)
  const status = await shopStatus(ctx.db, input.tenantId)
  if (status.state === 'circuit_open') throw new KefuError('shop_unavailable', status.message)

  const id = newId('delivery')
  await ctx.db
    .insert(shopDeliveries)
    .values({ id, tenantId: input.tenantId, kind: 'call', type: input.type, status: 'pending' })
  const finish = (values: Partial<typeof shopDeliveries.$inferInsert>) =>
    ctx.db
      .update(shopDeliveries)
      .set({ attempts: 1, updatedAt: new Date(), ...values })
      .where(eq(shopDeliveries.id, id))
  try {
    const answer = await postToShop(ctx, {
      tenantId: input.tenantId,
      webhookUrl: connection.webhookUrl,
      deliveryId: id,
      type: input.type,
      data: input.data,
    })
    let parsed: T
    try {
      parsed = input.parse(answer.body)
    } catch (err) {
      const detail = err instanceof Error ? err.message.slice(0, 300) : 'invalid'
      await finish({
        status: 'failed',
        httpStatus: answer.status,
        latencyMs: answer.latencyMs,
        error: `answer outside the contract: ${detail}`,
      })
      throw new KefuError(
        'shop_error',
        "The shop's answer did not match Kefu's order contract; it was not shown. See the delivery log.",
      )
    }
    await finish({ status: 'ok', httpStatus: answer.status, latencyMs: answer.latencyMs })
    return parsed
  } catch (err) {
    if (err instanceof ShopCallError) {
      await finish({
        status: 'failed',
        httpStatus: err.httpStatus,
        latencyMs: err.latencyMs,
        error: err.message,
      })
      throw new KefuError('shop_error', `Could not reach the shop's backend: ${err.message}.`)
    }
    throw err
  }
}

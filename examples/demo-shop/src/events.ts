/**
 * Order events to Kefu (`POST /v1/shop/events`): paid, delivered, delivery failed, refunded.
 * Pushed in the background, one after another in the order they happened; a push that fails
 * is logged in one line and never affects the shop's own flow.
 */
import type { ShopOrderEventType } from '@kefu/protocol/shop'
import { createKefuClient } from '@kefu/shop-sdk'
import type { Sql } from './db.ts'
import { describeKefuError } from './kefu-errors.ts'
import { toKefuOrder } from './order-mapping.ts'
import { findOrder } from './orders.ts'

export interface OrderEventsOptions {
  db: Sql
  kefuUrl: string
  secretKey: string
  /** The newest `whsec_…`, for code fingerprints in the pushed order. */
  webhookSecret: string
  log: (line: string) => void
}

export interface OrderEvents {
  /** Queues the event; returns at once. */
  push(type: ShopOrderEventType, orderNo: string): void
  /** Resolves when every queued push has finished (sent or logged as failed). */
  settled(): Promise<void>
  /** Aborts pushes in flight and waits for the queue to empty. */
  close(): Promise<void>
}

export function createOrderEvents(options: OrderEventsOptions): OrderEvents {
  const client = createKefuClient({
    baseUrl: options.kefuUrl,
    secretKey: options.secretKey,
    retries: 2,
    timeoutMs: 5_000,
  })
  const stop = new AbortController()
  let queue: Promise<void> = Promise.resolve()

  async function send(type: ShopOrderEventType, orderNo: string): Promise<void> {
    if (stop.signal.aborted) return
    const order = await findOrder(options.db, orderNo)
    if (!order) return
    await client.sendEvent(
      {
        type,
        orderNo,
        ...(order.buyerId ? { customerId: order.buyerId } : {}),
        occurredAt: new Date().toISOString(),
        order: await toKefuOrder(order, options.webhookSecret),
      },
      { signal: stop.signal },
    )
  }

  return {
    push(type, orderNo) {
      queue = queue.then(() =>
        send(type, orderNo).catch((error: unknown) => {
          options.log(`[demo-shop] could not push ${type} ${orderNo} to Kefu: ${describeKefuError(error)}`)
        }),
      )
    },
    settled: () => queue,
    async close() {
      stop.abort()
      await queue
    },
  }
}

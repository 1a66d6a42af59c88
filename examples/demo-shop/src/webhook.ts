/** `POST /kefu/webhook`: Kefu's signed calls, answered through shop-sdk's handler. */
import type { PGlite } from '@electric-sql/pglite'
import { createWebhookHandler, type WebhookHandler } from '@kefu/shop-sdk'
import type { OrderEvents } from './events.ts'
import { performKefuAction } from './kefu-actions.ts'
import { lookupOrders } from './kefu-lookup.ts'

export interface KefuWebhookOptions {
  db: PGlite
  /** Newest first: the first one fingerprints codes, all of them verify signatures. */
  webhookSecrets: readonly [string, ...string[]]
  events: OrderEvents
  log: (line: string) => void
}

export function createKefuWebhook(options: KefuWebhookOptions): WebhookHandler {
  const { db, events, log } = options
  const [newestSecret] = options.webhookSecrets
  return createWebhookHandler({
    secret: options.webhookSecrets,
    lookup: async (data) => ({ orders: await lookupOrders(db, data, newestSecret) }),
    action: async (data) => {
      const { answer, events: happened } = await performKefuAction(db, data, newestSecret)
      log(`[demo-shop] kefu ${data.actor.type} ${data.action} ${data.orderNo}: ${answer.status}`)
      for (const type of happened) events.push(type, data.orderNo)
      return answer
    },
    onEvent: (event) => {
      log(`[demo-shop] kefu event ${event.type} ${event.id}`)
    },
    logger: { error: (...args: unknown[]) => log(args.map(String).join(' ')) },
  })
}

/**
 * The signed-in buyer's support tickets, read from Kefu (`GET /v1/shop/tickets?customerId=`)
 * with the shop's secret key while the account page renders. Kefu being away must never break
 * the page: the failure is logged in one line and the page says so in a sentence.
 */
import type { ShopTicket } from '@kefu/protocol/shop'
import { createKefuClient } from '@kefu/shop-sdk'
import { describeKefuError } from './kefu-errors.ts'

export type TicketList = { ok: true; tickets: ShopTicket[] } | { ok: false }

export interface BuyerTickets {
  /** The buyer's tickets, newest first; `{ok: false}` when Kefu could not answer. */
  list(buyerId: string): Promise<TicketList>
}

export function createBuyerTickets(options: {
  kefuUrl: string
  secretKey: string
  log: (line: string) => void
}): BuyerTickets {
  // A page is waiting: one quick try, no retries.
  const client = createKefuClient({
    baseUrl: options.kefuUrl,
    secretKey: options.secretKey,
    retries: 0,
    timeoutMs: 3_000,
  })
  return {
    async list(buyerId) {
      try {
        return { ok: true, tickets: (await client.listTickets(buyerId)).tickets }
      } catch (error) {
        options.log(`[demo-shop] could not load tickets of ${buyerId} from Kefu: ${describeKefuError(error)}`)
        return { ok: false }
      }
    },
  }
}

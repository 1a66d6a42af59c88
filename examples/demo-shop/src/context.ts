/** What the shop's routes share: its database, its Kefu settings, the event pusher, the ticket reader. */
import type { PGlite } from '@electric-sql/pglite'
import type { Buyer } from './buyers.ts'
import type { OrderEvents } from './events.ts'
import type { BuyerTickets } from './kefu-tickets.ts'

export interface KefuSettings {
  /** Where Kefu runs, e.g. `http://localhost:3000`; the widget loads from `${url}/widget.js`. */
  url: string
  publicKey: string
  secretKey: string
  /** Newest first. */
  webhookSecrets: readonly [string, ...string[]]
  identitySecret: string
}

export interface Shop {
  db: PGlite
  kefu: KefuSettings
  events: OrderEvents
  tickets: BuyerTickets
  /** Signs the shop's own cookies (logged-in buyer, unlocked orders, notices). */
  cookieSecret: string
  log: (line: string) => void
}

export type AppEnv = { Variables: { buyer: Buyer | null } }

import type { Db } from '@kefu/db'
import type { Order } from '@kefu/protocol/shop'
import type { TtlCache } from './domain/shop/ttl-cache.ts'
import type { SecretBox } from './lib/master-key.ts'
import type { BlobStorage } from './lib/storage.ts'
import type { RateLimiter } from './lib/token-bucket.ts'
import type { Hub } from './realtime/hub.ts'

/** What route handlers need from the outside world, built once at start and passed in. */
export interface Services {
  db: Db
  secrets: SecretBox
  /** Set the `Secure` cookie flag (Kefu is served over HTTPS). */
  cookieSecure: boolean
  /** Read the client IP from X-Forwarded-For. */
  trustProxy: boolean
  /** Login attempts allowed per 15 minutes. */
  loginLimits: { perIp: number; perEmail: number }
  /** Largest JSON body accepted, in bytes. */
  maxJsonBytes: number
  /** Delivers committed events to sockets in every process. */
  realtime: Hub
  /** Attachment bytes. */
  storage: BlobStorage
  /** Kefu's own origin (where the widget frame and inbox run); derived from the request when unset. */
  publicOrigin: string | undefined
  /** In-memory limits for hot paths (messages, typing); per process. */
  limiter: RateLimiter
  /** Anyone may create a shop with POST /v1/auth/signup (operators of a private deployment turn it off). */
  signupEnabled: boolean
  /** Sends password-reset and invitation links; without SMTP they are printed to the server log. */
  mailer: Mailer
  /** Recent shop look-ups, briefly (per process). */
  orderCache: TtlCache<Order[]>
  /** How long Kefu waits for the shop's backend. */
  shopTimeoutMs: number
  /** The database answers; used by /healthz. */
  ping(): Promise<void>
}

export interface Mailer {
  send(mail: { to: string; subject: string; text: string }): Promise<void>
}

export type AppEnv = {
  Variables: {
    requestId: string
    services: Services
  }
}

import type { Database } from '@kefu/db'
import { randomBase58 } from '@kefu/protocol'
import { sql } from 'drizzle-orm'
import { SHOP_TIMEOUT_MS } from './domain/shop/call-shop.ts'
import { TtlCache } from './domain/shop/ttl-cache.ts'
import type { SecretBox } from './lib/master-key.ts'
import { type BlobStorage, memoryStorage } from './lib/storage.ts'
import { type BucketRule, defaultRules, RateLimiter } from './lib/token-bucket.ts'
import { type Bus, inProcessBus } from './realtime/bus.ts'
import { Hub } from './realtime/hub.ts'
import type { Mailer, Services } from './services.ts'

export const DEFAULT_MAX_JSON_BYTES = 256 * 1024

export interface ServiceOptions {
  cookieSecure?: boolean
  trustProxy?: boolean
  loginLimits?: Services['loginLimits']
  bus?: Bus
  storage?: BlobStorage
  publicOrigin?: string
  rateRules?: Record<string, BucketRule>
  signupEnabled?: boolean
  mailer?: Mailer
  shopTimeoutMs?: number
}

/** Without SMTP, one-time links go to the server log for the operator to pass on. */
export const logMailer: Mailer = {
  async send(mail) {
    console.log(`\n  [mail] to ${mail.to}: ${mail.subject}\n${mail.text.replace(/^/gm, '    ')}\n`)
  },
}

export function buildServices(
  database: Database,
  secrets: SecretBox,
  options: ServiceOptions = {},
): Services {
  const bus = options.bus ?? inProcessBus()
  return {
    realtime: new Hub(database.db, secrets, bus, `proc_${randomBase58(12)}`),
    storage: options.storage ?? memoryStorage(),
    publicOrigin: options.publicOrigin,
    limiter: new RateLimiter(options.rateRules ?? defaultRules),
    orderCache: new TtlCache(30_000),
    shopTimeoutMs: options.shopTimeoutMs ?? SHOP_TIMEOUT_MS,
    db: database.db,
    secrets,
    cookieSecure: options.cookieSecure ?? false,
    trustProxy: options.trustProxy ?? false,
    loginLimits: options.loginLimits ?? { perIp: 30, perEmail: 10 },
    maxJsonBytes: DEFAULT_MAX_JSON_BYTES,
    signupEnabled: options.signupEnabled ?? true,
    mailer: options.mailer ?? logMailer,
    ping: async () => {
      await database.db.execute(sql`select 1`)
    },
  }
}

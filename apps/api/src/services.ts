import type { Db } from '@kefu/db'
import type { SecretBox } from './lib/master-key.ts'

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
  /** The database answers; used by /healthz. */
  ping(): Promise<void>
}

export type AppEnv = {
  Variables: {
    requestId: string
    services: Services
  }
}

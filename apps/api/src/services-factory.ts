import type { Database } from '@kefu/db'
import { sql } from 'drizzle-orm'
import type { SecretBox } from './lib/master-key.ts'
import type { Services } from './services.ts'

export const DEFAULT_MAX_JSON_BYTES = 256 * 1024

export function buildServices(
  database: Database,
  secrets: SecretBox,
  options: { cookieSecure?: boolean; trustProxy?: boolean; loginLimits?: Services['loginLimits'] } = {},
): Services {
  return {
    db: database.db,
    secrets,
    cookieSecure: options.cookieSecure ?? false,
    trustProxy: options.trustProxy ?? false,
    loginLimits: options.loginLimits ?? { perIp: 30, perEmail: 10 },
    maxJsonBytes: DEFAULT_MAX_JSON_BYTES,
    ping: async () => {
      await database.db.execute(sql`select 1`)
    },
  }
}

import { type Database, migrate, openDatabase } from '@kefu/db'
import { lockDataDir, pgliteFolder } from './data-dir.ts'
import type { Env } from './env.ts'

/**
 * Opens (and migrates) the database the environment names: the embedded one in the data folder,
 * PostgreSQL, or Neon. The embedded folder is locked for this process.
 */
export async function openConfiguredDatabase(
  env: Env,
  holder: { holder: 'server' | 'cli'; port?: number },
): Promise<{ database: Database; release: () => void }> {
  const embedded = !env.DATABASE_URL && env.KEFU_DB_DRIVER !== 'postgres' && env.KEFU_DB_DRIVER !== 'neon'
  const release = embedded ? lockDataDir(env.dataDir, holder) : () => {}
  try {
    const database = await openDatabase({
      ...(env.DATABASE_URL && { url: env.DATABASE_URL }),
      ...(env.KEFU_DB_DRIVER && { driver: env.KEFU_DB_DRIVER }),
      ...(embedded && { dataDir: pgliteFolder(env.dataDir) }),
      ...(env.KEFU_NEON_WS_PROXY && { neon: { wsProxy: env.KEFU_NEON_WS_PROXY, useSecureWebSocket: false } }),
    })
    await migrate(database)
    return { database, release }
  } catch (err) {
    release()
    throw err
  }
}

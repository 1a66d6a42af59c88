import { fileURLToPath } from 'node:url'
import type { Database } from './client.ts'

/** The committed SQL migrations, found next to this package whatever the working directory. */
export const migrationsFolder = fileURLToPath(new URL('../migrations', import.meta.url))

// Any constant works; it only has to be the same in every Kefu process.
const MIGRATION_LOCK = 4_242_001

/**
 * Applies every committed migration not yet applied. On a server database it holds an advisory
 * lock, so several API processes starting together migrate once.
 */
export async function migrate(database: Database): Promise<void> {
  const raw = database.raw
  if (raw.driver === 'pglite') {
    const { migrate: run } = await import('drizzle-orm/pglite/migrator')
    const { drizzle } = await import('drizzle-orm/pglite')
    await run(drizzle({ client: raw.pglite }), { migrationsFolder })
    return
  }
  if (raw.driver === 'postgres') {
    const client = await raw.pool.connect()
    const { migrate: run } = await import('drizzle-orm/node-postgres/migrator')
    const { drizzle } = await import('drizzle-orm/node-postgres')
    await underMigrationLock(client, () => run(drizzle({ client }), { migrationsFolder }))
    return
  }
  const client = await raw.pool.connect()
  const { migrate: run } = await import('drizzle-orm/neon-serverless/migrator')
  const { drizzle } = await import('drizzle-orm/neon-serverless')
  await underMigrationLock(client, () => run(drizzle({ client }), { migrationsFolder }))
}

interface LockableClient {
  query(text: string, values: unknown[]): Promise<unknown>
  release(): void
}

async function underMigrationLock(client: LockableClient, work: () => Promise<void>): Promise<void> {
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK])
    await work()
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {})
    client.release()
  }
}

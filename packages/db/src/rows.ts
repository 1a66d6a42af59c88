import type { SQL } from 'drizzle-orm'
import type { Db } from './client.ts'

/** Runs raw SQL and returns its rows, whichever driver answers (they all carry `rows`). */
export async function rows<T extends Record<string, unknown>>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] }
  return result.rows
}

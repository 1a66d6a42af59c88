/** Buyer accounts (dujiaoka has none; many shops add them). Their id is what Kefu's identify gets. */
import type { Sql } from './db.ts'

export interface Buyer {
  id: string
  email: string
  name: string
}

export async function listBuyers(db: Sql): Promise<Buyer[]> {
  return (await db.query<Buyer>('SELECT id, email, name FROM buyers ORDER BY id')).rows
}

export async function findBuyer(db: Sql, id: string): Promise<Buyer | null> {
  const result = await db.query<Buyer>('SELECT id, email, name FROM buyers WHERE id = $1', [id])
  return result.rows[0] ?? null
}

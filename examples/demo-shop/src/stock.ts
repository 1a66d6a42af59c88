/** Codes in stock: selling them to an order, recalling them, restocking. */
import { randomInt } from 'node:crypto'
import type { Sql } from './db.ts'

/** Moves up to `count` available codes to the order, oldest first; returns how many moved. */
export async function sellCodes(db: Sql, productId: number, orderNo: string, count: number): Promise<number> {
  if (count <= 0) return 0
  const result = await db.query<{ id: number }>(
    `UPDATE codes SET state = 'sold', order_no = $2, sold_at = now()
     WHERE id IN (SELECT id FROM codes WHERE product_id = $1 AND state = 'available' ORDER BY id LIMIT $3)
     RETURNING id`,
    [productId, orderNo, count],
  )
  return result.rows.length
}

/** Voids the codes delivered to an order (a revealed code is never resold); returns how many. */
export async function recallCodes(db: Sql, orderNo: string): Promise<number> {
  const result = await db.query<{ id: number }>(
    `UPDATE codes SET state = 'void' WHERE order_no = $1 AND state = 'sold' RETURNING id`,
    [orderNo],
  )
  return result.rows.length
}

export async function addStock(db: Sql, productId: number, codes: readonly string[]): Promise<void> {
  for (const code of codes) {
    await db.query('INSERT INTO codes (product_id, code) VALUES ($1, $2)', [productId, code])
  }
}

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRTVWXYZ2346789'

/** A fresh code in the product's usual shape, for the admin's "restock and deliver". */
export function generateCode(sku: string): string {
  const group = (length: number) =>
    Array.from({ length }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('')
  if (sku.startsWith('APPSTORE')) return `X${group(15)}`
  if (sku.startsWith('WIN')) return Array.from({ length: 5 }, () => group(5)).join('-')
  return Array.from({ length: 3 }, () => group(5)).join('-')
}

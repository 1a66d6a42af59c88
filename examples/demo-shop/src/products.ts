/** The catalogue: products and how many codes each has in stock. */
import type { Sql } from './db.ts'

export interface Product {
  id: number
  sku: string
  titleZh: string
  titleEn: string
  description: string
  priceCents: number
  /** `auto`: codes from stock (dujiaoka type 1); `manual`: topped up by hand (type 2). */
  delivery: 'auto' | 'manual'
  /** Manual products: what the buyer must fill in (e.g. game UID and server). */
  inputLabel: string | null
}

export interface ProductWithStock extends Product {
  /** Codes available; null for manual products, which have no stock. */
  stock: number | null
}

/** The product columns of a join, prefixed `p_` so they do not clash with the order's. */
export function productColumns(alias: string): string {
  return ['id', 'sku', 'title_zh', 'title_en', 'description', 'price_cents', 'delivery', 'input_label']
    .map((column) => `${alias}.${column} AS p_${column}`)
    .join(', ')
}

export function rowToProduct(row: Record<string, unknown>): Product {
  return {
    id: Number(row.p_id),
    sku: String(row.p_sku),
    titleZh: String(row.p_title_zh),
    titleEn: String(row.p_title_en),
    description: String(row.p_description),
    priceCents: Number(row.p_price_cents),
    delivery: row.p_delivery === 'manual' ? 'manual' : 'auto',
    inputLabel: row.p_input_label === null ? null : String(row.p_input_label),
  }
}

const SELECT_WITH_STOCK = `
  SELECT ${productColumns('p')},
         (SELECT count(*)::int FROM codes c WHERE c.product_id = p.id AND c.state = 'available') AS stock
  FROM products p`

function withStock(row: Record<string, unknown>): ProductWithStock {
  const product = rowToProduct(row)
  return { ...product, stock: product.delivery === 'manual' ? null : Number(row.stock) }
}

export async function listProducts(db: Sql): Promise<ProductWithStock[]> {
  const result = await db.query<Record<string, unknown>>(`${SELECT_WITH_STOCK} ORDER BY p.id`)
  return result.rows.map(withStock)
}

export async function findProduct(db: Sql, id: number): Promise<ProductWithStock | null> {
  const result = await db.query<Record<string, unknown>>(`${SELECT_WITH_STOCK} WHERE p.id = $1`, [id])
  const [row] = result.rows
  return row ? withStock(row) : null
}

/** Display title, Chinese first as the shops show it. */
export function productTitle(product: Pick<Product, 'titleZh' | 'titleEn'>): string {
  return `${product.titleZh} / ${product.titleEn}`
}

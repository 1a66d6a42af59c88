/** Fills an empty shop with the demo catalogue, buyers and one order per after-sales case. */
import type { PGlite } from '@electric-sql/pglite'
import type { Sql } from './db.ts'
import { mailCodes } from './mail.ts'
import { kefuStatus } from './order-mapping.ts'
import { newOrderNo } from './order-no.ts'
import { isPaid, ShopStatus, toShopStatus } from './order-status.ts'
import { findOrder } from './orders.ts'
import { type DemoOrderSeed, demoBuyers, demoOrders, demoProducts, demoStock } from './seed-data.ts'
import { addStock, sellCodes } from './stock.ts'

export interface DemoOrder {
  label: string
  orderNo: string
  email: string
  searchPwd: string | null
  buyerId: string | null
  status: string
}

/** Seeds when there are no products yet; either way returns the demo orders to print. */
export async function seedDemoShop(db: PGlite): Promise<DemoOrder[]> {
  const existing = await db.query<{ count: number }>('SELECT count(*)::int AS count FROM products')
  if ((existing.rows[0]?.count ?? 0) === 0) {
    await db.transaction(async (tx) => {
      for (const buyer of demoBuyers) {
        await tx.query('INSERT INTO buyers (id, email, name) VALUES ($1, $2, $3)', [
          buyer.id,
          buyer.email,
          buyer.name,
        ])
      }
      for (const p of demoProducts) {
        await tx.query(
          `INSERT INTO products (id, sku, title_zh, title_en, description, price_cents, delivery, input_label)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [p.id, p.sku, p.titleZh, p.titleEn, p.description, p.priceCents, p.delivery, p.inputLabel],
        )
        await addStock(tx, p.id, demoStock[p.id] ?? [])
      }
      for (const [position, seed] of demoOrders.entries()) await seedOrder(tx, position, seed)
    })
  }
  return listDemoOrders(db)
}

async function seedOrder(db: Sql, position: number, seed: DemoOrderSeed): Promise<void> {
  const product = demoProducts.find((p) => p.id === seed.productId)
  if (!product) throw new Error(`seed order ${seed.label}: no product ${seed.productId}`)
  const status = toShopStatus(seed.status)
  const orderNo = newOrderNo()
  const createdAt = new Date(Date.now() - seed.hoursAgo * 3_600_000)
  const paid = isPaid(status) || status === ShopStatus.refunded
  const total = product.priceCents * seed.quantity
  await db.query(
    `INSERT INTO orders (order_no, product_id, buyer_id, email, contact, search_pwd, buy_ip, info, quantity,
                         unit_cents, total_cents, pay_channel, status, refunded_cents, refund_reason,
                         created_at, paid_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $16)`,
    [
      orderNo,
      product.id,
      seed.buyerId,
      seed.email,
      seed.contact ?? null,
      seed.searchPwd ?? null,
      seed.buyIp,
      seed.info ?? null,
      seed.quantity,
      product.priceCents,
      total,
      seed.payChannel ?? null,
      status,
      status === ShopStatus.refunded ? total : null,
      seed.refundReason ?? null,
      createdAt,
      paid ? new Date(createdAt.getTime() + 90_000) : null,
    ],
  )
  await sellCodes(db, product.id, orderNo, seed.delivered)
  const order = await findOrder(db, orderNo)
  if (order && order.codes.length > 0) await mailCodes(db, order, 'delivery')
  await db.query('INSERT INTO demo_orders (position, label, order_no) VALUES ($1, $2, $3)', [
    position,
    seed.label,
    orderNo,
  ])
}

export async function listDemoOrders(db: Sql): Promise<DemoOrder[]> {
  const result = await db.query<{
    label: string
    order_no: string
    email: string
    search_pwd: string | null
    buyer_id: string | null
    status: number
  }>(
    `SELECT d.label, o.order_no, o.email, o.search_pwd, o.buyer_id, o.status
     FROM demo_orders d JOIN orders o ON o.order_no = d.order_no ORDER BY d.position`,
  )
  return result.rows.map((row) => ({
    label: row.label,
    orderNo: row.order_no,
    email: row.email,
    searchPwd: row.search_pwd,
    buyerId: row.buyer_id,
    status: kefuStatus(toShopStatus(row.status)),
  }))
}

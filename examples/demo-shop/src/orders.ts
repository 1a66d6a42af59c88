/** Reading and creating orders in the shop's own tables. */
import type { Sql } from './db.ts'
import { newOrderNo } from './order-no.ts'
import { type ShopStatus, toShopStatus } from './order-status.ts'
import { type Product, productColumns, rowToProduct } from './products.ts'

/** An order as the shop holds it, with everything in clear. Never send this to Kefu as-is. */
export interface ShopOrder {
  orderNo: string
  status: ShopStatus
  product: Product
  buyerId: string | null
  email: string
  contact: string | null
  searchPwd: string | null
  buyIp: string | null
  info: string | null
  quantity: number
  unitCents: number
  totalCents: number
  payChannel: string | null
  refundedCents: number | null
  refundReason: string | null
  createdAt: Date
  paidAt: Date | null
  /** Delivered codes in clear, oldest first. */
  codes: string[]
}

type OrderRow = Record<string, unknown> & {
  order_no: string
  status: number
  buyer_id: string | null
  email: string
  contact: string | null
  search_pwd: string | null
  buy_ip: string | null
  info: string | null
  quantity: number
  unit_cents: number
  total_cents: number
  pay_channel: string | null
  refunded_cents: number | null
  refund_reason: string | null
  created_at: Date
  paid_at: Date | null
}

const SELECT_ORDER = `
  SELECT o.*, ${productColumns('p')}
  FROM orders o JOIN products p ON p.id = o.product_id`

async function withCodes(db: Sql, rows: OrderRow[]): Promise<ShopOrder[]> {
  if (rows.length === 0) return []
  const codes = await db.query<{ order_no: string; code: string }>(
    `SELECT order_no, code FROM codes WHERE state = 'sold' AND order_no = ANY($1) ORDER BY id`,
    [rows.map((row) => row.order_no)],
  )
  return rows.map((row) => ({
    orderNo: row.order_no,
    status: toShopStatus(row.status),
    product: rowToProduct(row),
    buyerId: row.buyer_id,
    email: row.email,
    contact: row.contact,
    searchPwd: row.search_pwd,
    buyIp: row.buy_ip,
    info: row.info,
    quantity: row.quantity,
    unitCents: row.unit_cents,
    totalCents: row.total_cents,
    payChannel: row.pay_channel,
    refundedCents: row.refunded_cents,
    refundReason: row.refund_reason,
    createdAt: row.created_at,
    paidAt: row.paid_at,
    codes: codes.rows.filter((c) => c.order_no === row.order_no).map((c) => c.code),
  }))
}

export async function findOrder(db: Sql, orderNo: string): Promise<ShopOrder | null> {
  const result = await db.query<OrderRow>(`${SELECT_ORDER} WHERE o.order_no = $1`, [orderNo])
  const [order] = await withCodes(db, result.rows)
  return order ?? null
}

/** A buyer account's newest orders first (the customer-id look-up shows five, like the shops do). */
export async function listBuyerOrders(db: Sql, buyerId: string, limit = 5): Promise<ShopOrder[]> {
  const result = await db.query<OrderRow>(
    `${SELECT_ORDER} WHERE o.buyer_id = $1 ORDER BY o.created_at DESC, o.order_no LIMIT $2`,
    [buyerId, limit],
  )
  return withCodes(db, result.rows)
}

export interface NewOrder {
  product: Product
  quantity: number
  email: string
  searchPwd?: string | null
  contact?: string | null
  buyerId?: string | null
  buyIp?: string | null
  info?: string | null
}

/** Places an unpaid order (dujiaoka status 1) and returns its order number. */
export async function createOrder(db: Sql, order: NewOrder): Promise<string> {
  const orderNo = newOrderNo()
  await db.query(
    `INSERT INTO orders (order_no, product_id, buyer_id, email, contact, search_pwd, buy_ip, info,
                         quantity, unit_cents, total_cents, status)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 1)`,
    [
      orderNo,
      order.product.id,
      order.buyerId ?? null,
      order.email,
      order.contact ?? null,
      order.searchPwd ?? null,
      order.buyIp ?? null,
      order.info ?? null,
      order.quantity,
      order.product.priceCents,
      order.product.priceCents * order.quantity,
    ],
  )
  return orderNo
}

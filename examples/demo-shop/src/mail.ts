/**
 * The shop's email, simulated: every mail is a row in `outbox`, which `/outbox` shows as the
 * buyer's mailbox. Codes go only to the email on file, never to an address from a request.
 */
import type { Sql } from './db.ts'
import type { ShopOrder } from './orders.ts'
import { productTitle } from './products.ts'

export type MailKind = 'delivery' | 'resend'

export interface OutboxMail {
  id: number
  orderNo: string
  toEmail: string
  subject: string
  body: string
  kind: MailKind
  createdAt: Date
}

/** Mails the order's delivered codes to the buyer; returns the outbox id. */
export async function mailCodes(db: Sql, order: ShopOrder, kind: MailKind): Promise<number> {
  const title = productTitle(order.product)
  const subject =
    kind === 'resend'
      ? `【补发】订单 ${order.orderNo} 的卡密 / Your codes again`
      : `订单 ${order.orderNo} 已发货 / Your order has been delivered`
  const body = [
    `您好，`,
    '',
    `${kind === 'resend' ? '应您的要求，我们重新发送' : '感谢购买！以下是'}订单 ${order.orderNo}（${title} × ${order.quantity}）的卡密：`,
    '',
    ...order.codes.map((code, index) => `  ${index + 1}. ${code}`),
    '',
    order.codes.length < order.quantity
      ? `已发 ${order.codes.length} / ${order.quantity} 件，其余补货后发出。`
      : '请妥善保管，卡密一经发出不可退换。',
    '',
    '— 星河数卡 Galaxy Cards',
  ].join('\n')
  const result = await db.query<{ id: number }>(
    `INSERT INTO outbox (order_no, to_email, subject, body, kind) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [order.orderNo, order.email, subject, body, kind],
  )
  return result.rows[0]!.id
}

export async function listOutbox(db: Sql, limit = 50): Promise<OutboxMail[]> {
  const result = await db.query<{
    id: number
    order_no: string
    to_email: string
    subject: string
    body: string
    kind: MailKind
    created_at: Date
  }>('SELECT * FROM outbox ORDER BY id DESC LIMIT $1', [limit])
  return result.rows.map((row) => ({
    id: row.id,
    orderNo: row.order_no,
    toEmail: row.to_email,
    subject: row.subject,
    body: row.body,
    kind: row.kind,
    createdAt: row.created_at,
  }))
}

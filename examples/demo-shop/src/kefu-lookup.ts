/**
 * Kefu's `order.lookup`. With a contact (a buyer asking through the widget) a wrong contact
 * answers exactly like an unknown order. Without one, the request can only come from Kefu on
 * behalf of the shop's own agents (Kefu never lets a buyer look up without a contact or a
 * verified identity, and only Kefu holds the webhook secret), so the order number suffices.
 */
import type { Order, OrderLookupData } from '@kefu/protocol/shop'
import type { Sql } from './db.ts'
import { toKefuOrder } from './order-mapping.ts'
import { findOrder, listBuyerOrders, type ShopOrder } from './orders.ts'

/** The buyer typed the email or contact (QQ / phone) on the order; case and spaces do not matter. */
export function contactMatches(order: Pick<ShopOrder, 'email' | 'contact'>, typed: string): boolean {
  const value = typed.trim().toLowerCase()
  if (value.length === 0) return false
  return [order.email, order.contact].some((known) => known !== null && known.trim().toLowerCase() === value)
}

export async function lookupOrders(db: Sql, data: OrderLookupData, webhookSecret: string): Promise<Order[]> {
  let orders: ShopOrder[]
  if ('customerId' in data) {
    // Kefu sends a customer id only for a visitor whose identity hash it verified.
    orders = await listBuyerOrders(db, data.customerId, 5)
  } else {
    const order = await findOrder(db, data.orderNo.toUpperCase())
    orders = order && (data.contact === undefined || contactMatches(order, data.contact)) ? [order] : []
  }
  return Promise.all(orders.map((order) => toKefuOrder(order, webhookSecret)))
}

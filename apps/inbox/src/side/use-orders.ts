import type { ConversationOrders, LinkedOrder, OrderActionRequest, OrderActionResult } from '@kefu/protocol'
import type { Order } from '@kefu/protocol/shop'
import { useEffect, useRef, useState } from 'preact/hooks'
import { api } from '../lib/api.ts'
import { onOrderUpdate } from '../lib/order-events.ts'
import { loadConversationTicket } from '../tickets/conversation-ticket.ts'

export type OrderCard = ConversationOrders

const base = (conversationId: string) => `/v1/conversations/${encodeURIComponent(conversationId)}/orders`

/** Puts `order` in the list in place of its older self (or first, when new). */
function upsert(orders: LinkedOrder[], order: Order, source: LinkedOrder['source']): LinkedOrder[] {
  const updatedAt = new Date().toISOString()
  const found = orders.some((o) => o.order.orderNo === order.orderNo)
  return found
    ? orders.map((o) => (o.order.orderNo === order.orderNo ? { ...o, order, updatedAt } : o))
    : [{ order, source, updatedAt }, ...orders]
}

/**
 * The order card of one conversation: loads it, follows `order.updated` live, and runs
 * look-ups and actions (whose errors the caller shows; the shop status is reloaded after one).
 */
export function useConversationOrders(conversationId: string) {
  const [card, setCard] = useState<OrderCard | null>(null)
  const [loadError, setLoadError] = useState<unknown>(null)
  const openId = useRef(conversationId)
  openId.current = conversationId

  /** Answers for a conversation that is no longer open are dropped. */
  const reload = async () => {
    const id = conversationId
    try {
      const next = await api<OrderCard>(base(id))
      if (openId.current !== id) return
      setCard(next)
      setLoadError(null)
    } catch (err) {
      if (openId.current === id) setLoadError(err)
    }
  }

  useEffect(() => {
    setCard(null)
    setLoadError(null)
    void reload()
    const off = onOrderUpdate((update) => {
      if (update === null) return void reload()
      if (update.conversationId !== conversationId) return
      setCard((cur) => cur && { ...cur, orders: upsert(cur.orders, update.order, 'shop') })
    })
    return off
  }, [conversationId])

  const apply = (order: Order) =>
    setCard((cur) => cur && { ...cur, orders: upsert(cur.orders, order, 'agent') })

  const lookup = async (orderNo: string): Promise<Order[]> => {
    try {
      const { orders } = await api<{ orders: Order[] }>(`${base(conversationId)}/lookup`, {
        body: { orderNo },
      })
      for (const order of [...orders].reverse()) apply(order)
      // A linked order joins the orders a new ticket is prefilled with.
      if (orders.length > 0) void loadConversationTicket(conversationId)
      return orders
    } finally {
      void reload()
    }
  }

  const act = async (orderNo: string, request: OrderActionRequest): Promise<OrderActionResult> => {
    try {
      const result = await api<OrderActionResult>(
        `${base(conversationId)}/${encodeURIComponent(orderNo)}/actions`,
        { body: request },
      )
      if (result.order) apply(result.order)
      return result
    } catch (err) {
      void reload()
      throw err
    }
  }

  return { card, loadError, reload, lookup, act }
}

import type { Order } from '@kefu/protocol/shop'
import type { WidgetApi } from './api.ts'
import type { ChatState } from './state.ts'
import type { Store } from './store.ts'

export interface Orders {
  /** A verified buyer's recent orders; throws (403) for anyone else. */
  mine(): Promise<Order[]>
  /**
   * Looks an order up by number and checkout contact, for the open thread: the conversation is
   * created first if the thread is new, so the agent sees the order beside it. False: not found.
   */
  lookup(orderNo: string, contact: string): Promise<boolean>
  /** A verified buyer picked one of their orders: show it, and put it beside the conversation for the agent. */
  pick(order: Order): Promise<void>
}

/** The buyer's orders in the open thread, shown there as a card after its latest message. */
export function createOrders(
  store: Store<ChatState>,
  api: WidgetApi,
  conversationId: (threadId: string) => Promise<string>,
): Orders {
  const show = (order: Order, id: string) =>
    store.update((s) => ({
      ...s,
      cards: { ...s.cards, [id]: { order, after: s.messages[id]?.at(-1)?.seq ?? 0 } },
    }))
  return {
    mine: async () => (await api.myOrders()).orders,
    async lookup(orderNo, contact) {
      const view = store.get().view
      if (view?.kind !== 'thread') return false
      const id = await conversationId(view.id)
      const [order] = (await api.lookupOrder({ orderNo, contact, conversationId: id })).orders
      if (order) show(order, id)
      return !!order
    },
    async pick(order) {
      const view = store.get().view
      if (view?.kind !== 'thread') return
      show(order, view.id)
      const id = await conversationId(view.id)
      // The card is already shown; if linking fails the agent still finds it in the buyer's orders.
      await api.linkOrder({ orderNo: order.orderNo, conversationId: id }).catch(() => {})
    },
  }
}

export interface OrderCardProps {
  /** The order number from `kefu('order', …)` or picked by the buyer. */
  orderId: string
  /** Filled by the orders issue from the shop's look-up: status, items, amount, delivered codes (masked). */
  order?: {
    status: string
    title: string
    amount: string
    paidAt: string | null
  }
  onPick?: () => void
}

/** Slot: the order the buyer is asking about. Empty until the order look-up exists. */
export function OrderCard(_props: OrderCardProps) {
  return null
}

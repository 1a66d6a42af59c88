/**
 * The shop's own order statuses: dujiaoka's numbers, plus 7 for a refund (dujiaoka has no
 * refunded state; shops track it by hand).
 */
export const ShopStatus = {
  expired: -1,
  awaitingPayment: 1,
  pending: 2,
  processing: 3,
  completed: 4,
  failed: 5,
  abnormal: 6,
  refunded: 7,
} as const
export type ShopStatus = (typeof ShopStatus)[keyof typeof ShopStatus]

const labels: Record<ShopStatus, { en: string; zh: string }> = {
  [-1]: { en: 'expired', zh: '已过期' },
  1: { en: 'awaiting payment', zh: '待支付' },
  2: { en: 'pending', zh: '待处理' },
  3: { en: 'processing', zh: '处理中' },
  4: { en: 'completed', zh: '已完成' },
  5: { en: 'failed', zh: '失败' },
  6: { en: 'abnormal', zh: '异常' },
  7: { en: 'refunded', zh: '已退款' },
}

export function statusLabel(status: ShopStatus): { en: string; zh: string } {
  return labels[status]
}

/** Money has reached the shop and has not gone back. */
export function isPaid(status: ShopStatus): boolean {
  return (
    status === ShopStatus.pending ||
    status === ShopStatus.processing ||
    status === ShopStatus.completed ||
    status === ShopStatus.abnormal
  )
}

export function toShopStatus(value: number): ShopStatus {
  if (value in labels) return value as ShopStatus
  throw new Error(`unknown order status ${value}`)
}

import type { ShopOrderEventType } from '@kefu/protocol/shop'

/**
 * The outcome of something done to an order: refused with a code and a message a person can
 * read, or done, with the order events Kefu should hear about.
 */
export type OrderChange =
  | { ok: true; message: string; events: ShopOrderEventType[] }
  | { ok: false; code: string; message: string }

export function refused(code: string, message: string): OrderChange {
  return { ok: false, code, message }
}

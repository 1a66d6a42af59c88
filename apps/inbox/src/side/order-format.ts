import type { Money } from '@kefu/protocol/shop'
import type { Locale } from '../lib/i18n.ts'

/** "¥19.90" / "CN¥19.90": the shop's decimal string in the agent's language. */
export function money(m: Money, locale: Locale): string {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency: m.currency }).format(Number(m.value))
  } catch {
    return `${m.value} ${m.currency}`
  }
}

/** Cents of a decimal string, for comparing amounts without floats. */
export function cents(value: string): number {
  const [whole = '0', frac = ''] = value.trim().split('.')
  return Number(whole) * 100 + Number(frac.padEnd(2, '0').slice(0, 2))
}

/** A refund amount as the API takes it: digits with at most two decimals. */
export const amountPattern = /^\d{1,12}(\.\d{1,2})?$/

/** The most this agent may refund on an order: its amount, or the shop's limit when lower. */
export function refundCap(orderAmount: string, limit: string | null): string {
  return limit !== null && cents(limit) < cents(orderAmount) ? limit : orderAmount
}

/** A key for one click or one confirmed dialog: the same key never acts twice. */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12))
  return `inb_act_${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`
}

/** "11月22日 17:05" (with the year only when it is not this year): dates on cards and in logs. */
export function compactTime(iso: string, locale: Locale, seconds = false): string {
  const d = new Date(iso)
  return new Intl.DateTimeFormat(locale, {
    ...(d.getFullYear() !== new Date().getFullYear() && { year: 'numeric' }),
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    ...(seconds && { second: '2-digit' }),
  }).format(d)
}

/** One line about a failed call to Kefu's Shop API, for the shop's log (never a stack). */
import { KefuApiError } from '@kefu/shop-sdk'

export function describeKefuError(error: unknown): string {
  if (error instanceof KefuApiError) return `${error.status || 'no answer'} ${error.code}`
  return error instanceof Error ? error.message : String(error)
}

import type { OrderContext } from '../../domain/shop/orders.ts'
import type { Services } from '../../services.ts'

/** What the order domain needs from the services. */
export const orderContext = (s: Services): OrderContext => ({
  db: s.db,
  secrets: s.secrets,
  cache: s.orderCache,
  timeoutMs: s.shopTimeoutMs,
})

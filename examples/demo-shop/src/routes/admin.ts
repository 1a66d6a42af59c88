/**
 * Demo admin buttons: break or fix an order's delivery on purpose. A real shop puts these
 * behind its admin log-in; the demo leaves them open so anyone can try each case.
 */
import { Hono } from 'hono'
import type { OrderChange } from '../change.ts'
import type { AppEnv, Shop } from '../context.ts'
import { deliverOrder, failDelivery } from '../fulfilment.ts'
import { setNotice } from '../session.ts'

export function adminRoutes(shop: Shop): Hono<AppEnv> {
  const app = new Hono<AppEnv>()

  const button = (path: string, act: (orderNo: string) => Promise<OrderChange>) =>
    app.post(`/admin/orders/:orderNo/${path}`, async (c) => {
      const orderNo = c.req.param('orderNo').toUpperCase()
      const change = await act(orderNo)
      if (change.ok) for (const type of change.events) shop.events.push(type, orderNo)
      shop.log(`[demo-shop] admin ${path} ${orderNo}: ${change.message}`)
      await setNotice(c, shop, change.message, change.ok)
      return c.redirect(`/order/${orderNo}`, 303)
    })
  button('fail-delivery', (orderNo) => failDelivery(shop.db, orderNo))
  button('deliver', (orderNo) => deliverOrder(shop.db, orderNo))

  return app
}

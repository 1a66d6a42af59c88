/**
 * The buyer's side of an order: search it (number + email or query password, like dujiaoka),
 * view it, pay it. Unknown orders and wrong credentials look the same.
 */
import { type Context, Hono } from 'hono'
import { z } from 'zod'
import { listNotes } from '../after-sales.ts'
import type { AppEnv, Shop } from '../context.ts'
import { payChannels, payOrder } from '../fulfilment.ts'
import { findOrder, type ShopOrder } from '../orders.ts'
import { orderLookupPage, orderPage } from '../pages/order.ts'
import { renderPage } from '../pages/render.ts'
import { setNotice, unlockedOrders, unlockOrder } from '../session.ts'

const lookupFormSchema = z.object({
  orderNo: z.string().trim().min(1).max(64),
  secret: z.string().trim().min(1).max(254),
})

const NO_MATCH = '订单号或邮箱/查询密码不正确 / no order matches that number and email or password'

/** The email (any case) or the exact query password the buyer gave when ordering. */
function unlocks(order: ShopOrder, secret: string): boolean {
  if (order.email.toLowerCase() === secret.toLowerCase()) return true
  return order.searchPwd !== null && order.searchPwd === secret
}

async function canView(c: Context<AppEnv>, shop: Shop, order: ShopOrder): Promise<boolean> {
  const buyer = c.get('buyer')
  if (buyer && order.buyerId === buyer.id) return true
  return (await unlockedOrders(c, shop)).includes(order.orderNo)
}

export function orderRoutes(shop: Shop): Hono<AppEnv> {
  const app = new Hono<AppEnv>()

  app.get('/order', (c) => renderPage(c, shop, { title: '查询订单 Find order', main: orderLookupPage() }))

  app.post('/order', async (c) => {
    const parsed = lookupFormSchema.safeParse(await c.req.parseBody())
    const orderNo = parsed.success ? parsed.data.orderNo.toUpperCase() : ''
    const order = parsed.success ? await findOrder(shop.db, orderNo) : null
    if (!parsed.success || !order || !unlocks(order, parsed.data.secret)) {
      const main = orderLookupPage(orderNo, NO_MATCH)
      return renderPage(c, shop, { title: '查询订单 Find order', main, status: 403 })
    }
    await unlockOrder(c, shop, order.orderNo)
    return c.redirect(`/order/${order.orderNo}`, 303)
  })

  app.get('/order/:orderNo', async (c) => {
    const orderNo = c.req.param('orderNo').toUpperCase()
    const order = await findOrder(shop.db, orderNo)
    if (!order || !(await canView(c, shop, order))) {
      // Same page for "no such order" and "not yours": the number alone reveals nothing.
      const main = orderLookupPage(orderNo)
      return renderPage(c, shop, { title: '查询订单 Find order', main, status: 403 })
    }
    return renderPage(c, shop, {
      title: `订单 ${order.orderNo}`,
      main: orderPage(order, await listNotes(shop.db, order.orderNo)),
      orderNo: order.orderNo,
    })
  })

  app.post('/order/:orderNo/pay', async (c) => {
    const order = await findOrder(shop.db, c.req.param('orderNo').toUpperCase())
    if (!order || !(await canView(c, shop, order))) return c.redirect('/order', 303)
    const channel = z
      .enum(payChannels)
      .catch('alipay')
      .parse((await c.req.parseBody()).channel)
    const change = await payOrder(shop.db, order.orderNo, channel)
    if (change.ok) for (const type of change.events) shop.events.push(type, order.orderNo)
    await setNotice(c, shop, change.message, change.ok)
    return c.redirect(`/order/${order.orderNo}`, 303)
  })

  return app
}

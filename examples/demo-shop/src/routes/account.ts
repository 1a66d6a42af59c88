/** Demo log-in / log-out (the account page: the buyer's orders and Kefu tickets) and the simulated mailbox. */
import { Hono } from 'hono'
import { findBuyer, listBuyers } from '../buyers.ts'
import type { AppEnv, Shop } from '../context.ts'
import { listOutbox } from '../mail.ts'
import { listBuyerOrders } from '../orders.ts'
import { loginPage, outboxPage } from '../pages/account.ts'
import { renderPage } from '../pages/render.ts'
import { logIn, logOut, setNotice } from '../session.ts'

export function accountRoutes(shop: Shop): Hono<AppEnv> {
  const app = new Hono<AppEnv>()

  app.get('/login', async (c) => {
    const buyer = c.get('buyer')
    const [orders, tickets] = buyer
      ? await Promise.all([listBuyerOrders(shop.db, buyer.id, 20), shop.tickets.list(buyer.id)])
      : [[], null]
    return renderPage(c, shop, {
      title: '登录 Log in',
      main: loginPage(await listBuyers(shop.db), buyer, orders, tickets),
    })
  })

  app.post('/login', async (c) => {
    const id = (await c.req.parseBody()).buyer
    const buyer = typeof id === 'string' ? await findBuyer(shop.db, id) : null
    if (!buyer) return c.redirect('/login', 303)
    await logIn(c, shop, buyer.id)
    await setNotice(c, shop, `已登录为 ${buyer.name} / logged in`, true)
    return c.redirect('/login', 303)
  })

  app.on(['GET', 'POST'], '/logout', (c) => {
    logOut(c)
    return c.redirect('/', 303)
  })

  app.get('/outbox', async (c) =>
    renderPage(c, shop, { title: '邮箱 Mailbox', main: outboxPage(await listOutbox(shop.db)) }),
  )

  return app
}

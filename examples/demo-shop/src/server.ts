/** The shop's HTTP app: storefront pages, the demo admin buttons and Kefu's webhook. */
import { Hono } from 'hono'
import type { AppEnv, Shop } from './context.ts'
import { accountRoutes } from './routes/account.ts'
import { adminRoutes } from './routes/admin.ts'
import { notFoundPage } from './routes/not-found.ts'
import { orderRoutes } from './routes/orders.ts'
import { storefrontRoutes } from './routes/storefront.ts'
import { loadBuyer } from './session.ts'
import { createKefuWebhook } from './webhook.ts'

export function createShopApp(shop: Shop): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  const kefuWebhook = createKefuWebhook({
    db: shop.db,
    webhookSecrets: shop.kefu.webhookSecrets,
    events: shop.events,
    log: shop.log,
  })
  // Before the cookie middleware: Kefu's calls carry no cookies and need the raw body.
  app.post('/kefu/webhook', (c) => kefuWebhook(c.req.raw))

  app.use('*', loadBuyer(shop))
  app.route('/', storefrontRoutes(shop))
  app.route('/', orderRoutes(shop))
  app.route('/', accountRoutes(shop))
  app.route('/', adminRoutes(shop))
  app.notFound((c) => notFoundPage(c, shop))
  app.onError((error, c) => {
    shop.log(
      `[demo-shop] ${c.req.method} ${c.req.path} failed: ${error instanceof Error ? error.stack : error}`,
    )
    return c.text('出错了，请稍后再试 / Something went wrong; please try again.', 500)
  })
  return app
}

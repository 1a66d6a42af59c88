/** `/`, `/product/:id` and placing an order. */
import { getConnInfo } from '@hono/node-server/conninfo'
import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv, Shop } from '../context.ts'
import { createOrder } from '../orders.ts'
import { productListPage, productPage } from '../pages/products.ts'
import { renderPage } from '../pages/render.ts'
import { findProduct, listProducts, productTitle } from '../products.ts'
import { unlockOrder } from '../session.ts'
import { notFoundPage } from './not-found.ts'

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((value) => (value ? value : undefined))

const buyFormSchema = z.object({
  email: z.email('请填写有效的邮箱 / enter a valid email').max(254),
  search_pwd: optionalText(64),
  quantity: z.coerce.number().int().min(1, '数量 1–10 / quantity 1–10').max(10, '数量 1–10 / quantity 1–10'),
  info: optionalText(500),
})

export function storefrontRoutes(shop: Shop): Hono<AppEnv> {
  const app = new Hono<AppEnv>()

  app.get('/', async (c) => {
    const { main, hero } = productListPage(await listProducts(shop.db))
    return renderPage(c, shop, { title: '全部商品 Products', main, hero })
  })

  app.get('/product/:id{[0-9]+}', async (c) => {
    const product = await findProduct(shop.db, Number(c.req.param('id')))
    if (!product) return notFoundPage(c, shop)
    return renderPage(c, shop, { title: productTitle(product), main: productPage(product, c.get('buyer')) })
  })

  app.post('/product/:id{[0-9]+}/buy', async (c) => {
    const product = await findProduct(shop.db, Number(c.req.param('id')))
    if (!product) return notFoundPage(c, shop)
    const form = await c.req.parseBody()
    const parsed = buyFormSchema.safeParse(form)
    const missingInfo = parsed.success && product.delivery === 'manual' && !parsed.data.info
    if (!parsed.success || missingInfo) {
      const error = parsed.success
        ? `请填写${product.inputLabel ?? '充值信息'}`
        : parsed.error.issues[0]?.message
      const email = typeof form.email === 'string' ? form.email : undefined
      return renderPage(c, shop, {
        title: productTitle(product),
        main: productPage(product, c.get('buyer'), { email, error: error ?? '表单有误 / invalid form' }),
        status: 400,
      })
    }
    const orderNo = await createOrder(shop.db, {
      product,
      quantity: parsed.data.quantity,
      email: parsed.data.email,
      searchPwd: parsed.data.search_pwd,
      buyerId: c.get('buyer')?.id,
      buyIp: getConnInfo(c).remote.address ?? null,
      info: product.delivery === 'manual' ? parsed.data.info : null,
    })
    await unlockOrder(c, shop, orderNo)
    return c.redirect(`/order/${orderNo}`, 303)
  })

  return app
}

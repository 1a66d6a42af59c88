/** Turns a page's content into the response: layout, notice, logged-in buyer, Kefu snippet. */
import type { Context } from 'hono'
import type { AppEnv, Shop } from '../context.ts'
import type { Html } from '../html.ts'
import { takeNotice } from '../session.ts'
import { layout } from './layout.ts'
import { kefuSnippet } from './widget-snippet.ts'

export interface PageContent {
  title: string
  main: Html
  hero?: Html
  /** The order on screen, passed to the widget with `kefu('order', …)`. */
  orderNo?: string
  status?: 200 | 400 | 403 | 404 | 409
}

export async function renderPage(c: Context<AppEnv>, shop: Shop, content: PageContent): Promise<Response> {
  const buyer = c.get('buyer')
  const page = layout({
    title: content.title,
    main: content.main,
    hero: content.hero,
    buyer,
    notice: await takeNotice(c, shop),
    widget: await kefuSnippet(shop.kefu, buyer, content.orderNo),
  })
  return c.html(page, content.status ?? 200)
}

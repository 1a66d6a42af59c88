import type { Context } from 'hono'
import type { AppEnv, Shop } from '../context.ts'
import { html } from '../html.ts'
import { renderPage } from '../pages/render.ts'

export function notFoundPage(c: Context<AppEnv>, shop: Shop): Promise<Response> {
  return renderPage(c, shop, {
    title: '页面不存在 Not found',
    main: html`<h1 class="page">页面不存在</h1><p class="sub">Not found. <a href="/">返回首页 Back to the shop</a></p>`,
    status: 404,
  })
}

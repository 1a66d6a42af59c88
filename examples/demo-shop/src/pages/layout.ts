/** The page shell: header, notice, content, footer and the Kefu snippet before </body>. */
import type { Buyer } from '../buyers.ts'
import { type Html, html, raw } from '../html.ts'
import { styles } from './styles.ts'

export interface LayoutOptions {
  title: string
  main: Html
  buyer: Buyer | null
  notice: { message: string; ok: boolean } | null
  /** The Kefu snippet (and its command queue). */
  widget: Html
  /** A full-width banner above the content (home page). */
  hero?: Html
}

export function layout(page: LayoutOptions): string {
  const user = page.buyer
    ? html`<span>${page.buyer.name} <span class="hint">${page.buyer.id}</span></span>
        <form class="inline" method="post" action="/logout"><button class="secondary">退出 Log out</button></form>`
    : html`<a href="/login">登录 Log in</a>`
  const notice = page.notice
    ? html`<div class="notice${page.notice.ok ? '' : ' bad'}" role="status">${page.notice.message}</div>`
    : ''
  return html`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title} · 星河数卡 Galaxy Cards</title>
<style>${raw(styles)}</style>
</head>
<body>
<header><div class="wrap">
  <a class="brand" href="/"><span class="logo">✦</span><span>星河数卡<small>Galaxy Cards · 自动发卡</small></span></a>
  <nav>
    <a href="/">全部商品 Products</a>
    <a href="/order">查询订单 Find order</a>
    <a href="/outbox">邮箱 Mailbox</a>
  </nav>
  <div class="user">${user}</div>
</div></header>
${page.hero ?? ''}
<main><div class="wrap">${notice}${page.main}</div></main>
<footer><div class="wrap">
  星河数卡是 Kefu 的演示商店，商品与订单均为虚构 · Galaxy Cards is Kefu's demo shop; products and orders are fictional.
  售后问题请点右下角的客服 · After-sales help: the chat button at the bottom right.
</div></footer>
${page.widget}
</body>
</html>`.value
}

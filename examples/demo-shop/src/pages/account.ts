/** The demo log-in page (pick a buyer; the signed-in buyer's orders and tickets) and the simulated mailbox. */
import type { Buyer } from '../buyers.ts'
import { type Html, html } from '../html.ts'
import type { TicketList } from '../kefu-tickets.ts'
import type { OutboxMail } from '../mail.ts'
import type { ShopOrder } from '../orders.ts'
import { productTitle } from '../products.ts'
import { formatTime, statusBadge, yuan } from './format.ts'
import { ticketsSection } from './tickets.ts'

export function loginPage(
  buyers: Buyer[],
  current: Buyer | null,
  orders: ShopOrder[],
  tickets: TicketList | null,
): Html {
  const mine = current
    ? html`<section class="card" style="margin-top:20px"><strong>我的订单 My orders</strong>
        <table><tr><th>订单号</th><th>商品</th><th>金额</th><th>状态</th></tr>
        ${orders.map(
          (
            o,
          ) => html`<tr><td><a href="/order/${o.orderNo}">${o.orderNo}</a></td><td>${productTitle(o.product)}</td>
            <td>${yuan(o.totalCents)}</td><td>${statusBadge(o.status)}</td></tr>`,
        )}</table></section>${tickets && ticketsSection(tickets)}`
    : ''
  return html`<h1 class="page">登录（演示）</h1>
  <p class="sub">Demo log-in: pick a buyer. The page then tells the Kefu widget who you are with a signed identity.</p>
  <div class="grid">${buyers.map(
    (b) => html`<form class="card" method="post" action="/login">
      <input type="hidden" name="buyer" value="${b.id}">
      <div class="title">${b.name}</div><div class="en">${b.email} · ${b.id}</div>
      <button class="wide${current?.id === b.id ? ' secondary' : ''}">${current?.id === b.id ? '已登录 Logged in' : '登录 Log in'}</button>
    </form>`,
  )}</div>${mine}`
}

export function outboxPage(mails: OutboxMail[]): Html {
  return html`<h1 class="page">邮箱（模拟）</h1>
  <p class="sub">The buyer's simulated mailbox: every email the shop sent, delivery mails and re-sends.</p>
  <div class="stack">${
    mails.length === 0
      ? html`<p class="card hint">还没有邮件 No mail yet.</p>`
      : mails.map(
          (m) => html`<article class="card mail">
        <div class="row"><strong>${m.subject}</strong><span class="badge ${m.kind === 'resend' ? 'info' : ''}">${m.kind === 'resend' ? '补发 resend' : '发货 delivery'}</span></div>
        <div class="hint">收件人 To ${m.toEmail} · ${formatTime(m.createdAt)} · <a href="/order/${m.orderNo}">${m.orderNo}</a></div>
        <pre>${m.body}</pre>
      </article>`,
        )
  }</div>`
}

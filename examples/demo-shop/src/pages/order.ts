/**
 * The buyer's order page (codes in full: it is the buyer's own order, unlocked with the email
 * or query password), plus the demo admin panel that breaks and fixes delivery on purpose.
 */
import type { OrderNote } from '../after-sales.ts'
import { payChannels } from '../fulfilment.ts'
import { type Html, html } from '../html.ts'
import { ShopStatus } from '../order-status.ts'
import type { ShopOrder } from '../orders.ts'
import { productTitle } from '../products.ts'
import { formatTime, payChannelName, statusBadge, yuan } from './format.ts'

function codesSection(order: ShopOrder): Html {
  if (order.product.delivery === 'manual') {
    return html`<p class="hint">人工充值，无卡密；完成后订单状态变为「已完成」。Manual top-up: no code, the status changes when done.</p>`
  }
  if (order.codes.length === 0) return html`<p class="hint">暂无卡密 No codes yet.</p>`
  return html`<ul class="codes">${order.codes.map((code) => html`<li>${code}</li>`)}</ul>`
}

function statusHelp(order: ShopOrder): Html | string {
  switch (order.status) {
    case ShopStatus.awaitingPayment:
      return html`<form class="card stack" method="post" action="/order/${order.orderNo}/pay">
        <strong>支付 Pay ${yuan(order.totalCents)}</strong>
        <label for="channel">支付方式 Payment method</label>
        <select id="channel" name="channel">${payChannels.map((ch) => html`<option value="${ch}">${payChannelName(ch)}</option>`)}</select>
        <button class="wide">模拟支付 Simulate payment</button>
        <p class="hint">演示商店不会真正扣款。No real money moves in the demo.</p>
      </form>`
    case ShopStatus.abnormal:
      return html`<p class="notice bad">已付款但库存不足，已发 ${order.codes.length} / ${order.quantity} 件。请点右下角联系客服补发或退款。
        Paid but out of stock: contact support (bottom right) for the rest or a refund.</p>`
    case ShopStatus.processing:
    case ShopStatus.pending:
      return html`<p class="notice">已付款，客服正在处理充值，通常 30 分钟内完成。Paid; the top-up is being processed.</p>`
    case ShopStatus.refunded:
      return html`<p class="notice">已退款 ${yuan(order.refundedCents ?? order.totalCents)}。Refunded. ${order.refundReason ?? ''}</p>`
    case ShopStatus.expired:
      return html`<p class="notice bad">订单超时未支付，已关闭。The order expired unpaid.</p>`
    default:
      return ''
  }
}

function adminPanel(order: ShopOrder, notes: OrderNote[]): Html {
  return html`<section class="card admin">
    <h3>演示管理 Demo admin</h3>
    <p class="hint">故意制造或修复售后问题，然后在 Kefu 里看到它。Break or fix this order on purpose, then watch Kefu.</p>
    <form class="inline" method="post" action="/admin/orders/${order.orderNo}/fail-delivery"><button class="danger">设为发货失败 Fail delivery</button></form>
    <form class="inline" method="post" action="/admin/orders/${order.orderNo}/deliver"><button class="secondary">补货并发货 Restock &amp; deliver</button></form>
    ${
      notes.length > 0
        ? html`<table style="margin-top:16px"><tr><th>备注 Notes</th><th></th><th></th></tr>${notes.map(
            (note) =>
              html`<tr><td>${note.body}</td><td class="hint">${note.author}</td><td class="hint">${formatTime(note.createdAt)}</td></tr>`,
          )}</table>`
        : ''
    }
  </section>`
}

export function orderPage(order: ShopOrder, notes: OrderNote[]): Html {
  return html`<h1 class="page">订单 ${order.orderNo}</h1>
  <p class="sub">Order details · 请保存订单号以便查询</p>
  <div class="cols">
    <div class="stack">
      <section class="card">
        <dl class="facts">
          <dt>状态 Status</dt><dd>${statusBadge(order.status)}</dd>
          <dt>商品 Item</dt><dd>${productTitle(order.product)} × ${order.quantity}</dd>
          <dt>金额 Amount</dt><dd>${yuan(order.totalCents)}</dd>
          <dt>邮箱 Email</dt><dd>${order.email}</dd>
          ${order.contact ? html`<dt>联系方式 Contact</dt><dd>${order.contact}</dd>` : ''}
          <dt>支付方式 Paid with</dt><dd>${payChannelName(order.payChannel)}</dd>
          <dt>下单时间 Created</dt><dd>${formatTime(order.createdAt)}</dd>
          <dt>支付时间 Paid</dt><dd>${formatTime(order.paidAt)}</dd>
          ${order.info ? html`<dt>充值信息 Top-up info</dt><dd>${order.info}</dd>` : ''}
        </dl>
      </section>
      <section class="card"><strong>卡密 Codes</strong> <span class="hint">${order.codes.length} / ${order.quantity}</span>${codesSection(order)}</section>
    </div>
    <div class="stack">${statusHelp(order)}${adminPanel(order, notes)}</div>
  </div>`
}

/** The order-search form (dujiaoka: by order number plus email or query password). */
export function orderLookupPage(orderNo = '', error?: string): Html {
  return html`<h1 class="page">查询订单</h1>
  <p class="sub">Find your order with its number and the email or query password you used.</p>
  <form class="card" method="post" action="/order" style="max-width:460px">
    ${error ? html`<div class="notice bad">${error}</div>` : ''}
    <label for="orderNo">订单号 Order number</label>
    <input id="orderNo" name="orderNo" required maxlength="64" value="${orderNo}" placeholder="16 位订单号">
    <label for="secret">邮箱或查询密码 Email or query password</label>
    <input id="secret" name="secret" type="password" required maxlength="254">
    <button class="wide">查询 Search</button>
  </form>`
}

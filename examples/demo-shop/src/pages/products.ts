/** The catalogue pages: the product list and one product with its buy form. */
import type { Buyer } from '../buyers.ts'
import { type Html, html } from '../html.ts'
import type { ProductWithStock } from '../products.ts'
import { productTile, yuan } from './format.ts'

function stockBadge(product: ProductWithStock): Html {
  if (product.stock === null) return html`<span class="badge info">人工充值 Manual</span>`
  if (product.stock === 0) return html`<span class="badge bad">缺货 Sold out</span>`
  return html`<span class="badge ok">库存 ${product.stock} In stock</span>`
}

export function productListPage(products: ProductWithStock[]): { main: Html; hero: Html } {
  const cards = products.map(
    (p) => html`<a class="card product" href="/product/${p.id}">
      ${productTile(p)}
      <div class="body">
        <div class="title">${p.titleZh}</div>
        <div class="en">${p.titleEn}</div>
        <div class="row"><span class="price">${yuan(p.priceCents)}</span>${stockBadge(p)}</div>
      </div>
    </a>`,
  )
  return {
    hero: html`<section class="hero"><div class="wrap">
      <h1>自动发卡 · 7×24 小时秒发货</h1>
      <p>Instant delivery of gift cards and game keys, around the clock. 付款后卡密立即显示并发送到邮箱。</p>
    </div></section>`,
    main: html`<div class="grid">${cards}</div>`,
  }
}

export interface BuyFormState {
  email?: string
  error?: string
}

export function productPage(product: ProductWithStock, buyer: Buyer | null, form: BuyFormState = {}): Html {
  const email = form.email ?? buyer?.email ?? ''
  const soldOut = product.stock === 0
  const manualInput = product.inputLabel
    ? html`<label for="info">${product.inputLabel}</label>
        <textarea id="info" name="info" required maxlength="500" placeholder="UID / 服务器 / 账号"></textarea>`
    : ''
  return html`<h1 class="page">${product.titleZh}</h1>
  <p class="sub">${product.titleEn} · SKU ${product.sku}</p>
  <div class="cols">
    <div class="card product">${productTile(product)}<div class="body stack">
      <p>${product.description}</p>
      <div class="row"><span class="price">${yuan(product.priceCents)}</span>
        <span class="hint">${product.delivery === 'auto' ? '自动发货 Automatic delivery' : '人工充值 Manual top-up'}</span></div>
    </div></div>
    <form class="card" method="post" action="/product/${product.id}/buy">
      <strong>下单 Buy</strong>
      ${form.error ? html`<div class="notice bad">${form.error}</div>` : ''}
      ${soldOut ? html`<p class="notice bad">缺货：演示用，付款后订单将进入「异常」状态。Sold out: paying will leave the order abnormal.</p>` : ''}
      <label for="email">邮箱 Email（接收卡密 codes are sent here）</label>
      <input id="email" name="email" type="email" required maxlength="254" value="${email}">
      <label for="search_pwd">查询密码 Query password（可选 optional）</label>
      <input id="search_pwd" name="search_pwd" type="password" maxlength="64" autocomplete="new-password">
      <label for="quantity">数量 Quantity</label>
      <input id="quantity" name="quantity" type="number" min="1" max="10" value="1">
      ${manualInput}
      <button class="wide">提交订单 Place order</button>
      <p class="hint">下单即表示同意：虚拟商品一经发货不支持无理由退款。</p>
    </form>
  </div>`
}

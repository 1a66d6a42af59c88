/** Small display helpers shared by the pages. */
import { type Html, html } from '../html.ts'
import { centsToDecimal } from '../money.ts'
import { type ShopStatus, statusLabel } from '../order-status.ts'
import type { Product } from '../products.ts'

const timeFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  dateStyle: 'medium',
  timeStyle: 'short',
})

export function formatTime(date: Date | null): string {
  return date ? timeFormat.format(date) : '—'
}

export function yuan(cents: number): string {
  return `¥${centsToDecimal(cents)}`
}

const statusTone: Record<ShopStatus, string> = {
  [-1]: '',
  1: 'warn',
  2: 'info',
  3: 'info',
  4: 'ok',
  5: 'bad',
  6: 'bad',
  7: '',
}

export function statusBadge(status: ShopStatus): Html {
  const label = statusLabel(status)
  return html`<span class="badge ${statusTone[status]}">${label.zh} · ${label.en}</span>`
}

const payChannelNames: Record<string, string> = {
  alipay: '支付宝 Alipay',
  wxpay: '微信支付 WeChat Pay',
  usdt: 'USDT',
}

export function payChannelName(channel: string | null): string {
  return channel ? (payChannelNames[channel] ?? channel) : '—'
}

const tiles: Array<[prefix: string, background: string, label: string]> = [
  ['STEAM', 'linear-gradient(135deg,#0f1c2e,#1b5d8f)', 'STEAM'],
  ['APPSTORE', 'linear-gradient(135deg,#111827,#6b7280)', 'App Store'],
  ['GENSHIN', 'linear-gradient(135deg,#7c3aed,#f59e0b)', '原神 Genshin'],
  ['WIN', 'linear-gradient(135deg,#0369a1,#38bdf8)', 'Windows 11'],
  ['XGPU', 'linear-gradient(135deg,#14532d,#22c55e)', 'XBOX'],
]

/** The coloured banner standing in for a product picture. */
export function productTile(product: Pick<Product, 'sku'>): Html {
  const [, background, label] = tiles.find(([prefix]) => product.sku.startsWith(prefix)) ?? [
    '',
    'linear-gradient(135deg,#4f46e5,#a855f7)',
    product.sku,
  ]
  return html`<div class="tile" style="background:${background}">${label}</div>`
}

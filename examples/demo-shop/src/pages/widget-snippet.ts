/**
 * Kefu on every page: the one-tag snippet, preceded, when there is something to tell the
 * widget, by the command queue with `identify` (logged-in buyer, hash signed on the server)
 * and `order` (the order on screen).
 */
import { signIdentity } from '@kefu/shop-sdk'
import type { Buyer } from '../buyers.ts'
import type { KefuSettings } from '../context.ts'
import { type Html, html, raw, scriptJson } from '../html.ts'

const QUEUE = 'window.kefu=window.kefu||function(){(kefu.q=kefu.q||[]).push(arguments)};'

export async function kefuSnippet(kefu: KefuSettings, buyer: Buyer | null, orderNo?: string): Promise<Html> {
  const calls: string[] = []
  if (buyer) {
    const hash = await signIdentity(kefu.identitySecret, buyer.id)
    calls.push(
      `kefu('identify',${scriptJson({ id: buyer.id, hash, name: buyer.name, email: buyer.email })});`,
    )
  }
  if (orderNo) calls.push(`kefu('order',${scriptJson(orderNo)});`)
  const queue = calls.length > 0 ? html`<script>${raw(QUEUE + calls.join(''))}</script>\n` : ''
  return html`${queue}<script async src="${kefu.url}/widget.js" data-key="${kefu.publicKey}"></script>`
}

/**
 * Test harness: a shop in memory on an ephemeral port, Kefu-signed webhook calls, and a tiny
 * browser with a cookie jar that does not follow redirects.
 */
import type { WebhookEnvelope } from '@kefu/protocol/shop'
import { signPayload } from '@kefu/shop-sdk'
import { type DemoShop, type DemoShopOptions, startDemoShop } from '../index.ts'

export const secrets = {
  publicKey: 'pk_test_demo',
  secretKey: 'sk_test_demo',
  /** Newest first, as during a rotation. */
  webhook: ['whsec_test_new', 'whsec_test_old'] as const,
  identity: 'idsec_test_demo',
}

export interface TestShop {
  shop: DemoShop
  logs: string[]
  /** Sends a signed envelope to `/kefu/webhook`. */
  webhook(
    type: WebhookEnvelope['type'],
    data: unknown,
    options?: { secret?: string; deliveryId?: string },
  ): Promise<{ status: number; text: string; json: unknown }>
  browser(): Browser
}

let deliveries = 0

export async function startTestShop(kefuUrl = 'http://127.0.0.1:9'): Promise<TestShop> {
  const logs: string[] = []
  const options: DemoShopOptions = {
    port: 0,
    hostname: '127.0.0.1',
    kefu: {
      url: kefuUrl,
      publicKey: secrets.publicKey,
      secretKey: secrets.secretKey,
      webhookSecrets: secrets.webhook,
      identitySecret: secrets.identity,
    },
    log: (line) => logs.push(line),
  }
  const shop = await startDemoShop(options)
  return {
    shop,
    logs,
    async webhook(type, data, options = {}) {
      const id = options.deliveryId ?? `dlv_test${++deliveries}_${Date.now()}`
      const body = JSON.stringify({
        id,
        type,
        tenant: 'ten_demo',
        created: Math.floor(Date.now() / 1000),
        data,
      })
      const res = await fetch(`${shop.url}/kefu/webhook`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'Kefu-Delivery': id,
          'Kefu-Signature': await signPayload(options.secret ?? secrets.webhook[0], body),
        },
        body,
      })
      const text = await res.text()
      return { status: res.status, text, json: JSON.parse(text) as unknown }
    },
    browser: () => new Browser(shop.url),
  }
}

export interface Page {
  status: number
  location: string | null
  text: string
}

export class Browser {
  private readonly cookies = new Map<string, string>()
  constructor(private readonly baseUrl: string) {}

  async get(path: string): Promise<Page> {
    return this.send(path, { method: 'GET' })
  }

  async post(path: string, form: Record<string, string> = {}): Promise<Page> {
    return this.send(path, { method: 'POST', body: new URLSearchParams(form) })
  }

  private async send(path: string, init: RequestInit): Promise<Page> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
    const res = await fetch(`${this.baseUrl}${path}`, {
      ...init,
      redirect: 'manual',
      headers: cookie ? { cookie } : {},
    })
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';')
      const eq = pair.indexOf('=')
      const name = pair.slice(0, eq)
      const value = pair.slice(eq + 1)
      if (/max-age=0/i.test(line) || value === '') this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
    return { status: res.status, location: res.headers.get('location'), text: await res.text() }
  }
}

/** Buys a product through the pages and returns the new order number (unlocked in `browser`). */
export async function buy(
  browser: Browser,
  productId: number,
  form: Record<string, string> = {},
): Promise<string> {
  const page = await browser.post(`/product/${productId}/buy`, {
    email: 'buyer@example.com',
    quantity: '1',
    ...form,
  })
  const orderNo = /^\/order\/([A-Z0-9]{16})$/.exec(page.location ?? '')?.[1]
  if (page.status !== 303 || !orderNo)
    throw new Error(`buy failed: ${page.status} ${page.text.slice(0, 200)}`)
  return orderNo
}

export async function pay(browser: Browser, orderNo: string): Promise<void> {
  const page = await browser.post(`/order/${orderNo}/pay`, { channel: 'wxpay' })
  if (page.status !== 303) throw new Error(`pay failed: ${page.status}`)
}

/** The full codes the buyer's own order page shows. */
export function codesOnPage(html: string): string[] {
  const list = /<ul class="codes">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? ''
  return [...list.matchAll(/<li>([^<]*)<\/li>/g)].map((match) => match[1] ?? '')
}

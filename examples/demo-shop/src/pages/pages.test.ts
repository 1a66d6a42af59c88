import { describe, expect, it } from 'vitest'
import type { ProductWithStock } from '../products.ts'
import { productListPage, productPage } from './products.ts'
import { kefuSnippet } from './widget-snippet.ts'

const EVIL = '<img src=x onerror=alert(1)>'
const product: ProductWithStock = {
  id: 9,
  sku: 'EVIL-1',
  titleZh: EVIL,
  titleEn: `"><script>alert(1)</script>`,
  description: EVIL,
  priceCents: 100,
  delivery: 'auto',
  inputLabel: null,
  stock: 1,
}

describe('page rendering', () => {
  it('escapes product titles and descriptions', () => {
    const list = productListPage([product]).main.value
    const page = productPage(product, null).value
    for (const out of [list, page]) {
      expect(out).not.toContain(EVIL)
      expect(out).not.toContain('<script>')
      expect(out).toContain('&lt;img src=x onerror=alert(1)&gt;')
    }
  })

  it('keeps a buyer name from closing the script element', async () => {
    const kefu = {
      url: 'https://kefu.test',
      publicKey: 'pk_test',
      secretKey: 'sk_test',
      webhookSecrets: ['whsec_test'] as const,
      identitySecret: 'idsec',
    }
    const buyer = { id: 'u_1', name: '</script><script>alert(1)</script>', email: EVIL }
    const out = (await kefuSnippet(kefu, buyer, 'ORDER</script>')).value
    expect(out.match(/<\/script>/g)).toHaveLength(2) // the queue's and the snippet's own
    expect(out).not.toContain(EVIL)
    expect(out).toContain('\\u003c/script\\u003e')
    expect(out.endsWith('<script async src="https://kefu.test/widget.js" data-key="pk_test"></script>')).toBe(
      true,
    )
  })
})

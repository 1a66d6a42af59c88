import { signIdentity } from '@kefu/shop-sdk'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buy, codesOnPage, secrets, startTestShop, type TestShop } from './testing/harness.ts'

let t: TestShop
beforeAll(async () => {
  t = await startTestShop('http://127.0.0.1:9/')
})
afterAll(() => t.shop.close())

const snippet = `<script async src="http://127.0.0.1:9/widget.js" data-key="${secrets.publicKey}"></script>`
const EVIL = '<img src=x onerror=alert(1)>'

/** The arguments of `kefu(name, …)` calls in the page, parsed back from JSON. */
function kefuCalls(html: string, name: string): unknown[] {
  return [...html.matchAll(new RegExp(`kefu\\('${name}',(.*?)\\);`, 'g'))].map((m) => JSON.parse(m[1] ?? ''))
}

describe('pages', () => {
  it('embed the Kefu snippet on every page, with no identity when logged out', async () => {
    const browser = t.browser()
    const orderNo = await buy(browser, 2)
    for (const path of ['/', '/product/1', '/order', '/login', '/outbox', `/order/${orderNo}`, '/nope']) {
      const page = await browser.get(path)
      expect(page.text, path).toContain(snippet)
      expect(page.text.indexOf(snippet), path).toBeGreaterThan(page.text.indexOf('<footer>'))
      expect(kefuCalls(page.text, 'identify'), path).toEqual([])
    }
  })

  it('identify the logged-in buyer with a hash that verifies, and name the order on screen', async () => {
    const browser = t.browser()
    await browser.post('/login', { buyer: 'u_1001' })
    const li = t.shop.demoOrders.find((o) => o.buyerId === 'u_1001')!
    const page = await browser.get(`/order/${li.orderNo}`)
    expect(page.status).toBe(200)
    const [identity] = kefuCalls(page.text, 'identify') as Array<Record<string, string>>
    expect(identity).toEqual({
      id: 'u_1001',
      hash: await signIdentity(secrets.identity, 'u_1001'),
      name: '李雷 Li Lei',
      email: 'li@example.com',
    })
    expect(identity?.hash).not.toBe(await signIdentity('some-other-secret', 'u_1001'))
    expect(kefuCalls(page.text, 'order')).toEqual([li.orderNo])
    expect(page.text.indexOf("kefu('identify'")).toBeLessThan(page.text.indexOf(snippet))

    await browser.post('/logout')
    expect(kefuCalls((await browser.get('/')).text, 'identify')).toEqual([])
  })

  it('show an order only with its email or query password, like the shop search', async () => {
    const delivered = t.shop.demoOrders.find((o) => o.label.startsWith('delivered'))!
    const stranger = t.browser()
    const locked = await stranger.get(`/order/${delivered.orderNo}`)
    expect(locked.status).toBe(403)
    expect(codesOnPage(locked.text)).toEqual([])
    expect(kefuCalls(locked.text, 'order')).toEqual([])

    const wrong = await stranger.post('/order', { orderNo: delivered.orderNo, secret: 'sam@example.com' })
    expect(wrong.status).toBe(403)
    const right = await stranger.post('/order', { orderNo: delivered.orderNo, secret: delivered.searchPwd! })
    expect(right).toMatchObject({ status: 303, location: `/order/${delivered.orderNo}` })
    expect(codesOnPage((await stranger.get(`/order/${delivered.orderNo}`)).text)).toEqual([
      'G7KQ2-8WMRT-ZP4XN',
    ])
  })

  it('escape what buyers type', async () => {
    const browser = t.browser()
    const badEmail = await browser.post('/product/1/buy', { email: EVIL, quantity: '1' })
    expect(badEmail.status).toBe(400)
    expect(badEmail.text).not.toContain(EVIL)
    expect(badEmail.text).toContain('value="&lt;img src=x onerror=alert(1)&gt;"')

    const orderNo = await buy(browser, 3, { info: `UID ${EVIL}` })
    const page = await browser.get(`/order/${orderNo}`)
    expect(page.text).toContain('UID &lt;img src=x onerror=alert(1)&gt;')
    expect(page.text).not.toContain(EVIL)
  })

  it('simulate payment: codes on the order page and in the mailbox', async () => {
    const browser = t.browser()
    const orderNo = await buy(browser, 1, { email: 'pay-test@example.com', quantity: '2' })
    expect((await browser.get(`/order/${orderNo}`)).text).toContain('待支付')
    await browser.post(`/order/${orderNo}/pay`, { channel: 'alipay' })
    const page = await browser.get(`/order/${orderNo}`)
    expect(page.text).toContain('支付成功，卡密已发货')
    const codes = codesOnPage(page.text)
    expect(codes).toHaveLength(2)
    const outbox = (await browser.get('/outbox')).text
    for (const code of codes) expect(outbox).toContain(code)
  })

  it('sends paying for an out-of-stock product to abnormal, and the admin buttons fix and break it', async () => {
    const browser = t.browser()
    const orderNo = await buy(browser, 5)
    await browser.post(`/order/${orderNo}/pay`, { channel: 'usdt' })
    expect((await browser.get(`/order/${orderNo}`)).text).toContain('异常 · abnormal')

    await browser.post(`/admin/orders/${orderNo}/deliver`)
    const fixed = await browser.get(`/order/${orderNo}`)
    expect(fixed.text).toContain('已完成 · completed')
    expect(codesOnPage(fixed.text)).toHaveLength(1)

    await browser.post(`/admin/orders/${orderNo}/fail-delivery`)
    const broken = await browser.get(`/order/${orderNo}`)
    expect(broken.text).toContain('异常 · abnormal')
    expect(codesOnPage(broken.text)).toEqual([])
  })
})

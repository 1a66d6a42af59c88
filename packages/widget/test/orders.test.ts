import { createHmac } from 'node:crypto'
import { type DemoShop, startDemoShop } from '@kefu/demo-shop'
import { allDemoCodes } from '@kefu/demo-shop/seed-data'
import type { ConversationOrders, ConversationTicket } from '@kefu/protocol'
import type { BrowserContextOptions, FrameLocator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { screenshotPath } from '../../../tooling/screenshots.ts'
import { isVisitorMessage } from './agent.ts'
import { openWidget, sendFromWidget, startWidgetEnv, type WidgetEnv, widgetFrame } from './env.ts'

const screenshot = screenshotPath('widget-order.png')
const NOT_FOUND = '没有找到与该订单号和联系方式匹配的订单。'

let env: WidgetEnv
let demo: DemoShop
let shop: Awaited<ReturnType<WidgetEnv['newShop']>>
beforeAll(async () => {
  env = await startWidgetEnv()
  shop = await env.newShop('星辰卡铺')
  demo = await startDemoShop({
    port: 0,
    hostname: '127.0.0.1',
    kefu: { url: env.kefu.url, ...shop.keys },
    log: () => undefined,
  })
  const res = await fetch(`${env.kefu.url}/v1/shop-connection`, {
    method: 'PUT',
    headers: { cookie: shop.cookie, 'content-type': 'application/json' },
    body: JSON.stringify({ webhookUrl: `${demo.url}/kefu/webhook` }),
  })
  expect(res.status).toBe(200)
})
afterAll(async () => {
  await demo?.close()
  await env?.close()
})

const demoOrder = (label: string) => {
  const found = demo.demoOrders.find((o) => o.label.startsWith(label))
  if (!found) throw new Error(`no demo order ${label}`)
  return found
}

type Kefu = (...args: unknown[]) => void
/** A buyer on the shop page with the chat open; `kefu('order' | 'identify')` said first when given. */
async function buyer(
  setup: { order?: string; identify?: string } = {},
  options: BrowserContextOptions = {},
): Promise<{ page: Page; frame: FrameLocator }> {
  const page = await (await env.newBuyer(options)).newPage()
  await page.goto('/')
  await page.waitForFunction(() => typeof (window as unknown as { kefu?: Kefu }).kefu === 'function')
  const identity = setup.identify && {
    id: setup.identify,
    hash: createHmac('sha256', shop.keys.identitySecret).update(setup.identify).digest('hex'),
  }
  await page.evaluate(
    ([order, identity]) => {
      const kefu = (window as unknown as { kefu: Kefu }).kefu
      if (identity) kefu('identify', identity)
      if (order) kefu('order', order)
    },
    [setup.order, identity] as const,
  )
  return { page, frame: await openWidget(page) }
}

/** Opens the form and submits it; the order number field keeps its pre-filled value unless given. */
async function lookUp(frame: FrameLocator, contact: string, orderNo?: string) {
  if ((await frame.locator('form').count()) === 0) await frame.getByRole('button', { name: '查订单' }).click()
  if (orderNo !== undefined) await frame.getByLabel('订单号', { exact: true }).fill(orderNo)
  await frame.getByLabel('下单时填写的邮箱或联系方式').fill(contact)
  await frame.getByRole('button', { name: '查询', exact: true }).click()
}

/** Everything the frame holds as text: its markup plus the values typed into fields. */
const frameText = async (page: Page) =>
  (await widgetFrame(page)).evaluate(
    () =>
      document.documentElement.outerHTML +
      [...document.querySelectorAll('input, textarea')]
        .map((el) => (el as HTMLInputElement).value)
        .join('\n'),
  )

const agentCard = async (conversationId: string) => {
  const res = await fetch(`${env.kefu.url}/v1/conversations/${conversationId}/orders`, {
    headers: { cookie: shop.cookie },
  })
  expect(res.status).toBe(200)
  return (await res.json()) as ConversationOrders
}

describe('the buyer checks an order from the chat', () => {
  it('finds the delivered order by number and email, shows masked codes only, and links it to a new conversation', async () => {
    const delivered = demoOrder('delivered')
    const { page, frame } = await buyer({ order: delivered.orderNo })
    await frame.getByRole('button', { name: '查订单' }).click()
    // The order the page named is already filled in; the contact is the buyer's to type.
    await expect(frame.getByLabel('订单号', { exact: true }).inputValue()).resolves.toBe(delivered.orderNo)
    await lookUp(frame, ` ${delivered.email.toUpperCase()} `)

    const card = frame.locator('.order-card')
    await card.waitFor()
    await expect(card.locator('.order-no').textContent()).resolves.toBe(delivered.orderNo)
    await expect(card.locator('.order-status').textContent()).resolves.toBe('已发货')
    await expect(card.locator('.order-hint').textContent()).resolves.toContain('垃圾邮件')
    await expect(card.locator('dd').last().textContent()).resolves.toBe('1 / 1')
    const masked = await card.locator('.codes li').allTextContents()
    expect(masked.length).toBeGreaterThan(0)
    for (const code of masked) expect(code).toMatch(/\*{3}/)
    await expect(frame.locator('form').count()).resolves.toBe(0)

    const html = await frameText(page)
    for (const code of allDemoCodes) {
      expect(html).not.toContain(code)
      expect(html).not.toContain(code.replaceAll('-', ''))
    }

    // The look-up started the conversation; the buyer's next message lands in the same one,
    // and the agent's order card beside it shows the order, as looked up by the buyer.
    const text = '卡密还是没收到'
    await sendFromWidget(frame, text)
    const created = await shop.agent.waitFor(isVisitorMessage(text))
    const linked = await agentCard(created.message.conversationId)
    expect(linked.orders.map((o) => [o.order.orderNo, o.source])).toEqual([[delivered.orderNo, 'buyer']])
    expect(linked.orders[0]?.order.codes.map((c) => c.masked)).toEqual(masked)
  })

  it('answers a wrong email and an unknown number with the same neutral message', async () => {
    const delivered = demoOrder('delivered')
    const { frame } = await buyer({ order: delivered.orderNo })
    await lookUp(frame, 'someone-else@example.com')
    const alert = frame.locator('.lookup [role="alert"]')
    await alert.waitFor()
    await expect(alert.textContent()).resolves.toBe(NOT_FOUND)

    await lookUp(frame, delivered.email, 'ZZZZZZZZZZZZZZZZ')
    await frame.locator('.lookup[aria-busy="false"]').waitFor()
    await expect(alert.textContent()).resolves.toBe(NOT_FOUND)
    await expect(frame.locator('.order-card').count()).resolves.toBe(0)
  })

  it('explains a paid order that ran out of stock (in English)', async () => {
    const failed = demoOrder('delivery_failed')
    const { frame } = await buyer({ order: failed.orderNo }, { locale: 'en-US' })
    await frame.getByRole('button', { name: 'Check my order' }).click()
    await frame.getByLabel('Email or contact used at checkout').fill(failed.email)
    await frame.getByRole('button', { name: 'Check', exact: true }).click()
    const card = frame.locator('.order-card')
    await card.waitFor()
    await expect(card.locator('.order-status').textContent()).resolves.toBe('Delivery failed')
    await expect(card.locator('.order-hint').textContent()).resolves.toBe(
      'Paid but out of stock: an agent will re-deliver or refund you.',
    )
    await expect(card.locator('dd').last().textContent()).resolves.toBe('0 / 1')
    await expect(card.locator('.codes').count()).resolves.toBe(0)
  })

  it('offers a signed-in buyer their own recent orders, and only theirs', async () => {
    const pending = demoOrder('paid_pending')
    const { page, frame } = await buyer({ identify: 'u_1001' })
    await frame.getByRole('button', { name: '查订单' }).click()
    const picker = frame.locator('.lookup .conv')
    await picker.first().waitFor()
    const listed = (await picker.locator('.conv-top > span:first-child').allTextContents()).sort()
    const theirs = demo.demoOrders.filter((o) => o.buyerId === 'u_1001').map((o) => o.orderNo)
    expect(listed.length).toBeGreaterThan(0)
    for (const no of listed) expect(theirs).toContain(no)
    expect(listed).not.toContain(demoOrder('delivery_failed').orderNo)

    const linked = page.waitForResponse((r) => r.url().endsWith('/v1/widget/orders/link'))
    await picker.filter({ hasText: pending.orderNo }).click()
    const card = frame.locator('.order-card')
    await expect(card.locator('.order-status').textContent()).resolves.toBe('处理中')
    await expect(card.locator('.order-hint').textContent()).resolves.toContain('人工充值处理中')
    // The picked order goes beside the (new) conversation for the agent, and into a ticket made from it.
    const link = await linked
    expect(link.status()).toBe(200)
    const { conversationId } = link.request().postDataJSON() as { conversationId: string }
    const res = await fetch(`${env.kefu.url}/v1/conversations/${conversationId}/ticket`, {
      headers: { cookie: shop.cookie },
    })
    expect(((await res.json()) as ConversationTicket).suggestion.orderNos).toEqual([pending.orderNo])
    expect((await agentCard(conversationId)).orders.map((o) => o.order.orderNo)).toContain(pending.orderNo)
  })

  it("shows the server's words once the buyer has looked up too many times", async () => {
    const { page, frame } = await buyer({ order: 'ZZZZZZZZZZZZZZZZ' })
    const lookups = () => page.waitForResponse((r) => r.url().endsWith('/v1/widget/orders/lookup'))
    let last = 0
    for (let i = 0; i < 11; i++) {
      const [res] = await Promise.all([lookups(), lookUp(frame, `guess-${i}@example.com`)])
      last = res.status()
    }
    expect(last).toBe(429)
    await expect(frame.locator('.lookup [role="alert"]').textContent()).resolves.toMatch(/^Too many attempts/)
  })

  it('looks right in Chinese (screenshot)', async () => {
    const delivered = demoOrder('delivered')
    const { page, frame } = await buyer({ order: delivered.orderNo })
    const text = '我付款了但没收到卡密'
    await sendFromWidget(frame, text)
    const created = await shop.agent.waitFor(isVisitorMessage(text))
    await frame.locator('.msg-row.mine .ticks').waitFor()
    await lookUp(frame, delivered.email)
    await frame.locator('.order-card').waitFor()
    // Looked up inside the existing conversation: it is that conversation's order.
    const linked = await agentCard(created.message.conversationId)
    expect(linked.orders.map((o) => o.order.orderNo)).toContain(delivered.orderNo)
    await shop.agent.reply(created.message.conversationId, '已查到您的订单，卡密已重新发送到邮箱，请查收。')
    await frame.locator('.msg-row[data-author="agent"]').waitFor()
    await frame.locator('textarea').focus()
    await page.screenshot({ path: screenshot })
  })
})

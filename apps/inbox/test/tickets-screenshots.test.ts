import type { TestKefu } from '@kefu/api/testing'
import type { DemoShop } from '@kefu/demo-shop'
import type { TicketDetail } from '@kefu/protocol'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { screenshotPath } from '../../../tooling/screenshots.ts'
import { Buyer } from './buyer.ts'
import { eventually, logIn, newAgentPage, startInboxTest } from './setup.ts'
import { connectDemoShop, demoOrder, ownerApi } from './shop.ts'

let kefu: TestKefu
let browser: Browser
let demo: DemoShop

beforeAll(async () => {
  ;({ kefu, browser } = await startInboxTest())
})

afterAll(async () => {
  await browser?.close()
  await demo?.close()
  await kefu?.close()
})

it('documents the ticket panel and the tickets page at 1280 px', async () => {
  const shop = await kefu.newShop({ name: '星光卡铺', origins: ['http://127.0.0.1'] })
  const owner = await shop.login()
  demo = await connectDemoShop(kefu, shop, owner)
  const delivered = demoOrder(demo, 'delivered')

  /** A signed-in buyer who writes `text`; returns the conversation id. */
  const buyers: Buyer[] = []
  const chat = async (userId: string, name: string, text: string) => {
    const buyer = await Buyer.open(kefu.url, shop.keys.publicKey)
    buyers.push(buyer)
    await buyer.identify(shop.keys.identitySecret, userId, { name })
    return (await buyer.start(text)).conversation.id
  }
  const api = async (path: string, method: string, body?: unknown) => {
    const res = await ownerApi(kefu, owner, path, method, body)
    expect(res.status).toBeLessThan(300)
    return (await res.json()) as TicketDetail
  }
  const ticketFor = (conversationId: string, extra: Record<string, unknown> = {}) =>
    api('/v1/tickets', 'POST', { conversationId, ...extra })

  // The ticket in the picture, opened by the agent below; then the rest of the shop's day.
  const li = await chat('u_1001', '李明', `我的卡密没收到，订单号 ${delivered.orderNo}，急！`)
  const page = await newAgentPage(browser)
  await logIn(page, kefu.url, shop.agent)
  await page.locator(`[data-id="${li}"]`).click()
  await page.fill('[data-testid=order-lookup-input]', delivered.orderNo)
  await page.click('[data-testid=order-lookup-submit]')
  const form = page.locator('[data-testid=ticket-create]')
  await form.locator('[data-testid=ticket-suggested-orders]', { hasText: delivered.orderNo }).waitFor()
  await form.locator('input[name=subject]').fill('卡密未收到（已付款，邮件里也没有）')
  await form.locator('[data-testid=ticket-create-submit]').click()
  const card = page.locator('[data-testid=ticket-card]')
  await card.waitFor()
  expect(await card.locator('[data-testid=ticket-number]').textContent()).toBe('#1001')

  // The buyer sends a screenshot of their mailbox: it joins the ticket as evidence, live.
  const mailbox = await page.context().newPage()
  await mailbox.setViewportSize({ width: 360, height: 200 })
  await mailbox.setContent(
    `<body style="margin:0;font:14px sans-serif;background:#fff"><div style="padding:10px 14px;background:#2563eb;color:#fff">收件箱 Inbox</div>
     <p style="padding:0 14px;color:#334155">最近 24 小时没有来自「星光卡铺」的邮件</p><p style="padding:0 14px;color:#94a3b8">No mail from 星光卡铺 in the last 24 hours</p></body>`,
  )
  const shot = await mailbox.screenshot()
  await mailbox.close()
  await buyers[0]!.sendFile(li, shot, 'image/png', '邮箱截图.png')
  await card.locator('[data-testid=ticket-evidence] img').waitFor()

  const others = [
    await chat('u_1002', '王芳', 'Steam 卡密提示已被使用，兑换失败'),
    await chat('u_1003', '张伟', '付款了但是订单还是显示未支付，钱已经扣了'),
    await chat('u_1004', 'Alex Chen', 'How do I redeem the Xbox gift card?'),
    await chat('u_1005', '陈静', '买错面值了，想申请退款'),
  ]
  const [wang, zhang, alex, chen] = others as [string, string, string, string]
  const t2 = await ticketFor(wang)
  await ticketFor(zhang)
  const t4 = await ticketFor(alex)
  const t5 = await ticketFor(chen)
  await api(`/v1/tickets/${t2.id}`, 'PATCH', { status: 'pending' })
  await api(`/v1/tickets/${t4.id}`, 'PATCH', { status: 'solved' })
  await api(`/v1/tickets/${t5.id}`, 'PATCH', { status: 'on_hold' })

  await page.keyboard.press('r')
  await page.keyboard.type('您好李明，已为您登记工单，正在向店铺核实发货记录。')
  await page.keyboard.press('Enter')
  await eventually(async () => (await card.getAttribute('data-status')) === 'open', 'first reply opens it')
  await card.locator('select[name=priority]').selectOption('urgent')
  await card.locator('[data-testid=ticket-event][data-type=priority]').waitFor()
  const assignee = card.locator('select[name=assignee]')
  await assignee.selectOption((await assignee.locator('option').nth(1).getAttribute('value')) ?? '')
  await card.locator('[data-testid=ticket-event][data-type=assignee]').waitFor()
  await card.locator('[data-testid=ticket-note-input]').fill('店铺日志显示邮件发送失败，已请店铺补发')
  await card.locator('[data-testid=ticket-note-submit]').click()
  await card.locator('[data-testid=ticket-event][data-type=note]').waitFor()
  await page.locator('[data-testid=ticket-save][data-state=idle]').waitFor({ state: 'attached' })
  await page.locator('[data-testid=messages]').click()
  // A window tall enough for the whole ticket panel, scrolled to it.
  const height = await page.locator('[data-testid=ticket-panel]').evaluate((el) => el.scrollHeight + 52)
  await page.setViewportSize({ width: 1280, height: Math.max(800, Math.min(1000, height)) })
  await page.locator('[data-testid=ticket-panel]').evaluate((el) => el.scrollIntoView())
  await page.waitForTimeout(300)
  await page.screenshot({ path: screenshotPath('inbox-ticket-panel.png') })
  await page.setViewportSize({ width: 1280, height: 800 })

  await page.click('[data-testid=nav-tickets]')
  await page.locator('[data-testid=ticket-row]').first().waitFor()
  // Solved ones leave the default (active) list.
  expect(await page.locator('[data-testid=ticket-row]').count()).toBe(4)
  await page.waitForTimeout(200)
  await page.screenshot({ path: screenshotPath('inbox-tickets.png') })
  await page.context().close()
})

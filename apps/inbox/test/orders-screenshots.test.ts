import { mkdirSync } from 'node:fs'
import type { TestKefu } from '@kefu/api/testing'
import type { DemoShop } from '@kefu/demo-shop'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { screenshotDir } from '../../../tooling/screenshots.ts'
import { Buyer } from './buyer.ts'
import { eventually, logIn, newAgentPage, startInboxTest } from './setup.ts'
import { connectDemoShop, demoOrder, ownerApi } from './shop.ts'

const shots = `${screenshotDir}/`

let kefu: TestKefu
let browser: Browser
let demo: DemoShop

beforeAll(async () => {
  ;({ kefu, browser } = await startInboxTest())
  mkdirSync(shots, { recursive: true })
})

afterAll(async () => {
  await browser?.close()
  await demo?.close()
  await kefu?.close()
})

it('documents the order card and the shop settings at 1280 px', async () => {
  const shop = await kefu.newShop({ name: '星光卡铺', origins: ['http://127.0.0.1'] })
  const owner = await shop.login()
  demo = await connectDemoShop(kefu, shop, owner)
  await ownerApi(kefu, owner, '/v1/shop-connection', 'PUT', {
    webhookUrl: `${demo.url}/kefu/webhook`,
    refundMaxAmount: '200.00',
    events: ['conversation.created', 'message.created'],
  })
  const multi = demoOrder(demo, 'multi-code')

  const li = await Buyer.open(kefu.url, shop.keys.publicKey, {
    url: `http://127.0.0.1/order/${multi.orderNo}`,
    title: `订单 ${multi.orderNo}`,
  })
  await li.identify(shop.keys.identitySecret, 'u_1001', { name: '李明', email: 'li@example.com' })
  const { conversation } = await li.start(`买了 3 张 Steam 卡只收到 2 张，订单号 ${multi.orderNo}`)
  const looked = await fetch(`${kefu.url}/v1/widget/orders/lookup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${li.token}` },
    body: JSON.stringify({ orderNo: multi.orderNo, contact: multi.email, conversationId: conversation.id }),
  })
  expect(looked.status).toBe(200)

  const page = await newAgentPage(browser)
  await logIn(page, kefu.url, shop.agent)
  await page.locator(`[data-id="${conversation.id}"]`).click()
  const card = page.locator(`[data-testid=order-card][data-order-no="${multi.orderNo}"]`)
  await card.waitFor()
  expect(await card.locator('.order-source').textContent()).toBe('买家自助查询')
  expect(await card.locator('[data-testid=order-delivered]').textContent()).toBe('2/3 已发货')
  // The shop re-sends only delivered orders: for this one the agent notes the shortage.
  expect(await card.locator('[data-testid=order-resend]').isDisabled()).toBe(true)
  await card.locator('[data-testid=order-note]').click()
  await page.locator('[data-testid=note-dialog] textarea').fill('缺 1 张，买家同意等补货，今天内补发')
  await page.locator('[data-testid=note-dialog] [data-testid=dialog-confirm]').click()
  const result = card.locator('[data-testid=order-action-result]')
  await eventually(async () => (await result.getAttribute('data-status')) !== 'busy', 're-send answered')
  await page.keyboard.press('r')
  await page.keyboard.type('您好李明，缺的那张卡密已补发到您的邮箱，请查收。')
  await page.keyboard.press('Enter')
  await page.locator('.msg-out', { hasText: '缺的那张卡密已补发' }).waitFor()
  await page.locator('[data-testid=messages]').click()
  await page.locator('[data-testid=order-panel]').evaluate((el) => el.scrollIntoView())
  await page.waitForTimeout(300)
  await page.screenshot({ path: `${shots}inbox-orders.png` })

  await page.goto(`${kefu.url}/inbox/settings/shop`)
  await page.locator('[data-testid=delivery-row]').first().waitFor()
  expect(await page.locator('input[name=webhookUrl]').inputValue()).toBe(`${demo.url}/kefu/webhook`)
  expect(await page.locator('[data-testid=shop-connection-state]').getAttribute('data-state')).toBe('ok')
  expect(await page.locator('[data-testid=delivery-row]').count()).toBeGreaterThan(2)
  // The settings body scrolls inside the page: make the window tall enough to show the log.
  const height = await page.evaluate(() => {
    const body = document.querySelector('.settings-body')!
    return body.getBoundingClientRect().top + body.scrollHeight
  })
  await page.setViewportSize({ width: 1280, height: Math.min(1600, Math.ceil(height)) })
  await page.waitForTimeout(200)
  await page.screenshot({ path: `${shots}inbox-shop-settings.png` })
  await page.context().close()
})

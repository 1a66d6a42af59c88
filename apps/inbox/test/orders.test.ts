import type { TestKefu } from '@kefu/api/testing'
import type { DemoShop } from '@kefu/demo-shop'
import { allDemoCodes } from '@kefu/demo-shop/seed-data'
import type { ConversationOrders } from '@kefu/protocol'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { Buyer } from './buyer.ts'
import { eventually, logIn, newAgentPage, startInboxTest } from './setup.ts'
import { connectDemoShop, demoOrder, inviteMember, ownerApi } from './shop.ts'

let kefu: TestKefu
let browser: Browser
let demo: DemoShop
let shop: Awaited<ReturnType<TestKefu['newShop']>>

beforeAll(async () => {
  ;({ kefu, browser } = await startInboxTest())
  shop = await kefu.newShop({ role: 'owner' })
  demo = await connectDemoShop(kefu, shop, await shop.login())
})

afterAll(async () => {
  await browser?.close()
  await demo?.close()
  await kefu?.close()
})

async function openConversation(page: Page, conversationId: string) {
  await page.locator(`[data-testid=conversation-row][data-id="${conversationId}"]`).click()
  await page.locator('[data-testid=order-panel]').waitFor()
}

async function lookUp(page: Page, orderNo: string) {
  await page.fill('[data-testid=order-lookup-input]', orderNo)
  await page.click('[data-testid=order-lookup-submit]')
}

const card = (page: Page, orderNo: string) =>
  page.locator(`[data-testid=order-card][data-order-no="${orderNo}"]`)

it('looks the delivered order up with codes masked, re-sends the codes and the buyer is told', async () => {
  const delivered = demoOrder(demo, 'delivered')
  const buyer = await Buyer.open(kefu.url, shop.keys.publicKey)
  await buyer.listen()
  const { conversation } = await buyer.start(`订单 ${delivered.orderNo} 没收到卡密`)
  const page = await newAgentPage(browser)
  await logIn(page, kefu.url, shop.agent)
  await openConversation(page, conversation.id)
  expect(await page.locator('[data-testid=shop-banner]').count()).toBe(0)

  await lookUp(page, delivered.orderNo)
  const order = card(page, delivered.orderNo)
  await order.waitFor()
  expect(await order.getAttribute('data-status')).toBe('delivered')
  expect(await order.locator('[data-testid=order-status]').textContent()).toBe('已发货')
  expect(await order.locator('[data-testid=order-delivered]').textContent()).toBe('1/1 已发货')
  const codes = await order.locator('[data-testid=order-codes] code').allTextContents()
  expect(codes).toHaveLength(1)
  expect(codes[0]).toMatch(/\*{4}/)
  const text = (await order.textContent()) ?? ''
  for (const code of allDemoCodes) expect(text).not.toContain(code)
  expect(text).not.toContain(delivered.email)
  expect(text).toContain('客服关联')

  await order.locator('[data-testid=order-resend]').click()
  const result = order.locator('[data-testid=order-action-result]')
  await eventually(
    async () => (await result.getAttribute('data-status')) === 'completed',
    're-send completed',
  )
  expect(await result.textContent()).toContain('补发卡密 · 已完成')
  const told = await buyer.waitFor(
    (e) => e.type === 'message.created' && e.message.author.type === 'system' && !e.message.internal,
  )
  // The buyer's widget speaks zh-CN: the notice is in their language only.
  expect(told.type === 'message.created' && told.message.text).toBe('我们已重新发送您的卡密，请查收邮件。')
  await page.locator('.system-line', { hasText: '我们已重新发送您的卡密' }).waitFor()
  buyer.close()
  await page.context().close()
})

it('disables Refund for a plain agent; an owner refunds the failed order and both cards show it', async () => {
  const failed = demoOrder(demo, 'delivery_failed')
  const buyer = await Buyer.open(kefu.url, shop.keys.publicKey)
  const { conversation } = await buyer.start('付款了没发货，要退款')
  const junior = await inviteMember(kefu, await shop.login(), 'agent')

  const agentPage = await newAgentPage(browser)
  await logIn(agentPage, kefu.url, junior)
  await openConversation(agentPage, conversation.id)
  await lookUp(agentPage, failed.orderNo)
  const agentCard = card(agentPage, failed.orderNo)
  await agentCard.waitFor()
  expect(await agentCard.getAttribute('data-status')).toBe('delivery_failed')
  expect(await agentCard.locator('[data-testid=order-delivered]').getAttribute('class')).toContain('short')
  expect(await agentCard.locator('[data-testid=order-refund]').isDisabled()).toBe(true)
  expect(await agentCard.locator('[data-testid=order-refund]').getAttribute('title')).toBe(
    '您的角色无权执行此操作',
  )

  const ownerPage = await newAgentPage(browser)
  await logIn(ownerPage, kefu.url, shop.agent)
  await openConversation(ownerPage, conversation.id)
  const ownerCard = card(ownerPage, failed.orderNo)
  await ownerCard.waitFor()
  await ownerCard.locator('[data-testid=order-refund]').click()
  const dialog = ownerPage.locator('[data-testid=refund-dialog]')
  // The full amount by default (no refund limit is set).
  const onCard = (await (
    await ownerApi(kefu, await shop.login(), `/v1/conversations/${conversation.id}/orders`)
  ).json()) as ConversationOrders
  const full = onCard.orders.find((o) => o.order.orderNo === failed.orderNo)?.order.amount.value
  expect(full).toMatch(/^\d/)
  expect(await dialog.locator('input[name=amount]').inputValue()).toBe(full)
  // A reason is required.
  expect(await dialog.locator('[data-testid=dialog-confirm]').isDisabled()).toBe(true)
  await dialog.locator('textarea[name=reason]').fill('缺货，原路退款')
  await dialog.locator('[data-testid=dialog-confirm]').click()
  await eventually(
    async () => (await ownerCard.getAttribute('data-status')) === 'refunded',
    'owner card refunded',
  )
  expect(await ownerCard.locator('[data-testid=order-action-result]').getAttribute('data-status')).toBe(
    'completed',
  )
  expect(await ownerCard.locator('[data-testid=order-status]').textContent()).toBe('已退款')
  // The agent's card follows live (order.updated), without a reload.
  await eventually(
    async () => (await agentCard.getAttribute('data-status')) === 'refunded',
    'agent card refunded',
  )
  await agentPage.context().close()
  await ownerPage.context().close()
})

it('offers the order numbers the buyer typed, live, and looks one up in a click', async () => {
  const delivered = demoOrder(demo, 'delivered')
  const buyer = await Buyer.open(kefu.url, shop.keys.publicKey)
  const { conversation } = await buyer.start(`你好，订单号 ${delivered.orderNo} 的卡密没收到`)
  const page = await newAgentPage(browser)
  await logIn(page, kefu.url, shop.agent)
  await openConversation(page, conversation.id)
  const mentioned = page.locator('[data-testid=order-mentioned] button')
  await eventually(async () => (await mentioned.allTextContents()).includes(delivered.orderNo), 'chip shown')

  // A number typed later shows up without reloading; one the shop does not know is crossed out.
  await buyer.send(conversation.id, '还有一单 order no. ZZZZ99990000 也没到')
  await eventually(async () => (await mentioned.count()) === 2, 'second chip shown live')
  await mentioned.filter({ hasText: 'ZZZZ99990000' }).click()
  await eventually(
    async () => await mentioned.filter({ hasText: 'ZZZZ99990000' }).isDisabled(),
    'unknown order crossed out',
  )

  await mentioned.filter({ hasText: delivered.orderNo }).click()
  await card(page, delivered.orderNo).waitFor()
  await eventually(
    async () => !(await mentioned.allTextContents()).includes(delivered.orderNo),
    'linked order leaves the chips',
  )
  buyer.close()
  await page.context().close()
})

it('says the shop is failing, with the reason, when it is down, and the inbox stays usable', async () => {
  const multi = demoOrder(demo, 'multi-code')
  const buyer = await Buyer.open(kefu.url, shop.keys.publicKey)
  await buyer.listen()
  const { conversation } = await buyer.start('3 张只收到 2 张')
  const page = await newAgentPage(browser)
  await logIn(page, kefu.url, shop.agent)
  await openConversation(page, conversation.id)
  await lookUp(page, multi.orderNo)
  await card(page, multi.orderNo).waitFor()
  expect(await card(page, multi.orderNo).locator('[data-testid=order-delivered]').textContent()).toBe(
    '2/3 已发货',
  )

  await demo.close()
  await lookUp(page, demoOrder(demo, 'paid_pending').orderNo)
  const problem = page.locator('[data-testid=order-lookup-problem]')
  await problem.waitFor()
  expect((await problem.textContent())?.length).toBeGreaterThan(5)
  const banner = page.locator('[data-testid=shop-banner]')
  await banner.waitFor()
  expect(await banner.getAttribute('data-state')).toBe('failing')
  const said = (await banner.textContent()) ?? ''
  expect(said).toContain('最近一次调用店铺失败')
  expect(said).toMatch(/原因：.+/)
  // The order already on the card stays, and the agent can still answer the buyer.
  expect(await card(page, multi.orderNo).count()).toBe(1)
  await page.keyboard.press('Escape')
  await page.locator('[data-testid=messages]').click()
  await page.keyboard.press('r')
  await page.keyboard.type('店铺系统暂时故障，稍后为您补发')
  await page.keyboard.press('Enter')
  await buyer.waitFor(
    (e) => e.type === 'message.created' && e.message.text === '店铺系统暂时故障，稍后为您补发',
  )
  buyer.close()
  await page.context().close()
})

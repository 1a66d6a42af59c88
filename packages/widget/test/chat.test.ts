import type { ServerEvent } from '@kefu/protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isVisitorMessage } from './agent.ts'
import { launcher, openWidget, sendFromWidget, startWidgetEnv, type WidgetEnv } from './env.ts'

let env: WidgetEnv
beforeAll(async () => {
  env = await startWidgetEnv()
})
afterAll(() => env?.close())

describe('the buyer chats from the shop page', () => {
  it('reaches an agent, and the reply comes back live, marked official', async () => {
    const { agent } = await env.newShop()
    const page = await (await env.newBuyer()).newPage()
    await page.goto('/')
    const frame = await openWidget(page)

    const text = '我付款了但没有收到卡密，订单号 DJK7Q2M9X4LP'
    await sendFromWidget(frame, text)
    const created = await agent.waitFor(isVisitorMessage(text))
    const conversationId = created.message.conversationId

    // The buyer sees it stored (✓), then the agent's reply appears without a reload.
    await frame.locator('.msg-row.mine .ticks').first().waitFor()
    const reply = '您好，已为您重新发送卡密，请刷新订单页查看。'
    await agent.reply(conversationId, reply)
    const bubble = frame.locator('.msg-row[data-author="agent"]', { hasText: reply })
    await bubble.waitFor({ timeout: 10_000 })
    await expect(bubble.locator('.official').textContent()).resolves.toContain('官方客服')
    // The buyer's own message never carries the mark.
    await expect(frame.locator('.msg-row.mine .official').count()).resolves.toBe(0)
  })

  it('shows markup and javascript: links from anyone as text, and runs nothing', async () => {
    const { agent } = await env.newShop()
    const page = await (await env.newBuyer()).newPage()
    const dialogs: string[] = []
    page.on('dialog', (d) => {
      dialogs.push(d.message())
      void d.dismiss()
    })
    await page.goto('/')
    const frame = await openWidget(page)
    const payload = '<img src=x onerror=alert(1)>'
    await sendFromWidget(frame, payload)
    const created = await agent.waitFor(isVisitorMessage(payload))
    const id = created.message.conversationId

    const evil = [
      '<img src=x onerror=alert(2)><script>alert(3)</script>',
      '[点这里](javascript:alert(4))',
      'javascript:alert(5)',
    ]
    for (const text of evil) await agent.reply(id, text)
    await agent.reply(id, '订单页：https://shop.example/orders/1')
    const log = frame.locator('[role="log"]')
    await log.getByText('https://shop.example/orders/1').waitFor()

    for (const text of [payload, ...evil])
      await expect(log.getByText(text, { exact: true }).count()).resolves.toBe(1)
    await expect(log.locator('img, script').count()).resolves.toBe(0)
    const hrefs = await log
      .locator('a')
      .evaluateAll((as) => as.map((a) => [a.getAttribute('href'), a.getAttribute('rel')]))
    expect(hrefs).toEqual([['https://shop.example/orders/1', 'noopener noreferrer']])

    await log.getByText('javascript:alert(5)').click()
    await log.getByText('[点这里](javascript:alert(4))').click()
    await page.waitForTimeout(500)
    expect(dialogs).toEqual([])
  })

  it('shows a returning visitor their conversation after a reload', async () => {
    const { agent } = await env.newShop()
    const context = await env.newProfileBuyer()
    const page = context.pages()[0] ?? (await context.newPage())
    await page.goto('/')
    let frame = await openWidget(page)
    const text = '上次的充值卡还没到账'
    await sendFromWidget(frame, text)
    const created = await agent.waitFor(isVisitorMessage(text))
    await agent.reply(created.message.conversationId, '正在为您查询')

    await page.reload()
    frame = await openWidget(page)
    const log = frame.locator('[role="log"]')
    await log.getByText(text).waitFor()
    await log.getByText('正在为您查询').waitFor()
    // Back to the list: the same conversation, once.
    await frame.getByRole('button', { name: '返回对话列表' }).click()
    await expect(frame.locator('.conv').count()).resolves.toBe(1)
    await expect(frame.locator('.conv').textContent()).resolves.toContain('正在为您查询')

    // Same buyer, same visitor: the agent sees one conversation, not two.
    const sent = agent.events.filter(
      (e: ServerEvent) => e.type === 'message.created' && e.message.author.type === 'visitor',
    )
    expect(
      new Set(sent.map((e) => (e as { message: { conversationId: string } }).message.conversationId)).size,
    ).toBe(1)
  })

  it('works from the keyboard, and counts unread replies on the launcher while closed', async () => {
    const { agent } = await env.newShop()
    const page = await (await env.newBuyer()).newPage()
    await page.goto('/')
    const frame = await openWidget(page)
    await sendFromWidget(frame, '能开发票吗？')
    const created = await agent.waitFor(isVisitorMessage('能开发票吗？'))

    // Tab stays inside the open panel; every control has a name.
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab')
      const inFrame = await frame.locator(':focus').count()
      expect(inFrame).toBe(1)
    }
    const unnamed = await frame
      .locator('button, textarea')
      .evaluateAll(
        (els) => els.filter((el) => !(el.getAttribute('aria-label') || el.textContent?.trim())).length,
      )
    expect(unnamed).toBe(0)

    // Esc closes and gives focus back to the launcher.
    await frame.locator('textarea').focus()
    await page.keyboard.press('Escape')
    // The frame asks the loader to close over postMessage: wait for the round trip.
    await expect.poll(() => launcher(page).getAttribute('aria-expanded')).toBe('false')
    await expect(
      launcher(page).evaluate((el) => (el.getRootNode() as ShadowRoot).activeElement === el),
    ).resolves.toBe(true)

    await agent.reply(created.message.conversationId, '可以，请提供抬头和税号')
    const badge = page.locator('kefu-widget .b')
    await badge.waitFor({ state: 'visible' })
    await expect(badge.textContent()).resolves.toBe('1')
    await expect(launcher(page).getAttribute('aria-label')).resolves.toContain('1 条未读')

    // Opening the chat reads it: the badge goes away.
    await page.keyboard.press('Enter')
    await frame.getByText('可以，请提供抬头和税号').waitFor()
    await badge.waitFor({ state: 'hidden' })
  })
})

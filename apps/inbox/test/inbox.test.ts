import type { TestKefu } from '@kefu/api/testing'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { Buyer } from './buyer.ts'
import { eventually, logIn, newAgentPage, startInboxTest } from './setup.ts'

let kefu: TestKefu
let browser: Browser

beforeAll(async () => {
  ;({ kefu, browser } = await startInboxTest())
})

afterAll(async () => {
  await browser?.close()
  await kefu?.close()
})

it('shows a new chat without reload, and the buyer receives the reply but never the note', async () => {
  const shop = await kefu.newShop()
  const page = await newAgentPage(browser)
  await logIn(page, kefu.url, shop.agent)
  await page.locator('.list .empty').waitFor()
  expect(await page.locator('[data-testid=conversation-row]').count()).toBe(0)

  const buyer = await Buyer.open(kefu.url, shop.keys.publicKey)
  await buyer.listen()
  const { conversation } = await buyer.start('你好，我付款了但没收到卡密')

  const row = page.locator(`[data-testid=conversation-row][data-id="${conversation.id}"]`)
  await row.waitFor({ timeout: 10_000 })
  expect(await row.textContent()).toContain('没收到卡密')
  expect(await row.locator('[data-testid=unread]').textContent()).toBe('1')
  expect(await row.locator('[data-testid=waiting]').textContent()).toContain('等待')

  await row.click()
  await page.locator('[data-testid=message]').first().waitFor()
  // Opening it reads it: the marker goes.
  await row.locator('[data-testid=unread]').waitFor({ state: 'detached' })

  await page.keyboard.press('r')
  await page.keyboard.type('您好，卡密已重新发送到您的邮箱')
  await page.keyboard.press('Enter')
  const reply = await buyer.waitFor((e) => e.type === 'message.created' && e.message.author.type === 'agent')
  expect(reply.type === 'message.created' && reply.message.text).toBe('您好，卡密已重新发送到您的邮箱')

  // An internal note: yellow in the inbox, never sent to the buyer.
  await page.click('[data-testid=note-tab]')
  await page.keyboard.type('已核实订单，缺货补发')
  await page.keyboard.press('Enter')
  const note = page.locator('.msg-note', { hasText: '已核实订单，缺货补发' })
  await note.waitFor()
  expect(await note.locator('.bubble').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(
    'rgb(254, 249, 195)',
  )

  // The buyer writes again: it arrives live in the open thread, with the read receipt on our reply.
  await buyer.send(conversation.id, '收到了，谢谢！')
  await page.locator('[data-testid=message]', { hasText: '收到了，谢谢！' }).waitFor()
  expect(buyer.events.some((e) => e.type === 'message.created' && e.message.internal)).toBe(false)
  expect(JSON.stringify(buyer.events)).not.toContain('缺货补发')

  // Resolve with the keyboard.
  await page.locator('[data-testid=messages]').click()
  await page.keyboard.press('e')
  await eventually(
    async () => (await page.locator('[data-testid=thread-status]').textContent()) === '已解决',
    'resolved',
  )
  buyer.close()
  await page.context().close()
})

it('catches up on what it missed while its socket was down', async () => {
  const shop = await kefu.newShop()
  const page = await newAgentPage(browser, 'en')
  await logIn(page, kefu.url, shop.agent)
  const buyer = await Buyer.open(kefu.url, shop.keys.publicKey)
  const { conversation } = await buyer.start('first message')
  await page.locator(`[data-id="${conversation.id}"]`).click()
  await page.locator('[data-testid=message]', { hasText: 'first message' }).waitFor()

  await kefu.stop()
  await page.locator('[data-testid=connection].conn-offline').waitFor({ timeout: 10_000 })
  await kefu.restart()
  await buyer.send(conversation.id, 'written while the inbox was offline')
  await page
    .locator('[data-testid=message]', { hasText: 'written while the inbox was offline' })
    .waitFor({ timeout: 20_000 })
  await page.locator('[data-testid=connection].conn-online').waitFor()
  await page.context().close()
})

it('fits the thread header in the thread column at 1280 px, in English and Chinese', async () => {
  const shop = await kefu.newShop()
  const buyer = await Buyer.open(kefu.url, shop.keys.publicKey)
  await buyer.identify(shop.keys.identitySecret, 'u_1', { name: 'Alexandra Montgomery-Smith' })
  const { conversation } = await buyer.start('Hi, my Steam card says it was already used')
  for (const locale of ['en', 'zh-CN']) {
    const page = await newAgentPage(browser, locale)
    await logIn(page, kefu.url, shop.agent)
    await page.locator(`[data-id="${conversation.id}"]`).click()
    // Unassigned and open: the most actions there are (assign, assign to me, pending, resolve).
    await page.locator('[data-testid=resolve]').waitFor()
    const box = (selector: string) =>
      page
        .locator(selector)
        .first()
        .evaluate((el) => el.getBoundingClientRect())
    const thread = await box('.thread')
    for (const control of await page.locator('.thread-head :is(button, select)').all()) {
      const { right } = await control.evaluate((el) => el.getBoundingClientRect())
      expect(right, `${locale}: ${await control.textContent()}`).toBeLessThanOrEqual(thread.right)
    }
    if (locale === 'zh-CN') {
      // Chinese labels are short: the actions stay beside the name.
      expect((await box('.thread-actions')).top).toBeLessThan((await box('.thread-title h1')).bottom)
    }
    await page.context().close()
  }
})

it('keeps an agent (not admin) out of settings, in the UI and on the server', async () => {
  const shop = await kefu.newShop({ role: 'agent' })
  const page = await newAgentPage(browser)
  await logIn(page, kefu.url, shop.agent)
  expect(await page.locator('[data-testid=nav-settings]').count()).toBe(0)
  const statuses = await page.evaluate(async () => {
    const calls: Array<[string, string, unknown?]> = [
      ['GET', '/v1/settings'],
      ['PATCH', '/v1/settings', { shopName: 'taken over' }],
      ['GET', '/v1/settings/keys'],
      ['POST', '/v1/settings/keys/secret/rotate', {}],
      ['GET', '/v1/team'],
      ['POST', '/v1/team/invitations', { email: 'x@test.kefu.local', role: 'owner' }],
      ['POST', '/v1/canned-replies', { shortcut: 'x', title: 'x', text: 'x' }],
    ]
    const out: number[] = []
    for (const [method, path, body] of calls) {
      const res = await fetch(path, {
        method,
        headers: { 'content-type': 'application/json' },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      })
      out.push(res.status)
    }
    return out
  })
  expect(statuses).toEqual([403, 403, 403, 403, 403, 403, 403])
  await page.goto(`${kefu.url}/inbox/settings`)
  await page.locator('[data-testid=settings-forbidden]').waitFor()
  // What agents may use still works for them.
  expect(await page.evaluate(async () => (await fetch('/v1/canned-replies')).status)).toBe(200)
  await page.context().close()
})

it('signs a new shop up and shows the onboarding with its snippet', async () => {
  const page = await newAgentPage(browser, 'en')
  await page.goto(`${kefu.url}/inbox/signup`)
  await page.fill('input[name=name]', 'Li')
  await page.fill('input[name=shopName]', 'Li Cards')
  await page.fill('input[name=email]', `li-${Date.now()}@test.kefu.local`)
  await page.fill('input[name=password]', 'a long enough password')
  await page.fill('input[name=origin]', 'li-cards.example')
  await page.click('button[type=submit]')
  await page.locator('[data-testid=snippet]').waitFor()
  const snippet = await page.locator('[data-testid=snippet]').textContent()
  expect(snippet).toMatch(
    new RegExp(`^<script async src="${kefu.url}/widget.js" data-key="pk_live_\\w+"></script>$`),
  )
  expect(await page.locator('.origins code').allTextContents()).toEqual(['https://li-cards.example'])
  expect(await page.locator('.notice.ok code').textContent()).toMatch(/^sk_live_/)
  await page.context().close()
})

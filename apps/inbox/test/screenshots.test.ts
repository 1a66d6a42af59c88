import { mkdirSync } from 'node:fs'
import type { TestKefu } from '@kefu/api/testing'
import { sql } from 'drizzle-orm'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { screenshotDir } from '../../../tooling/screenshots.ts'
import { Buyer } from './buyer.ts'
import { logIn, newAgentPage, startInboxTest } from './setup.ts'

const shots = `${screenshotDir}/`

let kefu: TestKefu
let browser: Browser

beforeAll(async () => {
  ;({ kefu, browser } = await startInboxTest())
  mkdirSync(shots, { recursive: true })
})

afterAll(async () => {
  await browser?.close()
  await kefu?.close()
})

/** Moves a conversation's messages into the past, so waiting times look like a working day. */
async function agoMinutes(conversationId: string, minutes: number) {
  const db = kefu.database.db
  await db.execute(
    sql`update messages set created_at = created_at - make_interval(mins => ${minutes}) where conversation_id = ${conversationId}`,
  )
  await db.execute(sql`update conversations set created_at = created_at - make_interval(mins => ${minutes}),
    updated_at = updated_at - make_interval(mins => ${minutes}), last_message_at = last_message_at - make_interval(mins => ${minutes})
    where id = ${conversationId}`)
}

it('documents the inbox and settings at 1280 px', async () => {
  const shop = await kefu.newShop({
    name: '星光卡铺',
    origins: ['http://127.0.0.1', 'https://cards.example'],
  })
  const cookie = await shop.login()
  const asOwner = (path: string, method: string, body: unknown) =>
    fetch(`${kefu.url}${path}`, {
      method,
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
  await asOwner('/v1/canned-replies', 'POST', {
    shortcut: 'resend',
    title: '补发卡密',
    text: '您好，卡密已重新发送到您下单时填写的邮箱，请查收（含垃圾箱）。',
  })
  await asOwner('/v1/canned-replies', 'POST', {
    shortcut: 'refund',
    title: '退款时效',
    text: '退款已提交，原路退回，1–3 个工作日到账。',
  })

  const anon = await Buyer.open(kefu.url, shop.keys.publicKey, {
    url: 'http://127.0.0.1/order/query',
    title: '订单查询',
  })
  const a = await anon.start('付款成功了，但是订单还显示待支付，怎么回事？')
  await agoMinutes(a.conversation.id, 22)

  const en = await Buyer.open(kefu.url, shop.keys.publicKey, {
    url: 'http://127.0.0.1/item/appstore-25',
    title: 'App Store Gift Card $25',
  })
  const e = await en.start('Hi, how do I redeem the App Store card on an iPhone?')
  await agoMinutes(e.conversation.id, 7)

  const refund = await Buyer.open(kefu.url, shop.keys.publicKey, {
    url: 'http://127.0.0.1/item/monthly',
    title: '游戏月卡（人工代充）',
  })
  const r = await refund.start('我要退款')
  await refund.send(r.conversation.id, '代充两个小时了还没到账')
  await agoMinutes(r.conversation.id, 3)

  const li = await Buyer.open(kefu.url, shop.keys.publicKey, { url: 'http://127.0.0.1/', title: '首页' })
  const old = await li.start('上次买的月卡已经到账了，谢谢')
  await asOwner(`/v1/conversations/${old.conversation.id}`, 'PATCH', { status: 'resolved' })
  await agoMinutes(old.conversation.id, 60 * 24 * 3)
  await Buyer.open(kefu.url, shop.keys.publicKey, {
    url: 'http://127.0.0.1/item/steam-100',
    title: 'Steam 充值卡 ¥100',
  })
  await li.identify(shop.keys.identitySecret, 'u_10086', { name: '李明', email: 'li.ming@example.com' })
  const liAgain = await Buyer.open(kefu.url, shop.keys.publicKey, {
    url: 'http://127.0.0.1/order/MHR8VMHANELA46H0',
    title: '订单 MHR8VMHANELA46H0',
  })
  void liAgain
  const main = await li.start('我买的 Steam 充值卡显示“该卡密已被使用”，订单号 MHR8VMHANELA46H0')

  const page = await newAgentPage(browser)
  await logIn(page, kefu.url, shop.agent)
  await page.locator(`[data-id="${main.conversation.id}"]`).click()
  await page.locator('[data-testid=message]').first().waitFor()
  await page.keyboard.press('n')
  await page.keyboard.type('已在店铺后台核实：该卡密 13:02 发出，14:10 被兑换。等店主确认是否补发。')
  await page.keyboard.press('Enter')
  await page.keyboard.press('Escape')
  await page.keyboard.press('r')
  await page.keyboard.type(
    '您好李明，我们查到这张卡密在您下单后 1 小时被兑换过，请问是否在其他设备上使用过？',
  )
  await page.keyboard.press('Enter')
  await li.send(main.conversation.id, '没有，我刚收到邮件就去兑换了，提示已使用。截图在这里')
  await page.locator('[data-testid=message]', { hasText: '截图在这里' }).waitFor()
  expect(await page.locator('.msg-out', { hasText: '您好李明' }).count()).toBe(1)
  await page.locator('[data-testid=side-panel] [data-testid=identity].verified').waitFor()
  await page.locator('.past li').first().waitFor()
  await page.locator('[data-testid=composer] textarea').click()
  await page.keyboard.type('/re')
  await page.locator('[data-testid=canned-picker]').waitFor()
  await page.keyboard.press('Escape')
  await page.locator('[data-testid=composer] textarea').fill('')
  await page.locator('[data-testid=messages]').click()
  await page.waitForTimeout(300)
  await page.screenshot({ path: `${shots}inbox.png` })
  expect(await page.locator('[data-testid=conversation-row]').count()).toBe(4)

  await page.goto(`${kefu.url}/inbox/settings/install`)
  await page.locator('[data-testid=snippet]').waitFor()
  expect(await page.locator('[data-testid=snippet]').textContent()).toContain(shop.keys.publicKey)
  await page.waitForTimeout(1500)
  await page.screenshot({ path: `${shots}inbox-settings.png` })

  await page.goto(`${kefu.url}/inbox/settings/team`)
  await page.locator('[data-testid=team] tr').first().waitFor()
  await page.screenshot({ path: `${shots}inbox-settings-team.png` })

  await page.goto(`${kefu.url}/inbox/settings/keys`)
  await page.locator('[data-testid=rotate-secret]').waitFor()
  await page.screenshot({ path: `${shots}inbox-settings-keys.png` })
  await page.context().close()

  const fresh = await newAgentPage(browser, 'en')
  await fresh.goto(`${kefu.url}/inbox/signup`)
  await fresh.locator('input[name=shopName]').waitFor()
  await fresh.screenshot({ path: `${shots}inbox-signup.png` })
  await fresh.context().close()
})

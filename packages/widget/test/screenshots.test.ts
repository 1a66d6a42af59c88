import type { BrowserContextOptions, FrameLocator } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { screenshotPath } from '../../../tooling/screenshots.ts'
import { isVisitorMessage, type TestAgent } from './agent.ts'
import { launcher, openWidget, startWidgetEnv, type WidgetEnv } from './env.ts'

const shots = (name: string) => screenshotPath(name)

let env: WidgetEnv
/** A payment receipt as a buyer would screenshot it: the evidence they attach. */
let receipt: Buffer
beforeAll(async () => {
  env = await startWidgetEnv()
  const page = await env.browser.newPage({ viewport: { width: 300, height: 360 }, locale: 'zh-CN' })
  await page.setContent(`<body style="margin:0;font:15px system-ui,'Noto Sans CJK SC',sans-serif;background:#f5f5f5">
    <div style="background:#1677ff;color:#fff;padding:28px 20px;text-align:center">
      <div style="font-size:40px">✓</div><div style="font-size:17px">支付成功</div>
      <div style="font-size:34px;font-weight:700;margin-top:8px">¥49.50</div></div>
    <div style="background:#fff;margin:12px;border-radius:10px;padding:6px 14px;color:#333;line-height:2.1">
      <div>商户　星辰卡铺</div><div>商品　Steam 钱包充值卡 50 元</div>
      <div>订单号　DJK7Q2M9X4LP</div><div>时间　2025-11-22 22:31</div></div></body>`)
  receipt = await page.screenshot()
  await page.close()
})
afterAll(() => env?.close())

interface Script {
  shopName: string
  question: string
  reply: string
  evidenceName: string
}

const zh: Script = {
  shopName: '星辰卡铺',
  question: '我付款了但没收到卡密，订单号 DJK7Q2M9X4LP，付款截图在这里',
  reply:
    '您好，已查到订单 DJK7Q2M9X4LP，卡密已重新发送到您的邮箱，也可以在订单页查看：https://stars.example/orders/DJK7Q2M9X4LP',
  evidenceName: '付款截图.png',
}
const en: Script = {
  shopName: 'Starlight Keys',
  question: 'I paid for order DJK7Q2M9X4LP but got no code. Payment screenshot attached.',
  reply:
    'Thanks! Found order DJK7Q2M9X4LP. The code has been re-sent to your email; it is also on https://stars.example/orders/DJK7Q2M9X4LP',
  evidenceName: 'payment.png',
}

/** A short chat with an evidence screenshot and a reply, the agent typing again at the end. */
async function playConversation(frame: FrameLocator, agent: TestAgent, script: Script) {
  await frame
    .locator('input[type=file]')
    .setInputFiles({ name: script.evidenceName, mimeType: 'image/png', buffer: receipt })
  await frame.locator('.draft img').waitFor()
  await frame.locator('.send:not([disabled])').waitFor()
  await frame.locator('textarea').fill(script.question)
  await frame.locator('textarea').press('Enter')
  const created = await agent.waitFor(isVisitorMessage(script.question))
  expect(created.message.attachments.map((a) => a.name)).toEqual([script.evidenceName])
  const id = created.message.conversationId
  await agent.reply(id, script.reply)
  await frame.locator('.msg-row[data-author="agent"]').waitFor()
  await frame.locator('.log img').evaluate((img: HTMLImageElement) => img.decode())
  agent.typing(id, true)
  await frame.locator('.typing').waitFor()
  await frame.locator('textarea').focus()
}

async function buyerPage(options: BrowserContextOptions) {
  return (await env.newBuyer(options)).newPage()
}

describe('how the widget looks', () => {
  it('in Chinese, on a desktop shop page', async () => {
    const { agent } = await env.newShop(zh.shopName)
    const page = await buyerPage({ locale: 'zh-CN' })
    await page.goto('/')
    const frame = await openWidget(page)
    await playConversation(frame, agent, zh)
    await expect(frame.locator('.official').first().textContent()).resolves.toBe('官方客服')
    await expect(frame.locator('textarea').getAttribute('placeholder')).resolves.toBe('输入消息…')
    await page.screenshot({ path: shots('widget-zh.png') })
  })

  it('in English', async () => {
    const { agent } = await env.newShop(en.shopName)
    const page = await buyerPage({ locale: 'en-US' })
    await page.goto('/')
    const frame = await openWidget(page)
    await playConversation(frame, agent, en)
    await expect(frame.locator('.official').first().textContent()).resolves.toBe('Official support')
    await expect(frame.locator('textarea').getAttribute('placeholder')).resolves.toBe('Write a message…')
    await page.screenshot({ path: shots('widget-en.png') })
  })

  it('full screen on a 375 px phone', async () => {
    const { agent } = await env.newShop(zh.shopName)
    const page = await buyerPage({
      locale: 'zh-CN',
      viewport: { width: 375, height: 740 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    })
    await page.goto('/')
    await page.waitForFunction(() => document.readyState === 'complete')
    await page.screenshot({ path: shots('widget-mobile-closed.png') })
    const frame = await openWidget(page)
    await playConversation(frame, agent, zh)
    const panel = await page.locator('kefu-widget .p').boundingBox()
    expect(panel).toEqual({ x: 0, y: 0, width: 375, height: 740 })
    await expect(launcher(page).isVisible()).resolves.toBe(false)
    await page.screenshot({ path: shots('widget-mobile.png') })
  })
})

import { afterAll, beforeAll, expect, it } from 'vitest'
import { isVisitorMessage } from './agent.ts'
import { openWidget, sendFromWidget, startWidgetEnv, type WidgetEnv, widgetFrame } from './env.ts'

let env: WidgetEnv
beforeAll(async () => {
  env = await startWidgetEnv()
})
afterAll(() => env?.close())

it('keeps messages typed while Kefu is away and sends them once, in order, when it is back', async () => {
  const { agent, key } = await env.newShop()
  const context = await env.newProfileBuyer()
  const page = context.pages()[0] ?? (await context.newPage())
  await page.goto('/')
  const frame = await openWidget(page)
  await sendFromWidget(frame, '第一条：订单 DJK7Q2M9 没有卡密')
  const first = await agent.waitFor(isVisitorMessage('第一条：订单 DJK7Q2M9 没有卡密'))
  const conversationId = first.message.conversationId
  await frame.locator('.msg-row.mine .ticks').first().waitFor()

  await env.kefu.stop()
  await frame.getByText('连接中断，正在重连').waitFor()
  await sendFromWidget(frame, '第二条：付款截图稍后发')
  await sendFromWidget(frame, '第三条：麻烦尽快处理')
  await expect(frame.locator('.msg-row.pending').count()).resolves.toBe(2)
  await expect(frame.getByText('发送中…').count()).resolves.toBe(2)
  // Kept in the frame's own storage with their clientIds, in the order typed.
  const stored = await (await widgetFrame(page)).evaluate(
    (k) =>
      JSON.parse(localStorage.getItem(`kefu:${k}:outbox`) ?? '[]') as { clientId: string; text: string }[],
    key,
  )
  expect(stored.map((p) => p.text)).toEqual(['第二条：付款截图稍后发', '第三条：麻烦尽快处理'])
  expect(stored.every((p) => /^[\w-]{8,64}$/.test(p.clientId))).toBe(true)

  await page.waitForTimeout(1500)
  await env.kefu.restart()
  await frame.locator('.msg-row.pending').first().waitFor({ state: 'detached', timeout: 30_000 })
  await expect(frame.locator('.msg-row.mine .ticks').count()).resolves.toBe(3)

  // Give any duplicate a moment to land, then read the conversation as the agent.
  await page.waitForTimeout(1500)
  const texts = (await agent.messages(conversationId)).map((m) => m.text)
  expect(texts).toEqual(['第一条：订单 DJK7Q2M9 没有卡密', '第二条：付款截图稍后发', '第三条：麻烦尽快处理'])
  const outbox = await (await widgetFrame(page)).evaluate(
    (k) => localStorage.getItem(`kefu:${k}:outbox`),
    key,
  )
  expect(outbox).toBe('[]')
})

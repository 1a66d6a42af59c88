import { createHmac } from 'node:crypto'
import { type DemoShop, startDemoShop } from '@kefu/demo-shop'
import type { TicketDetail } from '@kefu/protocol'
import type { BrowserContextOptions, FrameLocator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { screenshotPath } from '../../../tooling/screenshots.ts'
import { isVisitorMessage } from './agent.ts'
import { openWidget, sendFromWidget, startWidgetEnv, type WidgetEnv } from './env.ts'

type Shop = Awaited<ReturnType<WidgetEnv['newShop']>>
type Kefu = (...args: unknown[]) => void

let env: WidgetEnv
beforeAll(async () => {
  env = await startWidgetEnv()
})
afterAll(() => env?.close())

/** A buyer on the shop page (signed in as `customerId` when given) who opens the chat and writes. */
async function buyerWrites(
  shop: Shop,
  text: string,
  options: { customerId?: string; context?: BrowserContextOptions } = {},
): Promise<{ page: Page; frame: FrameLocator; conversationId: string; received: string[] }> {
  const page = await (await env.newBuyer(options.context)).newPage()
  const received: string[] = []
  page.on('websocket', (ws) => ws.on('framereceived', (f) => received.push(String(f.payload))))
  const frame = await openAs(page, shop, options.customerId)
  await sendFromWidget(frame, text)
  const created = await shop.agent.waitFor(isVisitorMessage(text))
  return { page, frame, conversationId: created.message.conversationId, received }
}

/** What a buyer may know of a ticket: no priority, assignee, notes or agent-only fields. */
const buyerFields = [
  'category',
  'conversationId',
  'createdAt',
  'id',
  'number',
  'orderNos',
  'status',
  'steps',
  'subject',
  'updatedAt',
]

/** Loads the shop page, says who the buyer is (signed like a shop backend would), opens the chat. */
async function openAs(page: Page, shop: Shop, customerId?: string): Promise<FrameLocator> {
  await page.goto('/')
  if (customerId) {
    await page.waitForFunction(() => typeof (window as unknown as { kefu?: Kefu }).kefu === 'function')
    const hash = createHmac('sha256', shop.keys.identitySecret).update(customerId).digest('hex')
    await page.evaluate(
      ([id, hash]) => (window as unknown as { kefu: Kefu }).kefu('identify', { id, hash }),
      [customerId, hash],
    )
  }
  return openWidget(page)
}

const openTicket = (shop: Shop, conversationId: string, fields: object = {}) =>
  shop.agent.request<TicketDetail>('POST', '/v1/tickets', { conversationId, ...fields })
const setStatus = (shop: Shop, id: string, status: TicketDetail['status']) =>
  shop.agent.request<TicketDetail>('PATCH', `/v1/tickets/${id}`, { status })

/** The strip's button, found by what a screen reader announces. */
const strip = (frame: FrameLocator, name: string) => frame.getByRole('button', { name, exact: true })

describe('the buyer follows their ticket in the chat', () => {
  it('shows the ticket an agent opens, follows its status live, and expands into the steps', async () => {
    const shop = await env.newShop('星辰卡铺') // the name on examples/html, the page it runs on
    const { page, frame, conversationId, received } = await buyerWrites(
      shop,
      '我买的 Steam 充值卡，卡密显示已被使用，麻烦看一下',
      { customerId: 'u_1001' },
    )
    await expect(frame.locator('.ticket').count()).resolves.toBe(0)

    const ticket = await openTicket(shop, conversationId)
    const n = ticket.number
    await strip(frame, `工单 #${n} · 处理中`).waitFor()
    // The thread tells the same story in words.
    await frame.locator('.system-note', { hasText: `已为您创建工单 #${n}` }).waitFor()

    await shop.agent.reply(conversationId, '您好，请发一下卡密页面的截图，我们核实一下。')
    await setStatus(shop, ticket.id, 'pending')
    await strip(frame, `工单 #${n} · 等待您回复`).waitFor()

    // The buyer answering puts the ticket back with the team.
    await sendFromWidget(frame, '截图在这里，卡密是昨晚买的')
    await strip(frame, `工单 #${n} · 处理中`).waitFor()

    await shop.agent.reply(conversationId, '已核实，新卡密已补发到您的下单邮箱，请查收。')
    const solved = await setStatus(shop, ticket.id, 'solved')
    const bar = strip(frame, `工单 #${n} · 已解决`)
    await bar.waitFor()
    await expect(bar.getAttribute('aria-expanded')).resolves.toBe('false')
    await expect(frame.locator('#kefu-ticket-steps').count()).resolves.toBe(0)

    await bar.click()
    await expect(bar.getAttribute('aria-expanded')).resolves.toBe('true')
    const steps = frame.locator('#kefu-ticket-steps li')
    // new → open (the agent's first reply) reads the same to the buyer: one step, not two.
    const labels = await steps.evaluateAll((items) => items.map((li) => li.firstChild?.textContent))
    expect(labels).toEqual(['处理中', '等待您回复', '处理中', '已解决'])
    for (const time of await steps.locator('time').allTextContents()) expect(time).toMatch(/\d{2}:\d{2}$/)
    const lastChange = solved.events.filter((e) => e.public && e.type === 'status').at(-1)
    await expect(steps.last().locator('time').getAttribute('datetime')).resolves.toBe(lastChange?.at)

    await frame.locator('textarea').focus()
    await page.screenshot({ path: screenshotPath('widget-ticket.png') })

    // The buyer's socket carried their safe view of the ticket, never the agents' one.
    const pushed = received.map((f) => JSON.parse(f)).filter((e) => e.type === 'ticket.updated')
    expect(pushed.length).toBeGreaterThanOrEqual(4)
    for (const e of pushed) expect(Object.keys(e.ticket).sort()).toEqual(buyerFields)

    // Keyboard: Enter and Space toggle it like any button.
    await bar.focus()
    await bar.press('Enter')
    await expect(bar.getAttribute('aria-expanded')).resolves.toBe('false')
    await expect(steps.count()).resolves.toBe(0)
    await bar.press(' ')
    await expect(steps.count()).resolves.toBe(4)

    // After a reload the strip comes from GET /v1/widget/tickets, not from live events.
    const listed = page.waitForResponse((r) => r.url().endsWith('/v1/widget/tickets') && r.ok())
    await page.reload()
    const again = await openAs(page, shop, 'u_1001')
    const { tickets } = (await (await listed).json()) as { tickets: object[] }
    expect(tickets.map((t) => Object.keys(t).sort())).toEqual([buyerFields])
    if ((await again.locator('.ticket').count()) === 0) await again.locator('.conv').first().click()
    await strip(again, `工单 #${n} · 已解决`).waitFor()
  })

  it("speaks the buyer's language: zh-TW and English", async () => {
    const shop = await env.newShop()
    const buyers = [
      { locale: 'zh-TW', text: '卡密無效，請幫忙處理', ticket: '工單', open: '處理中', onHold: '等待處理' },
      {
        locale: 'en-US',
        text: 'My code says it was already used',
        ticket: 'Ticket',
        open: 'In progress',
        onHold: 'On hold',
      },
    ]
    for (const b of buyers) {
      const { frame, conversationId } = await buyerWrites(shop, b.text, { context: { locale: b.locale } })
      const { id, number } = await openTicket(shop, conversationId)
      await strip(frame, `${b.ticket} #${number} · ${b.open}`).waitFor()
      await setStatus(shop, id, 'on_hold')
      await strip(frame, `${b.ticket} #${number} · ${b.onHold}`).waitFor()
    }
  })
})

describe("the demo shop's account page, against a real Kefu", () => {
  let demo: DemoShop | undefined
  afterAll(() => demo?.close())

  it("lists the buyer's tickets from GET /v1/shop/tickets, as text", async () => {
    const shop = await env.newShop('星河数卡')
    demo = await startDemoShop({
      port: 0,
      hostname: '127.0.0.1',
      kefu: { url: env.kefu.url, ...shop.keys },
      log: () => undefined,
    })
    const order = demo.demoOrders.find((o) => o.buyerId === 'u_1002')
    if (!order) throw new Error('no demo order of u_1002')
    const { conversationId } = await buyerWrites(shop, '付款了但订单还显示未支付', { customerId: 'u_1002' })
    const subject = '付款未到账 <img src=x onerror=alert(1)>'
    const ticket = await openTicket(shop, conversationId, {
      subject,
      category: 'payment_not_credited',
      orderNos: [order.orderNo],
    })

    const account = await signedInAccountPage(demo.url, 'u_1002')
    const section = /<section class="card" id="tickets"[\s\S]*?<\/section>/.exec(await account())?.[0] ?? ''
    const rows = section.split('<tr>').slice(2)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toContain('付款未到账 &lt;img src=x onerror=alert(1)&gt;')
    expect(rows[0]).toContain('<td>付款未到账</td>')
    expect(rows[0]).toContain('处理中 · In progress')
    expect(rows[0]).toContain(order.orderNo)
    expect(section).not.toContain(ticket.id)

    await setStatus(shop, ticket.id, 'solved')
    expect(await account()).toContain('已解决 · Solved')
    // Another buyer of the shop sees none of it.
    expect(await (await signedInAccountPage(demo.url, 'u_1001'))()).toContain('还没有工单 No tickets yet.')
  })
})

/** Logs in on the demo shop as `buyer`; returns a function that loads the account page's HTML. */
async function signedInAccountPage(shopUrl: string, buyer: string): Promise<() => Promise<string>> {
  const login = await fetch(`${shopUrl}/login`, {
    method: 'POST',
    body: new URLSearchParams({ buyer }),
    redirect: 'manual',
  })
  expect(login.status).toBe(303)
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')
  return async () => {
    const page = await fetch(`${shopUrl}/login`, { headers: { cookie } })
    expect(page.status).toBe(200)
    return page.text()
  }
}

import type { TestKefu } from '@kefu/api/testing'
import type { DemoShop } from '@kefu/demo-shop'
import type { TicketDetail } from '@kefu/protocol'
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

const panel = (page: Page) => page.locator('[data-testid=ticket-panel]')
const card = (page: Page) => page.locator('[data-testid=ticket-card]')
const row = (page: Page, number: number) => page.locator(`[data-testid=ticket-row][data-number="${number}"]`)
const text = async (page: Page, selector: string) => (await page.locator(selector).textContent()) ?? ''

async function until(what: string, check: () => Promise<boolean>) {
  await eventually(check, what)
}

/** The numbers of the rows the tickets page shows once it has settled. */
async function listed(page: Page): Promise<string[]> {
  await page.locator('[data-testid=ticket-list][data-loading=false]').waitFor({ state: 'attached' })
  return page
    .locator('[data-testid=ticket-row]')
    .evaluateAll((rows) => rows.map((r) => r.dataset.number ?? ''))
}

/** Sets a tickets-page filter and waits until the list shows `expected`. */
async function filterShows(page: Page, set: () => Promise<unknown>, expected: string[], what: string) {
  await set()
  let seen: string[] = []
  await until(what, async () => {
    seen = await listed(page)
    return JSON.stringify(seen) === JSON.stringify(expected)
  }).catch((err) => {
    throw new Error(`${(err as Error).message}; the list shows ${JSON.stringify(seen)}`)
  })
}

it('turns a chat into a ticket from what the buyer wrote, works it, and the tickets page follows live', async () => {
  const delivered = demoOrder(demo, 'delivered')
  const buyer = await Buyer.open(kefu.url, shop.keys.publicKey)
  await buyer.listen()
  const { conversation } = await buyer.start(`我的卡密没收到，订单号 ${delivered.orderNo}, 急!`)

  const page = await newAgentPage(browser)
  await logIn(page, kefu.url, shop.agent)
  await page.locator(`[data-testid=conversation-row][data-id="${conversation.id}"]`).click()

  // The empty panel suggests a ticket from the buyer's words.
  const form = panel(page).locator('[data-testid=ticket-create]')
  await form.waitFor()
  expect(await form.locator('select[name=category]').inputValue()).toBe('code_not_received')
  expect(['high', 'urgent']).toContain(await form.locator('select[name=priority]').inputValue())
  expect(await form.locator('input[name=subject]').inputValue()).toContain('我的卡密没收到')
  expect(await form.textContent()).toContain('未收到卡密')

  // Looking the order up links it, and the new ticket's orders follow.
  await page.fill('[data-testid=order-lookup-input]', delivered.orderNo)
  await page.click('[data-testid=order-lookup-submit]')
  await form.locator('[data-testid=ticket-suggested-orders]', { hasText: delivered.orderNo }).waitFor()

  await form.locator('[data-testid=ticket-create-submit]').click()
  await card(page).waitFor()
  expect(await text(page, '[data-testid=ticket-number]')).toBe('#1001')
  expect(await card(page).locator('[data-testid=ticket-status]').first().textContent()).toBe('新建')
  expect(await card(page).locator('[data-testid=ticket-orders]').textContent()).toContain(delivered.orderNo)
  expect(await text(page, '[data-testid=ticket-badge]')).toContain('#1001 · 新建')
  const created = card(page).locator('[data-testid=ticket-event][data-type=created]')
  expect(await created.textContent()).toContain('创建了工单')
  expect(await created.locator('[data-testid=ticket-event-visibility]').textContent()).toBe('买家可见')
  // The buyer is told in the chat.
  await buyer.waitFor(
    (e) =>
      e.type === 'message.created' && e.message.author.type === 'system' && e.message.text.includes('#1001'),
  )

  // A second agent watches the tickets page.
  const junior = await inviteMember(kefu, await shop.login(), 'agent')
  const watcher = await newAgentPage(browser)
  await logIn(watcher, kefu.url, junior)
  await watcher.click('[data-testid=nav-tickets]')
  await row(watcher, 1001).waitFor()
  const watched = row(watcher, 1001)
  expect(await watched.textContent()).toContain('未收到卡密')
  expect(await watched.locator('[data-testid=ticket-status]').textContent()).toBe('新建')

  // Status to pending and priority to urgent: each is saved, shown, and on the timeline.
  await card(page).locator('select[name=status]').selectOption('pending')
  await until('status pending', async () => (await card(page).getAttribute('data-status')) === 'pending')
  expect(await card(page).locator('[data-testid=ticket-status]').first().textContent()).toBe('等待买家')
  await until('status on the timeline', async () =>
    ((await card(page).locator('[data-testid=ticket-event][data-type=status]').textContent()) ?? '').includes(
      '状态 新建 → 等待买家',
    ),
  )
  await card(page).locator('select[name=priority]').selectOption('urgent')
  await until(
    'priority urgent',
    async () =>
      (await card(page).locator('.ticket-head [data-testid=ticket-priority]').textContent()) === '紧急',
  )
  const priorityEvent = card(page).locator('[data-testid=ticket-event][data-type=priority]')
  await priorityEvent.waitFor()
  expect(await priorityEvent.textContent()).toContain('→ 紧急')
  expect(await priorityEvent.locator('[data-testid=ticket-event-visibility]').textContent()).toBe('内部')
  expect(await text(page, '[data-testid=ticket-badge]')).toContain('#1001 · 等待买家')
  // The buyer hears about the status, not the priority.
  await buyer.waitFor((e) => e.type === 'message.created' && e.message.text.includes('正在等待您的回复'))

  // The watcher's list follows without a reload.
  await until(
    'watcher sees pending',
    async () => (await watched.locator('[data-testid=ticket-status]').textContent()) === '等待买家',
  )
  await until(
    'watcher sees urgent',
    async () => (await watched.locator('[data-testid=ticket-priority]').textContent()) === '紧急',
  )

  // An internal note lands on the timeline and never reaches the buyer.
  await card(page).locator('[data-testid=ticket-note-input]').fill('已联系店铺核实发货记录')
  await card(page).locator('[data-testid=ticket-note-submit]').click()
  const note = card(page).locator('[data-testid=ticket-event][data-type=note]')
  await note.waitFor()
  expect(await note.textContent()).toContain('已联系店铺核实发货记录')
  expect(await note.textContent()).toContain('Agent')
  expect(await note.locator('[data-testid=ticket-event-visibility]').textContent()).toBe('内部')
  expect(await card(page).locator('[data-testid=ticket-note-input]').inputValue()).toBe('')

  // Filters on the tickets page.
  const status = watcher.locator('.tickets-head select[name=status]')
  const priority = watcher.locator('.tickets-head select[name=priority]')
  const category = watcher.locator('.tickets-head select[name=category]')
  const search = watcher.locator('.tickets-head input[name=q]')
  await filterShows(watcher, () => status.selectOption('open'), [], 'status open: none')
  await filterShows(watcher, () => status.selectOption('pending'), ['1001'], 'status pending')
  await filterShows(watcher, () => priority.selectOption('low'), [], 'priority low: none')
  await filterShows(watcher, () => priority.selectOption('urgent'), ['1001'], 'priority urgent')
  await filterShows(watcher, () => category.selectOption('refund'), [], 'category refund: none')
  await filterShows(watcher, () => category.selectOption('code_not_received'), ['1001'], 'category')
  await filterShows(watcher, () => search.fill('#1001'), ['1001'], 'search by number')
  await filterShows(watcher, () => search.fill(delivered.orderNo), ['1001'], 'search by order')
  await filterShows(watcher, () => search.fill('退款申请'), [], 'search: none')
  await filterShows(watcher, () => search.fill(''), ['1001'], 'search cleared')
  await filterShows(watcher, () => watcher.click('[data-testid=tickets-view-mine]'), [], 'mine: none')
  await filterShows(
    watcher,
    () => watcher.click('[data-testid=tickets-view-unassigned]'),
    ['1001'],
    'unassigned',
  )
  expect(await watcher.locator('[data-testid=tickets-empty]').count()).toBe(0)

  // Taking the ticket drops it from the watcher's "unassigned" list, live.
  const me = await page.locator('.me-name').evaluate((el) => el.firstChild?.textContent ?? '')
  const assignee = card(page).locator('select[name=assignee]')
  const myOption = await assignee.locator('option', { hasText: me }).getAttribute('value')
  await assignee.selectOption(myOption ?? '')
  await until('assignee on the timeline', async () =>
    (
      (await card(page).locator('[data-testid=ticket-event][data-type=assignee]').textContent()) ?? ''
    ).includes(`未分配 → ${me}`),
  )
  await watched.waitFor({ state: 'detached' })
  await watcher.locator('[data-testid=tickets-empty]').waitFor()
  await filterShows(watcher, () => watcher.click('[data-testid=tickets-view-all]'), ['1001'], 'all')
  expect(await watched.textContent()).toContain(me)

  // A row opens its conversation in the inbox, with the ticket beside it.
  await watched.click()
  await watcher.waitForURL(`**/inbox/c/${conversation.id}`)
  await watcher.locator('[data-testid=thread-status]').waitFor()
  await card(watcher).waitFor()
  expect(await text(watcher, '[data-testid=ticket-number]')).toBe('#1001')
  expect(await card(watcher).locator('[data-testid=ticket-event][data-type=note]').textContent()).toContain(
    '已联系店铺核实发货记录',
  )
  // …and the watcher's panel follows the owner's changes live.
  await card(page).locator('select[name=status]').selectOption('solved')
  await until(
    'watcher panel solved',
    async () => (await card(watcher).getAttribute('data-status')) === 'solved',
  )
  expect(JSON.stringify(buyer.events)).not.toContain('已联系店铺核实发货记录')

  // A solved ticket offers a new one, prefilled again.
  await card(page).locator('[data-testid=ticket-new]').click()
  await form.waitFor()
  expect(await form.locator('select[name=category]').inputValue()).toBe('code_not_received')
  await form.locator('input[name=subject]').fill('补发后仍无法兑换')
  await form.locator('select[name=category]').selectOption('code_invalid')
  await form.locator('[data-testid=ticket-create-submit]').click()
  await until('second ticket', async () => (await text(page, '[data-testid=ticket-number]')) === '#1002')
  expect(await text(page, '[data-testid=ticket-subject]')).toBe('补发后仍无法兑换')
  expect(await card(page).locator('select[name=category]').inputValue()).toBe('code_invalid')
  await until(
    'watcher sees the new ticket',
    async () => (await text(watcher, '[data-testid=ticket-number]')) === '#1002',
  )

  buyer.close()
  await page.context().close()
  await watcher.context().close()
})

it('shows the server’s reason inline when a change is refused', async () => {
  const buyer = await Buyer.open(kefu.url, shop.keys.publicKey)
  const { conversation } = await buyer.start('付款了但是订单还是显示未支付')
  const owner = await shop.login()
  const res = await ownerApi(kefu, owner, '/v1/tickets', 'POST', { conversationId: conversation.id })
  expect(res.status).toBe(201)
  const ticket = (await res.json()) as TicketDetail
  expect(ticket.category).toBe('payment_not_credited')
  // A ticket links at most 20 orders: fill it up so the next link is refused.
  for (let i = 1; i <= 20; i++) {
    const linked = await ownerApi(kefu, owner, `/v1/tickets/${ticket.id}`, 'PATCH', {
      addOrderNo: `FILL${i}`,
    })
    expect(linked.status).toBe(200)
  }

  const page = await newAgentPage(browser, 'en')
  await logIn(page, kefu.url, shop.agent)
  await page.goto(`${kefu.url}/inbox/c/${conversation.id}`)
  await card(page).waitFor()
  expect(await text(page, '[data-testid=ticket-number]')).toBe(`#${ticket.number}`)
  expect(await card(page).locator('select[name=category]').inputValue()).toBe('payment_not_credited')
  expect(await card(page).locator('.ticket-head [data-testid=ticket-priority]').textContent()).toBe('Urgent')
  await card(page).locator('[data-testid=ticket-link-input]').fill('ONE-TOO-MANY')
  await card(page).locator('[data-testid=ticket-link-input]').press('Enter')
  const problem = card(page).locator('[data-testid=ticket-link-problem]')
  await problem.waitFor()
  expect(await problem.textContent()).toContain('at most 20 orders')
  expect(await card(page).locator('[data-testid=ticket-orders]').textContent()).not.toContain('ONE-TOO-MANY')

  // A closed ticket is final: its fields are locked and a new ticket is offered.
  const closed = await ownerApi(kefu, owner, `/v1/tickets/${ticket.id}`, 'PATCH', { status: 'closed' })
  expect(closed.status).toBe(200)
  await until('closed live', async () => (await card(page).getAttribute('data-status')) === 'closed')
  expect(await card(page).locator('select[name=status]').isDisabled()).toBe(true)
  expect(await card(page).locator('[data-testid=ticket-link-input]').count()).toBe(0)
  await card(page).locator('[data-testid=ticket-new]').waitFor()
  await page.context().close()
})

import { shopDeliveries } from '@kefu/db'
import { describeEachDatabase } from '@kefu/db/testing'
import {
  type BuyerTicket,
  type ConversationTicket,
  type EventPage,
  errorBodySchema,
  type Message,
  type TicketDetail,
  type TicketList,
  type WidgetSession,
} from '@kefu/protocol'
import type { ShopTicketsResponse } from '@kefu/protocol/shop'
import { and, eq } from 'drizzle-orm'
import { expect, it } from 'vitest'
import { linkOrder } from '../../domain/shop/orders.ts'
import { createHarness, type TestTenant } from '../../testing/harness.ts'
import {
  agentRequest,
  identityHash,
  openVisitor,
  type TestVisitor,
  visitorFor,
} from '../../testing/visitor.ts'

describeEachDatabase('tickets', (database) => {
  const h = createHarness(database)

  async function setup(text = '付款成功了但是一直没收到卡密，急！') {
    const shop = await h().newTenant()
    const agent = agentRequest(h(), await shop.login())
    const v = await openVisitor(h(), shop)
    const { conversation } = await v.start(text)
    return { shop, agent, v, conversationId: conversation.id }
  }

  const json = async <T>(res: Response | Promise<Response>, status: number): Promise<T> => {
    const r = await res
    const body = await r.json()
    expect(r.status, JSON.stringify(body)).toBe(status)
    return body as T
  }

  const buyerMessages = async (v: TestVisitor, conversationId: string) =>
    (
      await json<{ messages: Message[] }>(
        v.request(`/v1/widget/conversations/${conversationId}/messages`),
        200,
      )
    ).messages

  it("opens a ticket prefilled from the buyer's words and the order beside them, and tells the buyer", async () => {
    const { shop, agent, v, conversationId } = await setup()
    await linkOrder(h().services.db, {
      tenantId: shop.tenantId,
      conversationId,
      source: 'buyer',
      order: {
        orderNo: 'DJ20261122001',
        status: 'delivered',
        createdAt: '2026-11-22T10:00:00+08:00',
        amount: { value: '100.00', currency: 'CNY' },
        buyer: {},
        items: [],
        codes: [],
        delivered: 1,
        expected: 1,
        actions: { resend: true, refund: true },
      },
    })
    const before = await json<ConversationTicket>(agent(`/v1/conversations/${conversationId}/ticket`), 200)
    expect(before.ticket).toBeNull()
    expect(before.suggestion).toEqual({
      subject: '付款成功了但是一直没收到卡密，急！',
      category: 'code_not_received',
      priority: 'high',
      orderNos: ['DJ20261122001'],
    })

    const ticket = await json<TicketDetail>(agent('/v1/tickets', { body: { conversationId } }), 201)
    expect(ticket).toMatchObject({
      number: 1001,
      conversationId,
      subject: '付款成功了但是一直没收到卡密，急！',
      category: 'code_not_received',
      priority: 'high',
      status: 'new',
      orderNos: ['DJ20261122001'],
      source: 'agent',
      assignee: null,
      visitor: { id: v.session.visitor.id },
    })
    expect(ticket.events).toEqual([
      expect.objectContaining({
        type: 'created',
        to: 'new',
        public: true,
        actor: expect.objectContaining({ type: 'agent' }),
      }),
    ])
    const [notice] = await buyerMessages(v, conversationId)
    expect(notice).toMatchObject({ author: { type: 'system' }, internal: false })
    expect(notice?.text).toContain('#1001')
    expect(notice?.text).toContain('未收到卡密')

    // One active ticket per conversation; the next conversation gets the next number.
    const again = await h().app.request('/v1/tickets', {
      method: 'POST',
      headers: { cookie: await shop.login(), 'content-type': 'application/json' },
      body: JSON.stringify({ conversationId }),
    })
    expect(again.status).toBe(409)
    expect(errorBodySchema.parse(await again.json()).error.message).toContain('#1001')
    // An order number the buyer typed is suggested too; a masked pasted code is not.
    const typed = await v.start('How do I redeem this gift card? Order no. DJ20261122777, code AB****9Z1Q')
    expect(
      (await json<ConversationTicket>(agent(`/v1/conversations/${typed.conversation.id}/ticket`), 200))
        .suggestion.orderNos,
    ).toEqual(['DJ20261122777'])
    const other = await v.start('How do I redeem this gift card?')
    const second = await json<TicketDetail>(
      agent('/v1/tickets', { body: { conversationId: other.conversation.id, priority: 'normal' } }),
      201,
    )
    expect(second).toMatchObject({ number: 1002, category: 'how_to_use', priority: 'normal' })
  })

  it('moves through statuses: the buyer sees each step, replies reopen, agent replies stamp the first response', async () => {
    const { agent, v, conversationId } = await setup()
    const created = await json<TicketDetail>(agent('/v1/tickets', { body: { conversationId } }), 201)
    const path = `/v1/tickets/${created.id}`

    // The agent's first reply takes a new ticket to open and stamps the first response.
    await json(
      agent(`/v1/conversations/${conversationId}/messages`, {
        body: { clientId: 'agent-reply-1', text: '请提供订单号' },
      }),
      201,
    )
    const opened = await json<TicketDetail>(agent(path), 200)
    expect(opened.status).toBe('open')
    expect(opened.firstResponseAt).not.toBeNull()

    const pending = await json<TicketDetail>(
      agent(path, { method: 'PATCH', body: { status: 'pending' } }),
      200,
    )
    expect(pending.status).toBe('pending')
    expect((await buyerMessages(v, conversationId))[0]?.text).toContain('等待您的回复')

    // The buyer answers: back to open, by the buyer.
    expect((await v.send(conversationId, '订单号 DJ20261122001')).status).toBe(201)
    const back = await json<TicketDetail>(agent(path), 200)
    expect(back.status).toBe('open')
    expect(back.events.at(-1)).toMatchObject({
      type: 'status',
      from: 'pending',
      to: 'open',
      actor: { type: 'visitor' },
    })

    const solved = await json<TicketDetail>(agent(path, { method: 'PATCH', body: { status: 'solved' } }), 200)
    expect(solved.solvedAt).not.toBeNull()
    expect((await buyerMessages(v, conversationId))[0]?.text).toContain('已解决')

    const mine = await json<{ tickets: BuyerTicket[] }>(v.request('/v1/widget/tickets'), 200)
    expect(mine.tickets).toHaveLength(1)
    expect(mine.tickets[0]!.steps.map((s) => s.status)).toEqual(['new', 'open', 'pending', 'open', 'solved'])
    expect(mine.tickets[0]).not.toHaveProperty('priority')

    const closed = await json<TicketDetail>(agent(path, { method: 'PATCH', body: { status: 'closed' } }), 200)
    expect(closed.status).toBe('closed')
    const final = await agent(path, { method: 'PATCH', body: { status: 'open' } })
    expect(final.status).toBe(409)
    expect(errorBodySchema.parse(await final.json()).error.code).toBe('conflict')
    // Closed: the conversation can have a new ticket.
    expect((await agent('/v1/tickets', { body: { conversationId } })).status).toBe(201)
  })

  it('keeps notes, priority and assignee changes from the buyer, in the API and the event stream', async () => {
    const { shop, agent, v, conversationId } = await setup()
    const colleague = await shop.addMember('agent')
    const colleagueId = (
      await json<{ agent: { id: string } }>(agentRequest(h(), await colleague.login())('/v1/me'), 200)
    ).agent.id
    const ticket = await json<TicketDetail>(agent('/v1/tickets', { body: { conversationId } }), 201)
    const cursor = (await json<EventPage>(v.request('/v1/widget/events'), 200)).cursor
    const agentCursor = (await json<EventPage>(agent('/v1/events'), 200)).cursor

    const patch = (body: Record<string, unknown>) =>
      json<TicketDetail>(agent(`/v1/tickets/${ticket.id}`, { method: 'PATCH', body }), 200)
    const after = Number(cursor.split('-')[0])
    // Catch-up re-sends a little before the cursor: count only what is newer.
    const buyerSaw = async () =>
      (await json<EventPage>(v.request(`/v1/widget/events?cursor=${encodeURIComponent(cursor)}`), 200)).events
    const newTicketEvents = (events: EventPage['events']) =>
      events.filter((e) => e.type === 'ticket.updated' && Number(e.eventId) > after)

    await json(agent(`/v1/tickets/${ticket.id}/notes`, { body: { text: '供货商已补货，内部备注' } }), 201)
    await patch({ priority: 'urgent', assigneeId: colleagueId })
    const quiet = await buyerSaw()
    expect(newTicketEvents(quiet)).toEqual([])
    expect(JSON.stringify(quiet)).not.toMatch(/内部备注|urgent|"priority"/)

    // Fields in the buyer's view (category, orders, status) reach the buyer, in the buyer's view.
    const changed = await patch({ addOrderNo: 'DJ20261122009', category: 'code_invalid' })
    expect(changed).toMatchObject({
      priority: 'urgent',
      category: 'code_invalid',
      assignee: { id: colleagueId, name: 'agent' },
      orderNos: ['DJ20261122009'],
    })
    expect(changed.events.map((e) => e.type)).toEqual([
      'created',
      'note',
      'priority',
      'assignee',
      'category',
      'order_linked',
    ])
    expect(changed.events.find((e) => e.type === 'note')).toMatchObject({
      text: '供货商已补货，内部备注',
      public: false,
    })
    expect(changed.events.find((e) => e.type === 'assignee')).toMatchObject({ from: null, to: 'agent' })
    await patch({ status: 'on_hold' })

    const mine = newTicketEvents(await buyerSaw())
    // Two events (the order/category change, then the status); each shows the ticket as it is now.
    expect(mine).toHaveLength(2)
    expect(mine[1]).toMatchObject({
      ticket: { status: 'on_hold', category: 'code_invalid', orderNos: ['DJ20261122009'] },
    })
    expect(JSON.stringify(mine)).not.toMatch(/urgent|priority|内部备注|assignee/)

    const team = await json<EventPage>(agent(`/v1/events?cursor=${encodeURIComponent(agentCursor)}`), 200)
    const updates = team.events.filter((e) => e.type === 'ticket.updated')
    expect(updates.length).toBeGreaterThanOrEqual(4)
    expect(updates.at(-1)).toMatchObject({ ticket: { id: ticket.id, priority: 'urgent', status: 'on_hold' } })
  })

  it("carries the buyer's files from the conversation as evidence", async () => {
    const { agent, v, conversationId } = await setup('兑换失败，截图在这里')
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    )
    const uploaded = await h().app.request('/v1/widget/attachments?name=error.png', {
      method: 'POST',
      headers: { authorization: `Bearer ${v.token}`, 'content-type': 'image/png' },
      body: png as Uint8Array<ArrayBuffer>,
    })
    const file = await json<{ id: string }>(uploaded, 201)
    await json(
      v.request(`/v1/widget/conversations/${conversationId}/messages`, {
        body: { clientId: 'with-evidence', text: '', attachmentIds: [file.id] },
      }),
      201,
    )
    const ticket = await json<TicketDetail>(agent('/v1/tickets', { body: { conversationId } }), 201)
    expect(ticket.evidence).toEqual([
      expect.objectContaining({ id: file.id, name: 'error.png', contentType: 'image/png', size: png.length }),
    ])
    const image = await h().app.request(ticket.evidence[0]!.url)
    expect(image.status).toBe(200)
    expect(Buffer.from(await image.arrayBuffer()).equals(png)).toBe(true)
  })

  it('a reply touches only the newest ticket of the conversation', async () => {
    const { agent, v, conversationId } = await setup()
    const first = await json<TicketDetail>(agent('/v1/tickets', { body: { conversationId } }), 201)
    await json(agent(`/v1/tickets/${first.id}`, { method: 'PATCH', body: { status: 'solved' } }), 200)
    const second = await json<TicketDetail>(agent('/v1/tickets', { body: { conversationId } }), 201)
    await json(agent(`/v1/tickets/${second.id}`, { method: 'PATCH', body: { status: 'pending' } }), 200)
    expect((await v.send(conversationId, '还是不行')).status).toBe(201)
    expect((await json<TicketDetail>(agent(`/v1/tickets/${second.id}`), 200)).status).toBe('open')
    expect((await json<TicketDetail>(agent(`/v1/tickets/${first.id}`), 200)).status).toBe('solved')
  })

  it("tells the buyer in their widget's language, and in zh-CN and English when it is unknown", async () => {
    const shop = await h().newTenant()
    const agent = agentRequest(h(), await shop.login())
    const said: Record<string, string> = {}
    for (const locale of ['zh-TW', 'en', undefined]) {
      const res = await h().app.request('/v1/widget/sessions', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'https://shop.example' },
        body: JSON.stringify({ publicKey: shop.keys.publicKey, ...(locale && { locale }) }),
      })
      const v = visitorFor(h(), ((await res.json()) as WidgetSession).visitorToken, {} as WidgetSession)
      const { conversation } = await v.start('账号被盗了')
      const ticket = await json<TicketDetail>(
        agent('/v1/tickets', { body: { conversationId: conversation.id } }),
        201,
      )
      said[locale ?? 'unknown'] = (await buyerMessages(v, conversation.id))[0]!.text
      expect(ticket.number).toBeGreaterThan(1000)
    }
    expect(said['zh-TW']).toMatch(/^已為您建立工單 #\d+（帳號問題），處理進度會在這裡更新。$/)
    expect(said.en).toMatch(
      /^We opened ticket #\d+ \(account problem\) for you; you'll see its progress here\.$/,
    )
    expect(said.unknown).toMatch(/^已为您创建工单 #\d+（账号问题）.*\nWe opened ticket #\d+/)
  })

  it('numbers tickets without gaps or twins when agents create them at once', async () => {
    const shop = await h().newTenant()
    const agent = agentRequest(h(), await shop.login())
    const v = await openVisitor(h(), shop)
    const conversations = await Promise.all(
      ['一', '二', '三', '四', '五'].map((n) => v.start(`第${n}个问题`)),
    )
    const created = await Promise.all(
      conversations.map(({ conversation }) =>
        agent('/v1/tickets', { body: { conversationId: conversation.id } }),
      ),
    )
    expect(created.map((r) => r.status)).toEqual([201, 201, 201, 201, 201])
    const numbers = await Promise.all(created.map(async (r) => ((await r.json()) as TicketDetail).number))
    expect(numbers.sort()).toEqual([1001, 1002, 1003, 1004, 1005])
    // Two agents clicking "create" on the same conversation: one ticket.
    const { conversation } = await v.start('双击')
    const twice = await Promise.all(
      [1, 2].map(() => agent('/v1/tickets', { body: { conversationId: conversation.id } })),
    )
    expect(twice.map((r) => r.status).sort()).toEqual([201, 409])
  })

  it('refuses bad input and other shops’ tickets without changing anything', async () => {
    const { agent, conversationId } = await setup()
    const ticket = await json<TicketDetail>(agent('/v1/tickets', { body: { conversationId } }), 201)
    const bad = async (res: Promise<Response>, status: number, field?: string) => {
      const body = errorBodySchema.parse(await json(res, status))
      if (field) expect(body.error.field).toBe(field)
    }
    await bad(agent(`/v1/tickets/${ticket.id}`, { method: 'PATCH', body: {} }), 400)
    await bad(
      agent(`/v1/tickets/${ticket.id}`, { method: 'PATCH', body: { status: 'done' } }),
      400,
      'body.status',
    )
    await bad(
      agent(`/v1/tickets/${ticket.id}`, { method: 'PATCH', body: { assigneeId: 'agt_nobody' } }),
      400,
      'body.assigneeId',
    )
    await bad(agent(`/v1/tickets/${ticket.id}/notes`, { body: { text: '   ' } }), 400, 'body.text')
    await bad(agent('/v1/tickets', { body: { conversationId: 'cnv_missing' } }), 404)
    await bad(agent('/v1/tickets?status=whatever'), 400, 'query.status')

    const stranger = await setup('hello')
    const foreign = stranger.agent
    await bad(foreign(`/v1/tickets/${ticket.id}`), 404)
    await bad(foreign(`/v1/tickets/${ticket.id}`, { method: 'PATCH', body: { status: 'solved' } }), 404)
    await bad(foreign(`/v1/tickets/${ticket.id}/notes`, { body: { text: 'x' } }), 404)
    await bad(foreign('/v1/tickets', { body: { conversationId } }), 404)
    expect((await json<TicketList>(foreign('/v1/tickets'), 200)).tickets).toEqual([])
    const unchanged = await json<TicketDetail>(agent(`/v1/tickets/${ticket.id}`), 200)
    expect(unchanged.events).toHaveLength(1)
    expect(unchanged.status).toBe('new')
    expect((await h().app.request('/v1/tickets')).status).toBe(401)
  })

  it('lists with filters, search and paging', async () => {
    const shop = await h().newTenant()
    const agent = agentRequest(h(), await shop.login())
    const me = (await json<{ agent: { id: string } }>(agent('/v1/me'), 200)).agent.id
    const open = async (text: string, body: Record<string, unknown> = {}) => {
      const v = await openVisitor(h(), shop)
      const { conversation } = await v.start(text)
      return json<TicketDetail>(
        agent('/v1/tickets', { body: { conversationId: conversation.id, ...body } }),
        201,
      )
    }
    const a = await open('卡密显示已被使用', { assigneeId: me })
    const b = await open('申请退款', { orderNos: ['DJ555'] })
    const c = await open('怎么兑换？')
    await agent(`/v1/tickets/${c.id}`, { method: 'PATCH', body: { status: 'solved' } })
    const list = async (query: string) =>
      (await json<TicketList>(agent(`/v1/tickets${query}`), 200)).tickets.map((t) => t.number)

    expect(await list('')).toEqual([b.number, a.number])
    expect(await list('?status=solved')).toEqual([c.number])
    expect(await list('?view=mine')).toEqual([a.number])
    expect(await list('?view=unassigned&status=active')).toEqual([b.number])
    expect(await list('?priority=urgent')).toEqual([b.number])
    expect(await list('?category=code_invalid')).toEqual([a.number])
    expect(await list(`?q=%23${a.number}`)).toEqual([a.number])
    expect(await list('?q=DJ555')).toEqual([b.number])
    expect(await list('?q=退款')).toEqual([b.number])
    const first = await json<TicketList>(agent('/v1/tickets?limit=1'), 200)
    expect(first.tickets.map((t) => t.number)).toEqual([b.number])
    const next = await json<TicketList>(
      agent(`/v1/tickets?limit=1&cursor=${encodeURIComponent(first.nextCursor!)}`),
      200,
    )
    expect(next.tickets.map((t) => t.number)).toEqual([a.number])
    expect(next.nextCursor).toBeNull()
  })

  it('serves a customer’s tickets to the shop, sends ticket events to its webhook, and erases them', async () => {
    const shop: TestTenant = await h().newTenant()
    const agent = agentRequest(h(), await shop.login())
    await json(
      agent('/v1/shop-connection', {
        method: 'PUT',
        body: {
          webhookUrl: 'https://shop.example/kefu/webhook',
          events: ['ticket.created', 'ticket.updated', 'ticket.resolved'],
        },
      }),
      200,
    )
    const v = await openVisitor(h(), shop)
    await json(
      v.request('/v1/widget/identify', {
        body: { userId: 'u_1001', userHash: identityHash(shop.keys.identitySecret, 'u_1001') },
      }),
      200,
    )
    const { conversation } = await v.start('账号被盗了，快帮我')
    const ticket = await json<TicketDetail>(
      agent('/v1/tickets', { body: { conversationId: conversation.id } }),
      201,
    )
    expect(ticket).toMatchObject({ category: 'account', priority: 'urgent' })
    await json(agent(`/v1/tickets/${ticket.id}/notes`, { body: { text: 'secret internal note' } }), 201)
    await json(agent(`/v1/tickets/${ticket.id}`, { method: 'PATCH', body: { status: 'solved' } }), 200)

    const shopGet = (key: string, query: string) =>
      h().app.request(`/v1/shop/tickets${query}`, { headers: { authorization: `Bearer ${key}` } })
    const listed = await json<ShopTicketsResponse>(shopGet(shop.keys.secretKey, '?customerId=u_1001'), 200)
    expect(listed.tickets).toEqual([
      {
        id: ticket.id,
        number: ticket.number,
        status: 'solved',
        subject: '账号被盗了，快帮我',
        category: 'account',
        priority: 'urgent',
        conversationId: conversation.id,
        orderNos: [],
        createdAt: ticket.createdAt,
        updatedAt: expect.any(String),
      },
    ])
    expect(JSON.stringify(listed)).not.toContain('secret internal note')
    expect(
      (await json<ShopTicketsResponse>(shopGet(shop.keys.secretKey, '?customerId=u_404'), 200)).tickets,
    ).toEqual([])
    expect((await shopGet(shop.keys.secretKey, '')).status).toBe(400)
    expect((await shopGet(shop.keys.publicKey, '?customerId=u_1001')).status).toBe(401)
    const otherShop = await h().newTenant()
    expect(
      (await json<ShopTicketsResponse>(shopGet(otherShop.keys.secretKey, '?customerId=u_1001'), 200)).tickets,
    ).toEqual([])

    const queued = await h()
      .services.db.select({ type: shopDeliveries.type, payload: shopDeliveries.payload })
      .from(shopDeliveries)
      .where(and(eq(shopDeliveries.tenantId, shop.tenantId), eq(shopDeliveries.kind, 'event')))
    expect(queued.map((q) => q.type).sort()).toEqual(['ticket.created', 'ticket.resolved', 'ticket.updated'])
    expect(queued.find((q) => q.type === 'ticket.resolved')?.payload).toMatchObject({
      ticketId: ticket.id,
      status: 'solved',
      customerId: 'u_1001',
      resolvedAt: expect.any(String),
    })
    expect(queued.find((q) => q.type === 'ticket.updated')?.payload).toMatchObject({ changed: ['status'] })
    expect(JSON.stringify(queued)).not.toContain('secret internal note')

    const erased = await h().app.request('/v1/shop/customers/u_1001/erase', {
      method: 'POST',
      headers: { authorization: `Bearer ${shop.keys.secretKey}` },
    })
    expect(((await erased.json()) as { erased: { tickets: number } }).erased.tickets).toBe(1)
    expect((await agent(`/v1/tickets/${ticket.id}`)).status).toBe(404)
    expect(
      (await json<ShopTicketsResponse>(shopGet(shop.keys.secretKey, '?customerId=u_1001'), 200)).tickets,
    ).toEqual([])
  })
})

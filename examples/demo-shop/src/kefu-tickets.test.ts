import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { ShopTicket } from '@kefu/protocol/shop'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { secrets, startTestShop, type TestShop } from './testing/harness.ts'

const EVIL = '<img src=x onerror=alert(1)>'
const tickets: ShopTicket[] = [
  {
    id: 'tkt_2',
    status: 'pending',
    subject: `卡密显示已被使用 ${EVIL}`,
    category: 'code_invalid',
    priority: 'high',
    conversationId: 'cnv_1',
    orderNos: ['AB12CD34EF56GH78', 'ZZ12CD34EF56GH78'],
    createdAt: '2025-11-22T14:00:00.000Z',
    updatedAt: '2025-11-22T14:30:00.000Z',
  },
  {
    id: 'tkt_1',
    status: 'solved',
    subject: 'refund please',
    category: 'a_category_from_a_newer_kefu',
    orderNos: [],
    createdAt: '2025-11-20T09:00:00.000Z',
    updatedAt: '2025-11-21T09:00:00.000Z',
  },
]

/** A stand-in for Kefu's Shop API: records each request and answers with `answer`. */
let kefu: Server
let answer: { status: number; body: string }
const seen: { url: string; headers: IncomingHttpHeaders }[] = []
let t: TestShop

beforeAll(async () => {
  kefu = createServer((req, res) => {
    seen.push({ url: req.url ?? '', headers: req.headers })
    res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body)
  })
  await new Promise<void>((resolve) => kefu.listen(0, '127.0.0.1', resolve))
  t = await startTestShop(`http://127.0.0.1:${(kefu.address() as AddressInfo).port}`)
})
afterAll(async () => {
  await t.shop.close()
  await new Promise((resolve) => kefu.close(resolve))
})
beforeEach(() => {
  seen.length = 0
  answer = { status: 200, body: JSON.stringify({ tickets }) }
})

/** The account page of a signed-in buyer. */
async function accountPage(buyer = 'u_1002') {
  const browser = t.browser()
  await browser.post('/login', { buyer })
  return browser.get('/login')
}

const ticketsSection = (page: string) =>
  /<section class="card" id="tickets"[\s\S]*?<\/section>/.exec(page)?.[0]

describe("the buyer's tickets on the account page", () => {
  it("asks Kefu with the shop's secret key and lists the buyer's tickets as text", async () => {
    const page = await accountPage()
    expect(page.status).toBe(200)
    expect(seen.map((r) => r.url)).toEqual(['/v1/shop/tickets?customerId=u_1002'])
    expect(seen[0]?.headers.authorization).toBe(`Bearer ${secrets.secretKey}`)

    const section = ticketsSection(page.text) ?? ''
    expect(section).toContain('我的工单 My support tickets')
    const rows = section.split('<tr>').slice(2)
    expect(rows).toHaveLength(2)
    expect(rows[0]).toContain('卡密显示已被使用 &lt;img src=x onerror=alert(1)&gt;')
    expect(rows[0]).toContain('卡密无效或已使用')
    expect(rows[0]).toContain('等待您回复 · Waiting for your reply')
    expect(rows[0]).toContain('AB12CD34EF56GH78, ZZ12CD34EF56GH78')
    expect(rows[0]).toContain('2025年11月22日 22:30') // the shop's time zone, Asia/Shanghai
    expect(rows[1]).toContain('已解决 · Solved')
    // A category this shop does not know yet shows as Kefu named it.
    expect(rows[1]).toContain('a_category_from_a_newer_kefu')
    expect(page.text).not.toContain(EVIL)
    expect(section).not.toContain('tkt_')
  })

  it('says so when the buyer has none', async () => {
    answer = { status: 200, body: '{"tickets":[]}' }
    expect(ticketsSection((await accountPage()).text)).toContain('还没有工单 No tickets yet.')
  })

  it('does not ask Kefu for a visitor who is not signed in', async () => {
    const page = await t.browser().get('/login')
    expect(page.status).toBe(200)
    expect(ticketsSection(page.text)).toBeUndefined()
    expect(seen).toEqual([])
  })

  it.each([
    [
      'an error',
      { status: 503, body: '{"error":{"code":"service_unavailable","message":"down"}}' },
      /503 service_unavailable$/,
    ],
    [
      'an answer outside the contract',
      { status: 200, body: '{"tickets":[{"id":"x"}]}' },
      /invalid_response$/,
    ],
  ])(
    'still renders the page, saying tickets cannot be loaded, when Kefu answers %s',
    async (_, reply, logged) => {
      answer = reply
      const page = await accountPage()
      expect(page.status).toBe(200)
      expect(page.text).toContain('我的订单 My orders')
      expect(ticketsSection(page.text)).toContain("Support tickets can't be loaded right now.")
      expect(t.logs.at(-1)).toMatch(logged)
    },
  )
})

describe('when Kefu cannot be reached', () => {
  it('still renders the account page, with one log line', async () => {
    const offline = await startTestShop('http://127.0.0.1:9')
    try {
      const browser = offline.browser()
      await browser.post('/login', { buyer: 'u_1001' })
      const page = await browser.get('/login')
      expect(page.status).toBe(200)
      expect(page.text).toContain('我的订单 My orders')
      expect(ticketsSection(page.text)).toContain('暂时无法读取工单')
      expect(offline.logs.filter((l) => l.includes('tickets'))).toEqual([
        '[demo-shop] could not load tickets of u_1001 from Kefu: no answer network_error',
      ])
    } finally {
      await offline.shop.close()
    }
  })
})

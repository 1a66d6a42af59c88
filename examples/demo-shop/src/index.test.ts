import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { startDemoShop } from './index.ts'

const kefu = {
  url: 'http://127.0.0.1:9',
  publicKey: 'pk_test',
  secretKey: 'sk_test',
  webhookSecret: 'whsec_test',
  identitySecret: 'idsec_test',
}
const dirs: string[] = []
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))))

describe('startDemoShop', () => {
  it('seeds one order per case and prints them with their contact', async () => {
    const logs: string[] = []
    const shop = await startDemoShop({ port: 0, kefu, log: (line) => logs.push(line) })
    try {
      expect(shop.url).toMatch(/^http:\/\/localhost:\d+$/)
      expect(new Set(shop.demoOrders.map((o) => o.status))).toEqual(
        new Set(['delivered', 'delivery_failed', 'paid_pending', 'refunded', 'unpaid', 'expired']),
      )
      for (const order of shop.demoOrders) {
        expect(order.orderNo).toMatch(/^[A-Z0-9]{16}$/)
        expect(logs.join('\n')).toContain(`${order.orderNo}  ${order.email}`)
      }
      expect((await fetch(`${shop.url}/`)).status).toBe(200)
    } finally {
      await shop.close()
    }
  })

  it('keeps its data in SHOP_DATA_DIR across restarts without seeding twice', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'demo-shop-'))
    dirs.push(dataDir)
    const first = await startDemoShop({ port: 0, dataDir, kefu, log: () => {} })
    const orders = first.demoOrders
    await first.close()
    const second = await startDemoShop({ port: 0, dataDir, kefu, log: () => {} })
    try {
      expect(second.demoOrders).toEqual(orders)
      const page = await (await fetch(`${second.url}/`)).text()
      expect(page).toContain('库存 4 In stock') // Steam stock unchanged: seeded once
    } finally {
      await second.close()
    }
  })

  it('refuses to start without a webhook secret', async () => {
    await expect(startDemoShop({ port: 0, kefu: { ...kefu, webhookSecret: '' } })).rejects.toThrow(/webhook/)
  })
})

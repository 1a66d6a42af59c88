/**
 * `@kefu/demo-shop`: a small dujiaoka-style card shop with its own server and database,
 * wired to Kefu only through `@kefu/shop-sdk`. Kefu's `pnpm start` runs it in-process;
 * `pnpm start` here runs it alone (see main.ts).
 */

import { randomBytes } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { startBanner } from './banner.ts'
import type { KefuSettings, Shop } from './context.ts'
import { openShopDatabase } from './db.ts'
import { createOrderEvents } from './events.ts'
import { createBuyerTickets } from './kefu-tickets.ts'
import { type DemoOrder, seedDemoShop } from './seed.ts'
import { createShopApp } from './server.ts'

export type { DemoOrder } from './seed.ts'

export interface DemoShopOptions {
  /** 0 picks a free port. */
  port: number
  /** Default: all interfaces. */
  hostname?: string
  /** A folder for the shop's PGlite database; absent keeps it in memory. */
  dataDir?: string
  kefu: {
    url: string
    publicKey: string
    secretKey: string
    identitySecret: string
  } & ({ webhookSecret: string } | { webhookSecrets: readonly string[] })
  /** One line per call; default `console.log`. */
  log?: (line: string) => void
}

export interface DemoShop {
  url: string
  /** The seeded orders, one per after-sales case. */
  demoOrders: DemoOrder[]
  close(): Promise<void>
}

function kefuSettings(kefu: DemoShopOptions['kefu']): KefuSettings {
  const secrets = 'webhookSecrets' in kefu ? [...kefu.webhookSecrets] : [kefu.webhookSecret]
  const [newest, ...older] = secrets
  if (!newest || secrets.some((secret) => secret.length === 0)) {
    throw new TypeError('startDemoShop: kefu.webhookSecret(s) must hold at least one non-empty secret')
  }
  return {
    url: kefu.url.replace(/\/+$/, ''),
    publicKey: kefu.publicKey,
    secretKey: kefu.secretKey,
    identitySecret: kefu.identitySecret,
    webhookSecrets: [newest, ...older],
  }
}

export async function startDemoShop(options: DemoShopOptions): Promise<DemoShop> {
  const log = options.log ?? ((line: string) => console.log(line))
  const kefu = kefuSettings(options.kefu)
  const database = await openShopDatabase(options.dataDir)
  const demoOrders = await seedDemoShop(database.db)
  const events = createOrderEvents({
    db: database.db,
    kefuUrl: kefu.url,
    secretKey: kefu.secretKey,
    webhookSecret: kefu.webhookSecrets[0],
    log,
  })
  const tickets = createBuyerTickets({ kefuUrl: kefu.url, secretKey: kefu.secretKey, log })
  const shop: Shop = {
    db: database.db,
    kefu,
    events,
    tickets,
    cookieSecret: randomBytes(32).toString('hex'),
    log,
  }
  const app = createShopApp(shop)

  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const listening = serve({ fetch: app.fetch, port: options.port, hostname: options.hostname }, () =>
      resolve(listening),
    )
    listening.once('error', reject)
  }).catch(async (error: unknown) => {
    await events.close()
    await database.close()
    throw error
  })
  const { port } = server.address() as AddressInfo
  const url = `http://localhost:${port}`
  log(startBanner(url, demoOrders))

  let closing: Promise<void> | undefined
  return {
    url,
    demoOrders,
    close() {
      closing ??= (async () => {
        await events.close()
        await new Promise<void>((resolve) => {
          server.close(() => resolve())
          if ('closeAllConnections' in server) server.closeAllConnections()
        })
        await database.close()
      })()
      return closing
    },
  }
}

import type { Database } from '@kefu/db'
import { openTestDatabase } from '@kefu/db/testing'
import type { Role } from '@kefu/protocol'
import { addAgent } from '../domain/agents.ts'
import { startEventDelivery } from '../domain/shop/outbox.ts'
import { createTenant, type NewTenantKeys } from '../domain/tenants.ts'
import { SecretBox } from '../lib/master-key.ts'
import { type RunningServer, startServer } from '../server.ts'
import { buildServices, type ServiceOptions } from '../services-factory.ts'
import { TEST_PASSWORD } from './harness.ts'

export interface TestKefu {
  /** `http://127.0.0.1:<port>` */
  url: string
  database: Database
  server: RunningServer
  /** A shop whose widget is allowed on `origins`, with one agent of `role`. */
  newShop(options?: { origins?: string[]; role?: Role; name?: string }): Promise<{
    tenantId: string
    keys: NewTenantKeys
    agent: { email: string; password: string }
    /** Logs the agent in over HTTP and returns the Cookie header value. */
    login(): Promise<string>
  }>
  /** Takes the API away (sockets closed, port freed) while the database stays. */
  stop(): Promise<void>
  /** Brings it back on the same port. */
  restart(): Promise<void>
  close(): Promise<void>
}

let counter = 0

/**
 * A real Kefu HTTP + WebSocket server on an ephemeral port, on a fresh PGlite (default) or
 * PostgreSQL database, for browser and socket tests.
 */
export async function startTestKefu(
  options: {
    driver?: 'pglite' | 'postgres'
    services?: ServiceOptions
    /** Run the worker that sends queued events to shops' webhooks, as `pnpm start` does. */
    deliverEvents?: boolean
  } = {},
): Promise<TestKefu> {
  const opened = await openTestDatabase(options.driver ?? 'pglite')
  const secrets = new SecretBox(Buffer.alloc(32, 9))
  const services = buildServices(opened.database, secrets, {
    loginLimits: { perIp: 10_000, perEmail: 50 },
    ...options.services,
  })
  let server = await startServer(services, { port: 0, hostname: '127.0.0.1' })
  const delivery = options.deliverEvents
    ? startEventDelivery({ db: opened.database.db, secrets, timeoutMs: services.shopTimeoutMs }, 200)
    : undefined
  const port = server.port
  const url = `http://127.0.0.1:${port}`
  let stopped = false
  return {
    url,
    database: opened.database,
    get server() {
      return server
    },
    async stop() {
      if (stopped) return
      stopped = true
      await server.close()
    },
    async restart() {
      if (!stopped) return
      server = await startServer(
        buildServices(opened.database, secrets, {
          ...options.services,
          loginLimits: { perIp: 10_000, perEmail: 50 },
        }),
        {
          port,
          hostname: '127.0.0.1',
        },
      )
      stopped = false
    },
    async newShop({ origins = ['http://127.0.0.1'], role = 'owner', name } = {}) {
      const { tenant, keys } = await createTenant(opened.database.db, secrets, {
        name: name ?? `Test shop ${++counter}`,
        allowedOrigins: origins,
        actor: { type: 'system' },
      })
      const email = `agent-${Date.now().toString(36)}-${++counter}@test.kefu.local`
      await addAgent(opened.database.db, {
        tenantId: tenant.id,
        email,
        name: `Agent ${counter}`,
        role,
        password: TEST_PASSWORD,
        actor: { type: 'system' },
      })
      return {
        tenantId: tenant.id,
        keys,
        agent: { email, password: TEST_PASSWORD },
        async login() {
          const res = await fetch(`${url}/v1/auth/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ email, password: TEST_PASSWORD }),
          })
          if (res.status !== 200) throw new Error(`login failed: ${res.status}`)
          return res.headers.get('set-cookie')!.split(';')[0]!
        },
      }
    },
    async close() {
      await delivery?.stop()
      if (!stopped) await server.close()
      await opened.cleanup()
    },
  }
}

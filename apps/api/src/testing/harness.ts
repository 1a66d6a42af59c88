import type { Database } from '@kefu/db'
import type { Role } from '@kefu/protocol'
import { type App, createApp } from '../app.ts'
import { addAgent } from '../domain/agents.ts'
import { createTenant, type NewTenantKeys } from '../domain/tenants.ts'
import { SecretBox } from '../lib/master-key.ts'
import type { Services } from '../services.ts'
import { buildServices, type ServiceOptions } from '../services-factory.ts'

export const TEST_PASSWORD = 'correct horse battery'

export interface Harness {
  app: App
  services: Services
  /** A fresh shop with one person of the given role, so no test leans on another's rows. */
  newTenant(options?: { role?: Role; origins?: string[] }): Promise<TestTenant>
}

export interface TestTenant {
  tenantId: string
  keys: NewTenantKeys
  email: string
  password: string
  /** Logs the person in and returns the `Cookie` header value. */
  login(): Promise<string>
  addMember(role: Role): Promise<{ email: string; login(): Promise<string> }>
}

let counter = 0
const uniqueEmail = (tag: string) => `${tag}-${Date.now().toString(36)}-${++counter}@test.kefu.local`

export function createHarness(database: () => Database, options: ServiceOptions = {}): () => Harness {
  let harness: Harness | undefined
  return () => {
    if (harness) return harness
    const services = buildServices(database(), new SecretBox(Buffer.alloc(32, 7)), {
      // Every in-process request comes from the same "IP"; keep the per-email limit real.
      loginLimits: { perIp: 10_000, perEmail: 10 },
      ...options,
    })
    const app = createApp(services)
    const loginAs = async (email: string, tenantId: string) => {
      const res = await app.request('/v1/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: TEST_PASSWORD, tenantId }),
      })
      if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`)
      const cookie = res.headers.get('set-cookie')?.split(';')[0]
      if (!cookie) throw new Error('login set no cookie')
      return cookie
    }
    harness = {
      app,
      services,
      async newTenant({ role = 'owner', origins = ['https://shop.example'] } = {}) {
        const { tenant, keys } = await createTenant(services.db, services.secrets, {
          name: `Test shop ${++counter}`,
          allowedOrigins: origins,
          actor: { type: 'system' },
        })
        const add = async (r: Role) => {
          const email = uniqueEmail(r)
          await addAgent(services.db, {
            tenantId: tenant.id,
            email,
            name: r,
            role: r,
            password: TEST_PASSWORD,
            actor: { type: 'system' },
          })
          return { email, login: () => loginAs(email, tenant.id) }
        }
        const first = await add(role)
        return {
          tenantId: tenant.id,
          keys,
          email: first.email,
          password: TEST_PASSWORD,
          login: first.login,
          addMember: add,
        }
      },
    }
    return harness
  }
}

import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { type Db, tenants } from '@kefu/db'
import { eq, sql } from 'drizzle-orm'
import { addAgent } from './domain/agents.ts'
import { createTenant } from './domain/tenants.ts'
import type { SecretBox } from './lib/master-key.ts'
import { generatePassword } from './lib/password.ts'

export interface DemoCredentials {
  tenantId: string
  email: string
  password: string
  publicKey: string
  secretKey: string
  webhookSecret: string
  identitySecret: string
}

const credentialsFile = (dataDir: string) => join(dataDir, 'demo-credentials.json')

/**
 * On an empty database, creates the demo shop and its owner so a first start has something to
 * log into. The generated login and keys are kept in the data folder (mode 600) for the banner
 * and the demo shop.
 */
export async function seedDemo(
  db: Db,
  secrets: SecretBox,
  options: { dataDir: string; origins: string[] },
): Promise<DemoCredentials | undefined> {
  const [{ count } = { count: 0 }] = await db.select({ count: sql<number>`count(*)::int` }).from(tenants)
  if (count > 0) {
    // Only trust the saved demo login if it belongs to this database.
    const saved = readDemoCredentials(options.dataDir)
    if (!saved) return undefined
    const [row] = await db.select({ id: tenants.id }).from(tenants).where(eq(tenants.id, saved.tenantId))
    return row ? saved : undefined
  }
  const { tenant, keys } = await createTenant(db, secrets, {
    name: '星河数卡 Galaxy Cards',
    allowedOrigins: options.origins,
    actor: { type: 'system' },
  })
  const email = 'owner@demo.kefu.local'
  const password = generatePassword()
  await addAgent(db, {
    tenantId: tenant.id,
    email,
    name: 'Demo Owner',
    role: 'owner',
    password,
    actor: { type: 'system' },
  })
  const credentials: DemoCredentials = { tenantId: tenant.id, email, password, ...keys }
  writeFileSync(credentialsFile(options.dataDir), JSON.stringify(credentials, null, 2), { mode: 0o600 })
  return credentials
}

export function readDemoCredentials(dataDir: string): DemoCredentials | undefined {
  const file = credentialsFile(dataDir)
  if (!existsSync(file)) return undefined
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as DemoCredentials
  } catch {
    return undefined
  }
}

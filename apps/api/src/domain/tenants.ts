import { type Db, tenants } from '@kefu/db'
import { newId } from '@kefu/protocol'
import { asc, eq } from 'drizzle-orm'
import { KefuError } from '../errors.ts'
import type { SecretBox } from '../lib/master-key.ts'
import { appendAudit } from './audit.ts'
import { issueKey } from './keys.ts'

export interface NewTenantKeys {
  publicKey: string
  secretKey: string
  webhookSecret: string
  identitySecret: string
}

/** An origin as browsers send it: scheme, host and port only. */
export function normaliseOrigin(input: string): string {
  let url: URL
  try {
    url = new URL(input)
  } catch {
    throw new KefuError('invalid_request', `"${input}" is not an origin like https://shop.example`, {
      field: 'origin',
    })
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new KefuError('invalid_request', `"${input}" must start with https:// or http://`, {
      field: 'origin',
    })
  }
  return url.origin
}

/** Creates a shop with its first set of keys, returned in clear this once. */
export async function createTenant(
  db: Db,
  secrets: SecretBox,
  input: { name: string; allowedOrigins: string[]; actor: { type: 'cli' | 'system' | 'agent'; id?: string } },
): Promise<{ tenant: typeof tenants.$inferSelect; keys: NewTenantKeys }> {
  const name = input.name.trim()
  if (!name || name.length > 120)
    throw new KefuError('invalid_request', 'A shop name of 1–120 characters is required', { field: 'name' })
  const allowedOrigins = [...new Set(input.allowedOrigins.map(normaliseOrigin))]
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db
    const [tenant] = await tx
      .insert(tenants)
      .values({ id: newId('tenant'), name, allowedOrigins })
      .returning()
    if (!tenant) throw new Error('tenant insert returned nothing')
    const keys: NewTenantKeys = {
      publicKey: await issueKey(tx, secrets, tenant.id, 'public'),
      secretKey: await issueKey(tx, secrets, tenant.id, 'secret'),
      webhookSecret: await issueKey(tx, secrets, tenant.id, 'webhook'),
      identitySecret: await issueKey(tx, secrets, tenant.id, 'identity'),
    }
    await appendAudit(tx, {
      tenantId: tenant.id,
      actorType: input.actor.type,
      actorId: input.actor.id ?? null,
      action: 'tenant.created',
      data: { name, allowedOrigins },
    })
    return { tenant, keys }
  })
}

export async function listTenants(db: Db) {
  return db.select().from(tenants).orderBy(asc(tenants.createdAt))
}

export async function getTenant(db: Db, tenantId: string) {
  const [tenant] = await db.select().from(tenants).where(eq(tenants.id, tenantId))
  return tenant
}

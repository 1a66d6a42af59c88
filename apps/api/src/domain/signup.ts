import { agents, type Db } from '@kefu/db'
import type { SignupRequest } from '@kefu/protocol'
import { eq } from 'drizzle-orm'
import { KefuError } from '../errors.ts'
import type { SecretBox } from '../lib/master-key.ts'
import { addAgent, normaliseEmail } from './agents.ts'
import { createTenant, type NewTenantKeys } from './tenants.ts'

/**
 * Creates a shop, its keys and its owner in one transaction, for the hosted service's sign-up
 * page. The caller logs the owner in.
 */
export async function signUp(
  db: Db,
  secrets: SecretBox,
  input: SignupRequest,
): Promise<{ tenantId: string; keys: NewTenantKeys }> {
  const email = normaliseEmail(input.email)
  const [taken] = await db.select({ id: agents.id }).from(agents).where(eq(agents.email, email))
  if (taken) {
    throw new KefuError('conflict', 'This email already has a Kefu login; log in instead', {
      field: 'body.email',
    })
  }
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db
    const { tenant, keys } = await createTenant(tx, secrets, {
      name: input.shopName,
      allowedOrigins: input.origin ? [input.origin] : [],
      actor: { type: 'system' },
    }).catch((err: unknown) => {
      // createTenant names the field without its place in the body.
      if (err instanceof KefuError && err.field === 'origin')
        throw new KefuError(err.code, err.message, { field: 'body.origin' })
      throw err
    })
    await addAgent(tx, {
      tenantId: tenant.id,
      email,
      name: input.name,
      role: 'owner',
      password: input.password,
      actor: { type: 'system' },
    })
    return { tenantId: tenant.id, keys }
  })
}

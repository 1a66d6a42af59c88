import { agents, type Db, memberships } from '@kefu/db'
import { newId, type Role } from '@kefu/protocol'
import { and, eq } from 'drizzle-orm'
import { KefuError } from '../errors.ts'
import { hashPassword } from '../lib/password.ts'
import { appendAudit } from './audit.ts'

export const MIN_PASSWORD_LENGTH = 10

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase()
}

/**
 * Adds a person to a shop with a role. A new email becomes a new login with the given password;
 * an existing login just gains the membership (its password is not touched).
 */
export async function addAgent(
  db: Db,
  input: {
    tenantId: string
    email: string
    name: string
    role: Role
    password: string
    actor: { type: 'cli' | 'agent' | 'system'; id?: string }
  },
): Promise<{ agentId: string; created: boolean }> {
  const email = normaliseEmail(input.email)
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    throw new KefuError('invalid_request', `"${input.email}" is not an email address`, { field: 'email' })
  }
  if (input.password.length < MIN_PASSWORD_LENGTH) {
    throw new KefuError('invalid_request', `Passwords need at least ${MIN_PASSWORD_LENGTH} characters`, {
      field: 'password',
    })
  }
  const passwordHash = await hashPassword(input.password)
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db
    const [existing] = await tx.select({ id: agents.id }).from(agents).where(eq(agents.email, email))
    let agentId = existing?.id
    const created = !agentId
    if (!agentId) {
      agentId = newId('agent')
      await tx.insert(agents).values({ id: agentId, email, name: input.name.trim() || email, passwordHash })
    }
    const [member] = await tx
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.tenantId, input.tenantId), eq(memberships.agentId, agentId)))
    if (member)
      throw new KefuError('conflict', `${email} is already a member of this shop`, { field: 'email' })
    await tx.insert(memberships).values({ tenantId: input.tenantId, agentId, role: input.role })
    await appendAudit(tx, {
      tenantId: input.tenantId,
      actorType: input.actor.type,
      actorId: input.actor.id ?? null,
      action: 'agent.added',
      target: agentId,
      data: { email, role: input.role },
    })
    return { agentId, created }
  })
}

import { agents, type Db, memberships, sessions, tenants } from '@kefu/db'
import { type MeResponse, newId, type Role } from '@kefu/protocol'
import { and, asc, eq, gt, isNull } from 'drizzle-orm'
import { KefuError } from '../errors.ts'
import { dummyPasswordHash, verifyPassword } from '../lib/password.ts'
import { randomToken, sha256Hex } from '../lib/tokens.ts'
import { normaliseEmail } from './agents.ts'

export const SESSION_TTL_MS = 14 * 24 * 3600_000

export interface AgentAuth {
  sessionId: string
  agentId: string
  tenantId: string
  role: Role
}

const invalidCredentials = () => new KefuError('invalid_credentials', 'Wrong email or password')

/**
 * Checks the password and opens a session in one of the agent's shops. Unknown email and wrong
 * password answer the same, in the same time.
 */
export async function logIn(
  db: Db,
  input: { email: string; password: string; tenantId?: string | undefined },
): Promise<{ token: string; auth: AgentAuth; expiresAt: Date }> {
  const [agent] = await db
    .select()
    .from(agents)
    .where(eq(agents.email, normaliseEmail(input.email)))
  const ok = await verifyPassword(input.password, agent?.passwordHash ?? (await dummyPasswordHash))
  if (!agent || !ok) throw invalidCredentials()
  const active = await db
    .select({ tenantId: memberships.tenantId, role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.agentId, agent.id), isNull(memberships.deactivatedAt)))
    .orderBy(asc(memberships.createdAt))
  const membership = input.tenantId ? active.find((m) => m.tenantId === input.tenantId) : active[0]
  if (!membership) {
    // Right password but no (active) seat in that shop: say so, the person is who they claim.
    throw new KefuError(
      'forbidden',
      input.tenantId ? 'You are not a member of that shop' : 'Your account has no active shop',
    )
  }
  const token = randomToken()
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS)
  const sessionId = newId('session')
  await db.insert(sessions).values({
    id: sessionId,
    tokenHash: sha256Hex(token),
    agentId: agent.id,
    tenantId: membership.tenantId,
    expiresAt,
  })
  return {
    token,
    expiresAt,
    auth: { sessionId, agentId: agent.id, tenantId: membership.tenantId, role: membership.role },
  }
}

/** The agent behind a session cookie, if the session is live and the membership still active. */
export async function resolveSession(db: Db, token: string): Promise<AgentAuth | undefined> {
  const [row] = await db
    .select({
      sessionId: sessions.id,
      agentId: sessions.agentId,
      tenantId: sessions.tenantId,
      role: memberships.role,
    })
    .from(sessions)
    .innerJoin(
      memberships,
      and(eq(memberships.agentId, sessions.agentId), eq(memberships.tenantId, sessions.tenantId)),
    )
    .where(
      and(
        eq(sessions.tokenHash, sha256Hex(token)),
        gt(sessions.expiresAt, new Date()),
        isNull(memberships.deactivatedAt),
      ),
    )
  return row
}

export async function logOut(db: Db, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId))
}

/** Who is logged in, where, and which other shops they can switch to. */
export async function describeAgent(db: Db, auth: AgentAuth): Promise<MeResponse> {
  const [agent] = await db.select().from(agents).where(eq(agents.id, auth.agentId))
  const rows = await db
    .select({ tenantId: tenants.id, tenantName: tenants.name, role: memberships.role })
    .from(memberships)
    .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
    .where(and(eq(memberships.agentId, auth.agentId), isNull(memberships.deactivatedAt)))
    .orderBy(asc(memberships.createdAt))
  const current = rows.find((r) => r.tenantId === auth.tenantId)
  if (!agent || !current) throw new KefuError('unauthorized', 'Your session has ended; log in again')
  return {
    agent: { id: agent.id, email: agent.email, name: agent.name },
    tenant: { id: current.tenantId, name: current.tenantName },
    role: auth.role,
    memberships: rows,
  }
}

import { agents, type Db, memberships, sessions } from '@kefu/db'
import { newId, type Role, type TeamMember } from '@kefu/protocol'
import { and, asc, eq, isNull, ne, sql } from 'drizzle-orm'
import { KefuError, notFound } from '../errors.ts'
import { hashPassword } from '../lib/password.ts'
import type { Mailer } from '../services.ts'
import { normaliseEmail } from './agents.ts'
import { appendAudit } from './audit.ts'
import { consumeAgentToken, issueAgentToken } from './password-reset.ts'

/** An invited person has no password until they accept; no password ever verifies against this. */
export const INVITED_PASSWORD_HASH = 'invited$'

export interface TeamActor {
  agentId: string
  role: Role
}

/** Every member of the shop, owners first. */
export async function listTeam(db: Db, tenantId: string): Promise<TeamMember[]> {
  const rows = await db
    .select({ a: agents, m: memberships })
    .from(memberships)
    .innerJoin(agents, eq(agents.id, memberships.agentId))
    .where(eq(memberships.tenantId, tenantId))
    .orderBy(
      sql`case ${memberships.role} when 'owner' then 0 when 'admin' then 1 else 2 end`,
      asc(memberships.createdAt),
    )
  return rows.map(({ a, m }) => ({
    agentId: a.id,
    email: a.email,
    name: a.name,
    role: m.role,
    status: m.deactivatedAt ? 'deactivated' : a.passwordHash === INVITED_PASSWORD_HASH ? 'invited' : 'active',
    joinedAt: m.createdAt.toISOString(),
  }))
}

/** Who conversations can be assigned to: active members, by name. */
export async function listAssignees(db: Db, tenantId: string) {
  return db
    .select({ id: agents.id, name: agents.name })
    .from(memberships)
    .innerJoin(agents, eq(agents.id, memberships.agentId))
    .where(and(eq(memberships.tenantId, tenantId), isNull(memberships.deactivatedAt)))
    .orderBy(asc(agents.name))
}

const onlyOwnersTouchOwners = () =>
  new KefuError('forbidden', 'Only an owner can make someone an owner or change an owner')

/**
 * Adds a person to the shop. A new address gets an invitation link (7 days) to set a name and
 * password; someone who already has a Kefu login simply gains the seat and is told so.
 */
export async function inviteMember(
  db: Db,
  mailer: Mailer,
  input: {
    tenantId: string
    tenantName: string
    actor: TeamActor
    email: string
    role: Role
    name?: string
    kefuUrl: string
  },
): Promise<TeamMember> {
  if (input.role === 'owner' && input.actor.role !== 'owner') throw onlyOwnersTouchOwners()
  const email = normaliseEmail(input.email)
  const { agentId, token } = await db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db
    const [existing] = await tx.select({ id: agents.id }).from(agents).where(eq(agents.email, email))
    const agentId = existing?.id ?? newId('agent')
    if (!existing) {
      await tx.insert(agents).values({
        id: agentId,
        email,
        name: input.name?.trim() || email.split('@')[0]!,
        passwordHash: INVITED_PASSWORD_HASH,
      })
    } else {
      const [member] = await tx
        .select({ role: memberships.role })
        .from(memberships)
        .where(and(eq(memberships.tenantId, input.tenantId), eq(memberships.agentId, agentId)))
      if (member) throw new KefuError('conflict', `${email} is already on this team`, { field: 'body.email' })
    }
    await tx.insert(memberships).values({ tenantId: input.tenantId, agentId, role: input.role })
    await appendAudit(tx, {
      tenantId: input.tenantId,
      actorType: 'agent',
      actorId: input.actor.agentId,
      action: 'member.invited',
      target: agentId,
      data: { email, role: input.role },
    })
    const token = existing
      ? undefined
      : await issueAgentToken(tx, { agentId, purpose: 'invite', tenantId: input.tenantId })
    return { agentId, token }
  })
  await mailer.send({
    to: email,
    subject: `You are invited to ${input.tenantName} on Kefu / 邀请您加入 ${input.tenantName}`,
    text: token
      ? [
          `You have been invited to answer ${input.tenantName}'s customers as ${input.role}.`,
          `您被邀请以 ${input.role} 身份加入 ${input.tenantName} 的客服团队。`,
          '',
          `${input.kefuUrl}/inbox/accept-invite#token=${token}`,
          '',
          'The link works once, for 7 days. / 链接 7 天内有效，只能使用一次。',
        ].join('\n')
      : [
          `You now also work for ${input.tenantName} as ${input.role}. Log in as usual:`,
          `您已加入 ${input.tenantName}，请用原账号登录：`,
          `${input.kefuUrl}/inbox/login`,
        ].join('\n'),
  })
  const member = (await listTeam(db, input.tenantId)).find((m) => m.agentId === agentId)
  if (!member) throw new Error('invited member vanished')
  return member
}

/** Sets name and password from an invitation link. The caller logs the person in. */
export async function acceptInvite(
  db: Db,
  input: { token: string; name: string; password: string },
): Promise<{ agentId: string; tenantId: string; email: string }> {
  const passwordHash = await hashPassword(input.password)
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db
    const { agentId, tenantId } = await consumeAgentToken(tx, input.token, 'invite')
    const [agent] = await tx
      .update(agents)
      .set({ name: input.name, passwordHash })
      .where(eq(agents.id, agentId))
      .returning({ email: agents.email })
    if (!agent || !tenantId)
      throw new KefuError('invalid_request', 'This invitation is no longer valid', { field: 'body.token' })
    return { agentId, tenantId, email: agent.email }
  })
}

/**
 * Changes a member's role or (de)activates them. Admins manage agents and admins; only owners
 * touch owners; the shop always keeps one active owner; nobody deactivates themselves.
 */
export async function updateMember(
  db: Db,
  input: {
    tenantId: string
    actor: TeamActor
    agentId: string
    role?: Role | undefined
    active?: boolean | undefined
  },
): Promise<TeamMember> {
  await db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db
    // One team change at a time per shop, so two owners cannot demote each other at once.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`team:${input.tenantId}`}))`)
    const [target] = await tx
      .select()
      .from(memberships)
      .where(and(eq(memberships.tenantId, input.tenantId), eq(memberships.agentId, input.agentId)))
    if (!target) throw notFound('Member')
    if ((target.role === 'owner' || input.role === 'owner') && input.actor.role !== 'owner') {
      throw onlyOwnersTouchOwners()
    }
    if (input.active === false && input.agentId === input.actor.agentId) {
      throw new KefuError('invalid_request', 'You cannot deactivate yourself', { field: 'body.active' })
    }
    const losesOwner =
      target.role === 'owner' &&
      !target.deactivatedAt &&
      ((input.role !== undefined && input.role !== 'owner') || input.active === false)
    if (losesOwner) {
      const [others] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(memberships)
        .where(
          and(
            eq(memberships.tenantId, input.tenantId),
            eq(memberships.role, 'owner'),
            isNull(memberships.deactivatedAt),
            ne(memberships.agentId, input.agentId),
          ),
        )
      if ((others?.n ?? 0) === 0) {
        throw new KefuError(
          'conflict',
          'A shop needs at least one active owner; make someone else owner first',
        )
      }
    }
    await tx
      .update(memberships)
      .set({
        ...(input.role && { role: input.role }),
        ...(input.active !== undefined && { deactivatedAt: input.active ? null : new Date() }),
      })
      .where(and(eq(memberships.tenantId, input.tenantId), eq(memberships.agentId, input.agentId)))
    if (input.active === false) {
      await tx
        .delete(sessions)
        .where(and(eq(sessions.tenantId, input.tenantId), eq(sessions.agentId, input.agentId)))
    }
    await appendAudit(tx, {
      tenantId: input.tenantId,
      actorType: 'agent',
      actorId: input.actor.agentId,
      action: 'member.updated',
      target: input.agentId,
      data: {
        ...(input.role && { role: input.role }),
        ...(input.active !== undefined && { active: input.active }),
      },
    })
  })
  const member = (await listTeam(db, input.tenantId)).find((m) => m.agentId === input.agentId)
  if (!member) throw notFound('Member')
  return member
}

import { agents, agentTokens, type Db, sessions } from '@kefu/db'
import { newId } from '@kefu/protocol'
import { and, eq, gt, isNull, sql } from 'drizzle-orm'
import { KefuError } from '../errors.ts'
import { hashPassword } from '../lib/password.ts'
import { randomToken, sha256Hex } from '../lib/tokens.ts'
import type { Mailer } from '../services.ts'
import { normaliseEmail } from './agents.ts'

export type TokenPurpose = (typeof agentTokens.$inferSelect)['purpose']

export const tokenTtlMs: Record<TokenPurpose, number> = {
  password_reset: 3600_000,
  invite: 7 * 24 * 3600_000,
}

/** Reset links asked for one address per hour beyond this are quietly not sent. */
const MAX_RESETS_PER_HOUR = 5

/** Issues a one-time link token; only its hash is stored. */
export async function issueAgentToken(
  db: Db,
  input: { agentId: string; purpose: TokenPurpose; tenantId?: string },
): Promise<string> {
  const token = randomToken()
  await db.insert(agentTokens).values({
    id: newId('accountToken'),
    tokenHash: sha256Hex(token),
    purpose: input.purpose,
    agentId: input.agentId,
    tenantId: input.tenantId ?? null,
    expiresAt: new Date(Date.now() + tokenTtlMs[input.purpose]),
  })
  return token
}

/**
 * Marks a live token used and returns what it was for; a used, expired, unknown or
 * other-purpose token is refused. The update is the check, so two uses cannot both win.
 */
export async function consumeAgentToken(db: Db, token: string, purpose: TokenPurpose) {
  const [row] = await db
    .update(agentTokens)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(agentTokens.tokenHash, sha256Hex(token)),
        eq(agentTokens.purpose, purpose),
        isNull(agentTokens.usedAt),
        gt(agentTokens.expiresAt, sql`now()`),
      ),
    )
    .returning({ agentId: agentTokens.agentId, tenantId: agentTokens.tenantId })
  if (!row) {
    throw new KefuError('invalid_request', 'This link is invalid, expired or already used', {
      field: 'body.token',
    })
  }
  return row
}

/**
 * Emails a reset link if the address belongs to someone. Says nothing either way, so the
 * answer does not reveal who has an account.
 */
export async function requestPasswordReset(
  db: Db,
  mailer: Mailer,
  input: { email: string; kefuUrl: string },
): Promise<void> {
  const email = normaliseEmail(input.email)
  const [agent] = await db.select({ id: agents.id }).from(agents).where(eq(agents.email, email))
  if (!agent) return
  const [recent] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(agentTokens)
    .where(
      and(
        eq(agentTokens.agentId, agent.id),
        eq(agentTokens.purpose, 'password_reset'),
        gt(agentTokens.createdAt, sql`now() - interval '1 hour'`),
      ),
    )
  if ((recent?.n ?? 0) >= MAX_RESETS_PER_HOUR) return
  const token = await issueAgentToken(db, { agentId: agent.id, purpose: 'password_reset' })
  await mailer.send({
    to: email,
    subject: 'Reset your Kefu password / 重置 Kefu 密码',
    text: [
      'Someone (hopefully you) asked to reset the password of this Kefu account.',
      '有人申请重置此 Kefu 账号的密码。若不是您本人，请忽略此邮件。',
      '',
      `${input.kefuUrl}/inbox/reset-password#token=${token}`,
      '',
      'The link works once, for one hour. / 链接 1 小时内有效，只能使用一次。',
    ].join('\n'),
  })
}

/** Sets a new password from a reset link and ends every session of the account. */
export async function confirmPasswordReset(
  db: Db,
  input: { token: string; password: string },
): Promise<{ agentId: string }> {
  const passwordHash = await hashPassword(input.password)
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db
    const { agentId } = await consumeAgentToken(tx, input.token, 'password_reset')
    await tx.update(agents).set({ passwordHash }).where(eq(agents.id, agentId))
    await tx.delete(sessions).where(eq(sessions.agentId, agentId))
    return { agentId }
  })
}

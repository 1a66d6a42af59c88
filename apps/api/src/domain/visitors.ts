import { createHmac } from 'node:crypto'
import { type Db, tenants, visitors, visitorTokens } from '@kefu/db'
import { type Identify, newId } from '@kefu/protocol'
import { and, eq, gt, isNull, sql } from 'drizzle-orm'
import { KefuError } from '../errors.ts'
import type { SecretBox } from '../lib/master-key.ts'
import { constantTimeEqual, randomToken, sha256Hex } from '../lib/tokens.ts'
import { findTenantByPublicKey, liveSecrets } from './keys.ts'

export const VISITOR_TOKEN_TTL_MS = 180 * 24 * 3600_000

export interface VisitorAuth {
  tenantId: string
  visitorId: string
  verified: boolean
  tokenHash: string
}

/** Is `origin` one the shop listed? Exact scheme + host + port match. */
export function originAllowed(tenant: typeof tenants.$inferSelect, origin: string | undefined): boolean {
  return !!origin && tenant.allowedOrigins.includes(origin)
}

/**
 * Opens (or resumes) a visitor session for a public key. The caller has already decided which
 * origin the page is on; it must be one of the shop's.
 */
export async function openVisitorSession(
  db: Db,
  input: {
    publicKey: string
    origin: string | undefined
    /** The page is one of Kefu's own (the inbox preview), allowed for every shop. */
    trustedOrigin?: boolean
    visitorToken?: string | undefined
    locale?: string | undefined
    page?: { url: string; title?: string | undefined } | undefined
  },
): Promise<{ tenant: typeof tenants.$inferSelect; visitorId: string; token: string; verified: boolean }> {
  const tenantId = await findTenantByPublicKey(db, input.publicKey)
  if (!tenantId) throw new KefuError('unauthorized', 'Unknown or revoked widget key')
  const [tenant] = await db.select().from(tenants).where(eq(tenants.id, tenantId))
  if (!tenant) throw new KefuError('unauthorized', 'Unknown or revoked widget key')
  if (!input.trustedOrigin && !originAllowed(tenant, input.origin)) {
    throw new KefuError(
      'origin_not_allowed',
      `The widget of this shop is not allowed on ${input.origin ?? 'this page'}`,
    )
  }
  const resumed = input.visitorToken ? await resolveVisitorToken(db, input.visitorToken) : undefined
  const page = input.page
    ? [
        {
          url: input.page.url,
          ...(input.page.title && { title: input.page.title }),
          at: new Date().toISOString(),
        },
      ]
    : []
  if (resumed && resumed.tenantId === tenantId) {
    const [current] = await db
      .select({ pages: visitors.pages })
      .from(visitors)
      .where(eq(visitors.id, resumed.visitorId))
    await db
      .update(visitors)
      .set({
        lastSeenAt: new Date(),
        ...(input.locale && { locale: input.locale }),
        ...(page.length && { pages: [...page, ...(current?.pages ?? [])].slice(0, 10) }),
      })
      .where(eq(visitors.id, resumed.visitorId))
    return { tenant, visitorId: resumed.visitorId, token: input.visitorToken!, verified: resumed.verified }
  }
  const visitorId = newId('visitor')
  await db.insert(visitors).values({ id: visitorId, tenantId, locale: input.locale ?? null, pages: page })
  const token = await issueVisitorToken(db, tenantId, visitorId)
  return { tenant, visitorId, token, verified: false }
}

async function issueVisitorToken(db: Db, tenantId: string, visitorId: string): Promise<string> {
  const token = `vt_${randomToken()}`
  await db.insert(visitorTokens).values({
    tokenHash: sha256Hex(token),
    tenantId,
    visitorId,
    expiresAt: new Date(Date.now() + VISITOR_TOKEN_TTL_MS),
  })
  return token
}

export async function resolveVisitorToken(db: Db, token: string): Promise<VisitorAuth | undefined> {
  if (!token.startsWith('vt_')) return undefined
  const tokenHash = sha256Hex(token)
  const [row] = await db
    .select({
      tenantId: visitorTokens.tenantId,
      visitorId: visitorTokens.visitorId,
      verified: visitors.verified,
    })
    .from(visitorTokens)
    .innerJoin(visitors, eq(visitors.id, visitorTokens.visitorId))
    .where(
      and(
        eq(visitorTokens.tokenHash, tokenHash),
        isNull(visitorTokens.revokedAt),
        gt(visitorTokens.expiresAt, new Date()),
      ),
    )
  return row && { ...row, tokenHash }
}

export async function revokeVisitorToken(db: Db, auth: VisitorAuth): Promise<void> {
  await db
    .update(visitorTokens)
    .set({ revokedAt: new Date() })
    .where(eq(visitorTokens.tokenHash, auth.tokenHash))
}

/** hex(HMAC-SHA256(secret, userId)) against every live identity secret, in constant time. */
export function identityHashMatches(secrets: string[], userId: string, userHash: string): boolean {
  let ok = false
  for (const secret of secrets) {
    const expected = createHmac('sha256', secret).update(userId).digest('hex')
    ok = constantTimeEqual(expected, userHash.toLowerCase()) || ok
  }
  return ok
}

/**
 * Marks the visitor as the shop's user `userId` once the shop's HMAC checks out. If that user
 * already has a visitor (another device), this browser becomes that visitor, bringing along any
 * conversations it started anonymously; the caller gets a token for it.
 */
export async function identifyVisitor(
  db: Db,
  secretBox: SecretBox,
  auth: VisitorAuth,
  input: Identify,
): Promise<{ visitorId: string; token: string | undefined }> {
  const secrets = await liveSecrets(db, secretBox, auth.tenantId, 'identity')
  if (!identityHashMatches(secrets, input.userId, input.userHash)) {
    throw new KefuError('identity_invalid', 'The identity hash does not match this user id', {
      field: 'body.userHash',
    })
  }
  const profile = {
    verified: true,
    ...(input.name && { name: input.name }),
    ...(input.email && { email: input.email }),
  }
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db
    const [existing] = await tx
      .select({ id: visitors.id })
      .from(visitors)
      .where(and(eq(visitors.tenantId, auth.tenantId), eq(visitors.externalId, input.userId)))
    if (!existing) {
      const [current] = await tx
        .select({ externalId: visitors.externalId })
        .from(visitors)
        .where(eq(visitors.id, auth.visitorId))
      if (current?.externalId && current.externalId !== input.userId) {
        // This browser belonged to another user (shared computer): start a fresh visitor.
        const visitorId = newId('visitor')
        await tx
          .insert(visitors)
          .values({ id: visitorId, tenantId: auth.tenantId, externalId: input.userId, ...profile })
        await tx
          .update(visitorTokens)
          .set({ revokedAt: new Date() })
          .where(eq(visitorTokens.tokenHash, auth.tokenHash))
        return { visitorId, token: await issueVisitorToken(tx, auth.tenantId, visitorId) }
      }
      await tx
        .update(visitors)
        .set({ externalId: input.userId, ...profile })
        .where(eq(visitors.id, auth.visitorId))
      return { visitorId: auth.visitorId, token: undefined }
    }
    await tx.update(visitors).set(profile).where(eq(visitors.id, existing.id))
    if (existing.id === auth.visitorId) return { visitorId: existing.id, token: undefined }
    // Anonymous conversations from this browser join the known user's; the anonymous visitor is retired.
    await tx.execute(
      sql`update conversations set visitor_id = ${existing.id} where visitor_id = ${auth.visitorId} and tenant_id = ${auth.tenantId}`,
    )
    await tx
      .update(visitorTokens)
      .set({ revokedAt: new Date() })
      .where(eq(visitorTokens.tokenHash, auth.tokenHash))
    return { visitorId: existing.id, token: await issueVisitorToken(tx, auth.tenantId, existing.id) }
  })
}

import { tenants } from '@kefu/db'
import { eq } from 'drizzle-orm'
import { createMiddleware } from 'hono/factory'
import { resolveVisitorToken, type VisitorAuth } from '../domain/visitors.ts'
import { KefuError } from '../errors.ts'
import type { AppEnv } from '../services.ts'

export type VisitorEnv = AppEnv & { Variables: { visitor: VisitorAuth & { requireVerified: boolean } } }

/** `Authorization: Bearer vt_…` from the widget frame (it keeps the token in its own storage, no cookies). */
export const requireVisitor = createMiddleware<VisitorEnv>(async (c, next) => {
  const header = c.req.header('authorization') ?? ''
  const token = header.startsWith('Bearer ') ? header.slice(7).trim() : ''
  const { db } = c.var.services
  const auth = token ? await resolveVisitorToken(db, token) : undefined
  if (!auth)
    throw new KefuError('unauthorized', 'The visitor session is missing, expired or revoked; open a new one')
  const [tenant] = await db
    .select({ requireVerified: tenants.requireVerifiedIdentity })
    .from(tenants)
    .where(eq(tenants.id, auth.tenantId))
  c.set('visitor', { ...auth, requireVerified: tenant?.requireVerified ?? false })
  await next()
})

/** Shops that require verified identity refuse anonymous visitors every write, not only `identify`. */
export function assertMayWrite(visitor: VisitorAuth & { requireVerified: boolean }): void {
  if (visitor.requireVerified && !visitor.verified) {
    throw new KefuError(
      'identity_required',
      'This shop only talks to signed-in buyers: sign in on the shop first',
    )
  }
}

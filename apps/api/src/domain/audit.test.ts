import { auditLog } from '@kefu/db'
import { describeEachDatabase } from '@kefu/db/testing'
import { eq, sql } from 'drizzle-orm'
import { expect, it } from 'vitest'
import { createHarness } from '../testing/harness.ts'
import { appendAudit, verifyAuditChain } from './audit.ts'

describeEachDatabase('audit log', (database) => {
  const h = createHarness(database)

  it('chains entries and names the first one that was tampered with', async () => {
    const shop = await h().newTenant()
    const { db } = h().services
    const ids: string[] = []
    for (const action of ['order.resend', 'order.refund', 'key.rotated']) {
      ids.push(
        await appendAudit(db, {
          tenantId: shop.tenantId,
          actorType: 'agent',
          actorId: 'agt_x',
          action,
          data: { z: 1, a: [2, { c: 3, b: 4 }] },
        }),
      )
    }
    const clean = await verifyAuditChain(db, shop.tenantId)
    // tenant.created + agent.added from the harness, then ours.
    expect(clean).toEqual({ ok: true, entries: 5 })

    await db
      .update(auditLog)
      .set({ data: { z: 2 } })
      .where(eq(auditLog.id, ids[1]!))
    expect(await verifyAuditChain(db, shop.tenantId)).toEqual({
      ok: false,
      entries: 3,
      firstBrokenId: ids[1],
    })
  })

  it('detects a deleted entry', async () => {
    const shop = await h().newTenant()
    const { db } = h().services
    const a = await appendAudit(db, { tenantId: shop.tenantId, actorType: 'cli', action: 'one' })
    const b = await appendAudit(db, { tenantId: shop.tenantId, actorType: 'cli', action: 'two' })
    await db.delete(auditLog).where(eq(auditLog.id, a))
    const result = await verifyAuditChain(db, shop.tenantId)
    expect(result).toMatchObject({ ok: false, firstBrokenId: b })
  })

  it('keeps the chain straight under concurrent appends', async () => {
    const shop = await h().newTenant()
    const { db } = h().services
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        appendAudit(db, { tenantId: shop.tenantId, actorType: 'system', action: `burst.${i}` }),
      ),
    )
    const [{ n } = { n: 0 }] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(eq(auditLog.tenantId, shop.tenantId))
    expect(n).toBe(14)
    expect(await verifyAuditChain(db, shop.tenantId)).toEqual({ ok: true, entries: 14 })
  })
})

import { auditLog, type Db } from '@kefu/db'
import { newId } from '@kefu/protocol'
import { asc, eq, sql } from 'drizzle-orm'
import { sha256Hex } from '../lib/tokens.ts'

export interface AuditEntry {
  tenantId: string
  actorType: 'agent' | 'system' | 'cli' | 'shop' | 'bot'
  actorId?: string | null
  action: string
  target?: string | null
  data?: Record<string, unknown>
}

const GENESIS = '0'.repeat(64)

/** JSON with sorted keys, so the hash survives jsonb's reordering. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`
  }
  return JSON.stringify(value ?? null)
}

function entryHash(
  prevHash: string,
  e: Omit<typeof auditLog.$inferSelect, 'seq' | 'hash' | 'prevHash'>,
): string {
  const body = canonical({
    id: e.id,
    tenantId: e.tenantId,
    actorType: e.actorType,
    actorId: e.actorId ?? null,
    action: e.action,
    target: e.target ?? null,
    data: e.data,
    createdAt: e.createdAt.toISOString(),
  })
  return sha256Hex(`${prevHash}\n${body}`)
}

/**
 * Appends to the tenant's hash chain. Call it inside the transaction that does the audited
 * thing, so the entry and the change commit together.
 */
export async function appendAudit(db: Db, entry: AuditEntry): Promise<string> {
  const write = async (tx: Db) => {
    // Serialise appends per tenant so two writers never chain onto the same predecessor.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`audit:${entry.tenantId}`}))`)
    const [last] = await tx
      .select({ hash: auditLog.hash })
      .from(auditLog)
      .where(eq(auditLog.tenantId, entry.tenantId))
      .orderBy(sql`${auditLog.seq} desc`)
      .limit(1)
    const row = {
      id: newId('audit'),
      tenantId: entry.tenantId,
      actorType: entry.actorType,
      actorId: entry.actorId ?? null,
      action: entry.action,
      target: entry.target ?? null,
      data: entry.data ?? {},
      // Millisecond precision, so the stored time hashes the same when read back.
      createdAt: new Date(Math.floor(Date.now())),
    }
    const prevHash = last?.hash ?? GENESIS
    await tx.insert(auditLog).values({ ...row, prevHash, hash: entryHash(prevHash, row) })
    return row.id
  }
  return db.transaction((tx) => write(tx as unknown as Db))
}

export type AuditVerification =
  | { ok: true; entries: number }
  | { ok: false; entries: number; firstBrokenId: string }

/** Walks the chain from the start and names the first entry whose hash or link does not hold. */
export async function verifyAuditChain(db: Db, tenantId: string): Promise<AuditVerification> {
  const rows = await db
    .select()
    .from(auditLog)
    .where(eq(auditLog.tenantId, tenantId))
    .orderBy(asc(auditLog.seq))
  let prev = GENESIS
  for (const [i, row] of rows.entries()) {
    if (row.prevHash !== prev || entryHash(prev, row) !== row.hash) {
      return { ok: false, entries: i, firstBrokenId: row.id }
    }
    prev = row.hash
  }
  return { ok: true, entries: rows.length }
}

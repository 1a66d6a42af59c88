import { apiKeys, type Db, tenantSecrets } from '@kefu/db'
import { newId, randomBase58 } from '@kefu/protocol'
import { and, eq, gt, isNull, or, sql } from 'drizzle-orm'
import type { SecretBox } from '../lib/master-key.ts'
import { sha256Hex } from '../lib/tokens.ts'
import { appendAudit } from './audit.ts'

export type KeyKind = 'public' | 'secret' | 'webhook' | 'identity'

/** Prefixes make a leaked key easy to find with grep and to tell apart at a glance. */
const keyPrefixes: Record<KeyKind, string> = {
  public: 'pk_live_',
  secret: 'sk_live_',
  webhook: 'whsec_',
  identity: 'idsec_',
}

/** How long the previous key keeps working after a rotation, unless the caller says otherwise. */
export const defaultOverlapHours: Record<KeyKind, number> = {
  public: 24,
  secret: 0,
  webhook: 24,
  identity: 24,
}

export function generateKey(kind: KeyKind): string {
  return `${keyPrefixes[kind]}${randomBase58(kind === 'public' ? 24 : 32)}`
}

/** Stores a newly generated key of the kind and returns it in clear, the only time it exists so. */
export async function issueKey(db: Db, secrets: SecretBox, tenantId: string, kind: KeyKind): Promise<string> {
  const key = generateKey(kind)
  if (kind === 'public' || kind === 'secret') {
    await db.insert(apiKeys).values({
      id: newId('key'),
      tenantId,
      kind,
      start: key.slice(0, kind === 'public' ? key.length : 12),
      lookup: kind === 'public' ? key : sha256Hex(key),
    })
  } else {
    await db
      .insert(tenantSecrets)
      .values({ id: newId('secret'), tenantId, kind, ciphertext: secrets.seal(key) })
  }
  return key
}

const live = (expiresAt: typeof apiKeys.expiresAt | typeof tenantSecrets.expiresAt) =>
  or(isNull(expiresAt), gt(expiresAt, sql`now()`))

/**
 * Issues a new key and lets the current ones expire after the overlap, so the shop can switch
 * without downtime. Audited.
 */
export async function rotateKey(
  db: Db,
  secrets: SecretBox,
  input: {
    tenantId: string
    kind: KeyKind
    overlapHours?: number
    actor: { type: 'agent' | 'cli'; id?: string }
  },
): Promise<{ key: string; previousExpireAt: Date }> {
  const overlapHours = input.overlapHours ?? defaultOverlapHours[input.kind]
  const expireAt = new Date(Date.now() + overlapHours * 3600_000)
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db
    if (input.kind === 'public' || input.kind === 'secret') {
      await tx
        .update(apiKeys)
        .set({ expiresAt: expireAt })
        .where(
          and(eq(apiKeys.tenantId, input.tenantId), eq(apiKeys.kind, input.kind), live(apiKeys.expiresAt)),
        )
    } else {
      await tx
        .update(tenantSecrets)
        .set({ expiresAt: expireAt })
        .where(
          and(
            eq(tenantSecrets.tenantId, input.tenantId),
            eq(tenantSecrets.kind, input.kind),
            live(tenantSecrets.expiresAt),
          ),
        )
    }
    const key = await issueKey(tx, secrets, input.tenantId, input.kind)
    await appendAudit(tx, {
      tenantId: input.tenantId,
      actorType: input.actor.type,
      actorId: input.actor.id ?? null,
      action: 'key.rotated',
      target: input.kind,
      data: { overlapHours, start: key.slice(0, 12) },
    })
    return { key, previousExpireAt: expireAt }
  })
}

/** The tenant a secret key belongs to, if it is live. Secret keys are compared by their hash. */
export async function findTenantBySecretKey(db: Db, key: string): Promise<string | undefined> {
  if (!key.startsWith(keyPrefixes.secret)) return undefined
  const [row] = await db
    .select({ tenantId: apiKeys.tenantId })
    .from(apiKeys)
    .where(and(eq(apiKeys.lookup, sha256Hex(key)), eq(apiKeys.kind, 'secret'), live(apiKeys.expiresAt)))
  return row?.tenantId
}

/** The tenant a public widget key belongs to, if it is live. */
export async function findTenantByPublicKey(db: Db, key: string): Promise<string | undefined> {
  if (!key.startsWith(keyPrefixes.public)) return undefined
  const [row] = await db
    .select({ tenantId: apiKeys.tenantId })
    .from(apiKeys)
    .where(and(eq(apiKeys.lookup, key), eq(apiKeys.kind, 'public'), live(apiKeys.expiresAt)))
  return row?.tenantId
}

/** The newest live public key: the one the snippet shows. */
export async function currentPublicKey(db: Db, tenantId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ key: apiKeys.lookup })
    .from(apiKeys)
    .where(and(eq(apiKeys.tenantId, tenantId), eq(apiKeys.kind, 'public'), live(apiKeys.expiresAt)))
    .orderBy(sql`${apiKeys.createdAt} desc`)
    .limit(1)
  return row?.key
}

/** Every live webhook or identity secret, newest first (several during a rotation overlap). */
export async function liveSecrets(
  db: Db,
  secrets: SecretBox,
  tenantId: string,
  kind: 'webhook' | 'identity',
): Promise<string[]> {
  const rows = await db
    .select({ ciphertext: tenantSecrets.ciphertext })
    .from(tenantSecrets)
    .where(
      and(eq(tenantSecrets.tenantId, tenantId), eq(tenantSecrets.kind, kind), live(tenantSecrets.expiresAt)),
    )
    .orderBy(sql`${tenantSecrets.createdAt} desc`)
  return rows.map((r) => secrets.open(r.ciphertext))
}

import { apiKeys, type Db, tenantSecrets, tenants } from '@kefu/db'
import type { ShopKeys, ShopSettings, UpdateShopSettings, WidgetAppearance } from '@kefu/protocol'
import { and, desc, eq, gt, isNull, or, sql } from 'drizzle-orm'
import { KefuError, notFound } from '../errors.ts'
import type { SecretBox } from '../lib/master-key.ts'
import { appendAudit } from './audit.ts'
import { currentPublicKey, liveSecrets } from './keys.ts'
import { getTenant, normaliseOrigin } from './tenants.ts'
import { widgetSettingsOf } from './widget-settings.ts'

/** The one-tag snippet a shop pastes before `</body>`. */
export function snippetFor(kefuUrl: string, publicKey: string | null): string {
  return `<script async src="${kefuUrl}/widget.js" data-key="${publicKey ?? 'pk_live_…'}"></script>`
}

async function loadTenant(db: Db, tenantId: string) {
  const tenant = await getTenant(db, tenantId)
  if (!tenant) throw notFound('Shop')
  return tenant
}

/** What the settings screens show, with the appearance as the widget reads it (defaults filled in). */
export async function shopSettings(db: Db, tenantId: string, kefuUrl: string): Promise<ShopSettings> {
  const tenant = await loadTenant(db, tenantId)
  const widget = widgetSettingsOf(tenant)
  const publicKey = (await currentPublicKey(db, tenantId)) ?? null
  return {
    shopName: tenant.name,
    widget: {
      color: widget.color,
      logoUrl: widget.logoUrl,
      greeting: widget.greeting,
      position: widget.position,
    },
    allowedOrigins: tenant.allowedOrigins,
    requireVerifiedIdentity: tenant.requireVerifiedIdentity,
    install: { publicKey, kefuUrl, snippet: snippetFor(kefuUrl, publicKey) },
  }
}

function originField(input: string): string {
  try {
    return normaliseOrigin(input)
  } catch (err) {
    if (err instanceof KefuError) throw new KefuError(err.code, err.message, { field: 'body.allowedOrigins' })
    throw err
  }
}

/**
 * Changes the shop's name, widget appearance, allowed origins or identity requirement. The
 * appearance is merged into `tenants.settings` under the keys `widgetSettingsOf` reads. Audited.
 */
export async function updateShopSettings(
  db: Db,
  input: { tenantId: string; agentId: string; change: UpdateShopSettings },
): Promise<void> {
  const { change } = input
  const allowedOrigins = change.allowedOrigins && [...new Set(change.allowedOrigins.map(originField))]
  await db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db
    const [tenant] = await tx.select().from(tenants).where(eq(tenants.id, input.tenantId)).for('update')
    if (!tenant) throw notFound('Shop')
    const widget: Partial<WidgetAppearance> = change.widget ?? {}
    const settings = { ...tenant.settings }
    for (const [key, value] of Object.entries(widget)) {
      if (value === undefined) continue
      if (value === null) delete settings[key]
      else settings[key] = value
    }
    await tx
      .update(tenants)
      .set({
        settings,
        ...(change.shopName && { name: change.shopName }),
        ...(allowedOrigins && { allowedOrigins }),
        ...(change.requireVerifiedIdentity !== undefined && {
          requireVerifiedIdentity: change.requireVerifiedIdentity,
        }),
      })
      .where(eq(tenants.id, input.tenantId))
    await appendAudit(tx, {
      tenantId: input.tenantId,
      actorType: 'agent',
      actorId: input.agentId,
      action: 'settings.updated',
      data: { fields: Object.keys(change), ...(allowedOrigins && { allowedOrigins }) },
    })
  })
}

/** The keys screen: the public key, the starts of secret keys, and the identity secret in clear. */
export async function shopKeys(db: Db, secrets: SecretBox, tenantId: string): Promise<ShopKeys> {
  const live = or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, sql`now()`))
  const secretKeys = await db
    .select({ start: apiKeys.start, createdAt: apiKeys.createdAt, expiresAt: apiKeys.expiresAt })
    .from(apiKeys)
    .where(and(eq(apiKeys.tenantId, tenantId), eq(apiKeys.kind, 'secret'), live))
    .orderBy(desc(apiKeys.createdAt))
  const [webhook] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(tenantSecrets)
    .where(
      and(
        eq(tenantSecrets.tenantId, tenantId),
        eq(tenantSecrets.kind, 'webhook'),
        or(isNull(tenantSecrets.expiresAt), gt(tenantSecrets.expiresAt, sql`now()`)),
      ),
    )
  const [identity] = await liveSecrets(db, secrets, tenantId, 'identity')
  return {
    publicKey: (await currentPublicKey(db, tenantId)) ?? null,
    secretKeys: secretKeys.map((k) => ({
      start: `${k.start}…`,
      createdAt: k.createdAt.toISOString(),
      expiresAt: k.expiresAt?.toISOString() ?? null,
    })),
    webhookSecret: { live: webhook?.n ?? 0 },
    identitySecret: identity ?? null,
  }
}

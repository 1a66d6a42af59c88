import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core'
import { tenants } from './tenants.ts'

/**
 * Keys a tenant's clients present to Kefu. Public widget keys (`pk_…`) are public by design and
 * kept in clear so the snippet can be shown again; secret keys (`sk_…`) are kept only as SHA-256.
 */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['public', 'secret'] }).notNull(),
    /** The first characters, safe to show (`sk_live_AbCd…`). */
    start: text('start').notNull(),
    /** Public keys: the key. Secret keys: hex SHA-256 of the key. */
    lookup: text('lookup').notNull().unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Set on rotation; the key keeps working until then (overlap), then never again. */
    expiresAt: timestamp('expires_at', { withTimezone: true }),
  },
  (t) => [index('api_keys_tenant_idx').on(t.tenantId)],
)

/**
 * Secrets Kefu must use in clear (webhook signing, identity verification), encrypted with the
 * deployment's master key. Rotation keeps the old one until `expiresAt` so shops can switch over.
 */
export const tenantSecrets = pgTable(
  'tenant_secrets',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['webhook', 'identity'] }).notNull(),
    /** `v1.<iv>.<tag>.<ciphertext>` (AES-256-GCM, base64url). */
    ciphertext: text('ciphertext').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
  },
  (t) => [index('tenant_secrets_tenant_idx').on(t.tenantId, t.kind)],
)

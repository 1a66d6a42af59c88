import { boolean, index, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { tenants } from './tenants.ts'

/** A buyer on a shop's site: anonymous until the shop vouches for them with `identify`. */
export const visitors = pgTable(
  'visitors',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    /** The shop's own user id, set only by a verified `identify`. */
    externalId: text('external_id'),
    verified: boolean('verified').notNull().default(false),
    name: text('name'),
    email: text('email'),
    locale: text('locale'),
    /** The pages the visitor was on, newest first, for the agent's side panel. */
    pages: jsonb('pages').$type<Array<{ url: string; title?: string; at: string }>>().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('visitors_tenant_idx').on(t.tenantId),
    uniqueIndex('visitors_tenant_external_idx').on(t.tenantId, t.externalId),
  ],
)

/** Bearer tokens the widget frame keeps in its own storage; only their SHA-256 is stored. */
export const visitorTokens = pgTable(
  'visitor_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    visitorId: text('visitor_id')
      .notNull()
      .references(() => visitors.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('visitor_tokens_visitor_idx').on(t.visitorId)],
)

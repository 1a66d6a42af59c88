import { index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { agents } from './agents.ts'
import { tenants } from './tenants.ts'

/** Answers agents reuse, found in the composer by typing `/shortcut`. */
export const cannedReplies = pgTable(
  'canned_replies',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    shortcut: text('shortcut').notNull(),
    title: text('title').notNull(),
    text: text('text').notNull(),
    createdBy: text('created_by').references(() => agents.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('canned_replies_tenant_shortcut_idx').on(t.tenantId, t.shortcut)],
)

/**
 * One-time links sent by email: a password reset (1 h) or an invitation to a shop (7 days).
 * Only the SHA-256 of the token is stored; `usedAt` makes each single use.
 */
export const agentTokens = pgTable(
  'agent_tokens',
  {
    id: text('id').primaryKey(),
    tokenHash: text('token_hash').notNull().unique(),
    purpose: text('purpose', { enum: ['password_reset', 'invite'] }).notNull(),
    agentId: text('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    /** The shop an invitation is for; null for a password reset. */
    tenantId: text('tenant_id').references(() => tenants.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('agent_tokens_agent_idx').on(t.agentId)],
)

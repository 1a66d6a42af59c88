import { index, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core'
import { tenants } from './tenants.ts'

/** A person who logs into the inbox. One login can work for several shops. */
export const agents = pgTable('agents', {
  id: text('id').primaryKey(),
  /** Stored lower-cased; unique across the deployment. */
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  /** `scrypt$N$r$p$salt$hash`, never the password. */
  passwordHash: text('password_hash').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
})

export const memberships = pgTable(
  'memberships',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    agentId: text('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['owner', 'admin', 'agent'] }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    deactivatedAt: timestamp('deactivated_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.agentId] }), index('memberships_agent_idx').on(t.agentId)],
)

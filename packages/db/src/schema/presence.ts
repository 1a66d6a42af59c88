import { index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core'
import { agents } from './agents.ts'
import { tenants } from './tenants.ts'

/**
 * Which agents have an inbox socket open, per API process. A process refreshes its rows while it
 * lives; rows of a process that died simply stop being fresh.
 */
export const agentPresence = pgTable(
  'agent_presence',
  {
    agentId: text('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    processId: text('process_id').notNull(),
    connections: integer('connections').notNull(),
    seenAt: timestamp('seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.agentId, t.tenantId, t.processId] }),
    index('agent_presence_tenant_idx').on(t.tenantId),
  ],
)

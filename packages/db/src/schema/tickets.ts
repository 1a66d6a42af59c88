import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core'
import { agents } from './agents.ts'
import { conversations } from './conversations.ts'
import { tenants } from './tenants.ts'
import { visitors } from './visitors.ts'

/** The tracked case a conversation becomes: category, priority, status, assignee, orders. */
export const tickets = pgTable(
  'tickets',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    /** The buyer; erasing the buyer erases their tickets. */
    visitorId: text('visitor_id').references(() => visitors.id, { onDelete: 'cascade' }),
    conversationId: text('conversation_id').references(() => conversations.id, { onDelete: 'set null' }),
    subject: text('subject').notNull(),
    category: text('category').notNull(),
    priority: text('priority', { enum: ['low', 'normal', 'high', 'urgent'] }).notNull(),
    status: text('status', { enum: ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'] })
      .notNull()
      .default('new'),
    assigneeId: text('assignee_id').references(() => agents.id, { onDelete: 'set null' }),
    orderNos: jsonb('order_nos').$type<string[]>().notNull().default([]),
    source: text('source', { enum: ['agent', 'bot', 'rule', 'form'] }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    firstResponseAt: timestamp('first_response_at', { withTimezone: true }),
    solvedAt: timestamp('solved_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('tickets_tenant_number_idx').on(t.tenantId, t.number),
    index('tickets_tenant_updated_idx').on(t.tenantId, t.updatedAt),
    index('tickets_conversation_idx').on(t.conversationId),
    index('tickets_visitor_idx').on(t.visitorId),
  ],
)

/** A ticket's timeline: every change and internal note, with who made it. */
export const ticketEvents = pgTable(
  'ticket_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    ticketId: text('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    fromValue: text('from_value'),
    toValue: text('to_value'),
    text: text('text'),
    actorType: text('actor_type', { enum: ['agent', 'bot', 'system', 'shop', 'visitor'] }).notNull(),
    actorId: text('actor_id'),
    actorName: text('actor_name'),
    /** Shown to the buyer (status changes); notes and internal fields are not. */
    public: boolean('public').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('ticket_events_ticket_idx').on(t.ticketId, t.id)],
)

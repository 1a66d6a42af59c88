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
import { tenants } from './tenants.ts'
import { visitors } from './visitors.ts'

/** The chat thread between one visitor and the shop's agents. */
export const conversations = pgTable(
  'conversations',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    visitorId: text('visitor_id')
      .notNull()
      .references(() => visitors.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['open', 'pending', 'resolved'] })
      .notNull()
      .default('open'),
    assigneeId: text('assignee_id').references(() => agents.id, { onDelete: 'set null' }),
    /** The seq of the newest message; each new message takes the next one under a row lock. */
    lastSeq: integer('last_seq').notNull().default(0),
    visitorReadSeq: integer('visitor_read_seq').notNull().default(0),
    agentReadSeq: integer('agent_read_seq').notNull().default(0),
    /** Unread counts kept with each write so listing conversations is one query. */
    unreadForVisitor: integer('unread_for_visitor').notNull().default(0),
    unreadForAgent: integer('unread_for_agent').notNull().default(0),
    lastMessageText: text('last_message_text'),
    lastMessageAuthor: text('last_message_author'),
    lastMessageAt: timestamp('last_message_at', { withTimezone: true }),
    /**
     * The newest ticket opened from this conversation (tickets.id), so a message only touches
     * tickets when there is one. No foreign key: tickets already reference conversations.
     */
    ticketId: text('ticket_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('conversations_tenant_updated_idx').on(t.tenantId, t.updatedAt),
    index('conversations_visitor_idx').on(t.visitorId),
  ],
)

export const messages = pgTable(
  'messages',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    conversationId: text('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    authorType: text('author_type', { enum: ['visitor', 'agent', 'bot', 'system'] }).notNull(),
    authorId: text('author_id'),
    authorName: text('author_name'),
    /** The sender's id for the message; unique per sender so a retried send stores one message. */
    clientId: text('client_id'),
    text: text('text').notNull(),
    internal: boolean('internal').notNull().default(false),
    attachments: jsonb('attachments')
      .$type<Array<{ id: string; name: string; contentType: string; size: number }>>()
      .notNull()
      .default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('messages_conversation_seq_idx').on(t.conversationId, t.seq),
    uniqueIndex('messages_client_idx').on(t.tenantId, t.authorType, t.authorId, t.clientId),
  ],
)

export const attachments = pgTable(
  'attachments',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    uploaderType: text('uploader_type', { enum: ['visitor', 'agent'] }).notNull(),
    uploaderId: text('uploader_id').notNull(),
    /** Set when a message uses it; an attachment belongs to one conversation. */
    conversationId: text('conversation_id').references(() => conversations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('attachments_tenant_idx').on(t.tenantId)],
)

/**
 * The realtime outbox: every durable event is a row written in the transaction that caused it.
 * Processes are told the ids (NOTIFY) after commit and read the rows; a client that dropped asks
 * for the rows after its cursor.
 */
export const events = pgTable(
  'events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    conversationId: text('conversation_id'),
    /** The visitor who may see it; null for events only agents see. */
    visitorId: text('visitor_id'),
    type: text('type').notNull(),
    /** Ids and small facts; the receiver renders the event from the rows they name. */
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('events_tenant_idx').on(t.tenantId, t.id), index('events_visitor_idx').on(t.visitorId, t.id)],
)

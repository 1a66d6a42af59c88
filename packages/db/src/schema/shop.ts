import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core'
import { conversations } from './conversations.ts'
import { tenants } from './tenants.ts'

/** How Kefu reaches the shop's backend, and what the shop lets Kefu do there. */
export const shopConnections = pgTable('shop_connections', {
  tenantId: text('tenant_id')
    .primaryKey()
    .references(() => tenants.id, { onDelete: 'cascade' }),
  /** `https://shop.example/kefu/webhook`: one endpoint for look-ups, actions and events. */
  webhookUrl: text('webhook_url').notNull(),
  /** Lowest role allowed to refund; resends are open to every agent. */
  refundMinRole: text('refund_min_role', { enum: ['agent', 'admin', 'owner'] })
    .notNull()
    .default('admin'),
  /** Refunds above this amount (decimal string, order currency) are refused; null: no limit. */
  refundMaxAmount: text('refund_max_amount'),
  /** The bot may re-send codes by itself when the shop says resend is possible. */
  botMayResend: boolean('bot_may_resend').notNull().default(true),
  /** Tell the buyer in chat when the shop reports a failed delivery. */
  notifyBuyerOnFailure: boolean('notify_buyer_on_failure').notNull().default(true),
  /** Event types sent to the shop (conversation.created, message.created, …). */
  events: jsonb('events').$type<string[]>().notNull().default([]),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
})

/**
 * Every call to the shop and every event delivery, with its outcome: the delivery log admins
 * read, the circuit breaker's memory, and the retry queue for events.
 */
export const shopDeliveries = pgTable(
  'shop_deliveries',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['call', 'event'] }).notNull(),
    type: text('type').notNull(),
    status: text('status', { enum: ['pending', 'ok', 'failed', 'skipped'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    httpStatus: integer('http_status'),
    latencyMs: integer('latency_ms'),
    error: text('error'),
    /** Events only: the body to send again on retry. Calls keep no payload (buyer contact data). */
    payload: jsonb('payload').$type<Record<string, unknown>>(),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('shop_deliveries_tenant_idx').on(t.tenantId, t.createdAt),
    index('shop_deliveries_due_idx').on(t.status, t.nextAttemptAt),
  ],
)

/** Orders a conversation is about, with the last masked copy the shop sent (for the order card). */
export const conversationOrders = pgTable(
  'conversation_orders',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    conversationId: text('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    orderNo: text('order_no').notNull(),
    /** The Order as the shop last described it: codes masked and fingerprinted by the shop. */
    snapshot: jsonb('snapshot').$type<Record<string, unknown>>().notNull(),
    source: text('source', { enum: ['buyer', 'customer', 'agent', 'shop'] }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.conversationId, t.orderNo] }),
    index('conversation_orders_order_idx').on(t.tenantId, t.orderNo),
  ],
)

/** Resends, refunds and notes asked of the shop: who, what, which order, and how it went. */
export const orderActions = pgTable(
  'order_actions',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    conversationId: text('conversation_id').references(() => conversations.id, { onDelete: 'set null' }),
    orderNo: text('order_no').notNull(),
    action: text('action', { enum: ['resend', 'refund', 'note'] }).notNull(),
    amount: text('amount'),
    reason: text('reason').notNull(),
    actorType: text('actor_type', { enum: ['agent', 'bot'] }).notNull(),
    actorId: text('actor_id').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    status: text('status', { enum: ['in_flight', 'completed', 'pending', 'rejected', 'failed'] }).notNull(),
    message: text('message').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('order_actions_idempotency_idx').on(t.tenantId, t.idempotencyKey)],
)

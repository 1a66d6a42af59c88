import { boolean, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

/** One shop (or one consignment marketplace). Every tenant-owned row points here. */
export const tenants = pgTable('tenants', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** Origins the widget may open visitor sessions from, e.g. `https://shop.example`. */
  allowedOrigins: jsonb('allowed_origins').$type<string[]>().notNull().default([]),
  requireVerifiedIdentity: boolean('require_verified_identity').notNull().default(false),
  /** Tickets are numbered per shop (#1001, #1002…): the last number handed out. */
  lastTicketNumber: integer('last_ticket_number').notNull().default(1000),
  settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
})

import { z } from 'zod'
import { attachmentSchema, MAX_MESSAGE_LENGTH } from './conversations.ts'
import { orderNoSchema, ticketStatusSchema } from './shop.ts'

/** What a card-shop case is about; detected from the buyer's words (zh/en), agents may change it. */
export const ticketCategories = [
  'code_not_received',
  'code_invalid',
  'wrong_item',
  'refund',
  'payment_not_credited',
  'account',
  'how_to_use',
  'other',
] as const
export const ticketCategorySchema = z.enum(ticketCategories)
export type TicketCategory = z.infer<typeof ticketCategorySchema>

export const ticketPriorities = ['low', 'normal', 'high', 'urgent'] as const
export const ticketPrioritySchema = z.enum(ticketPriorities)
export type TicketPriority = z.infer<typeof ticketPrioritySchema>

export { type TicketStatus, ticketStatusSchema } from './shop.ts'

/**
 * Solved and closed tickets are done; every other status is still being worked. A buyer writing
 * again reopens a pending or solved ticket; a closed one is final (its fields refuse changes,
 * internal notes are still accepted) and the conversation can get a new ticket.
 */
export const doneTicketStatuses = ['solved', 'closed'] as const

const actorSchema = z.object({
  type: z.enum(['agent', 'bot', 'system', 'shop', 'visitor']),
  id: z.string().nullable(),
  name: z.string().nullable(),
})

/**
 * One line of a ticket's timeline. `public` entries are what the buyer sees (a safe version:
 * status changes and notices); internal notes, priority and assignee changes stay with agents.
 */
export const ticketEventSchema = z
  .object({
    id: z.string(),
    type: z.enum([
      'created',
      'status',
      'priority',
      'category',
      'assignee',
      'subject',
      'order_linked',
      'note',
    ]),
    /** The value before and after, for field changes (`status`: `open` → `pending`). */
    from: z.string().nullable(),
    to: z.string().nullable(),
    /** Note text (internal notes only). */
    text: z.string().nullable(),
    actor: actorSchema,
    public: z.boolean(),
    at: z.string(),
  })
  .meta({ id: 'TicketEvent' })
export type TicketEvent = z.infer<typeof ticketEventSchema>

/** A ticket as agents see it. */
export const ticketSchema = z
  .object({
    id: z.string(),
    /** Per-shop number agents and buyers quote: #1001, #1002… */
    number: z.number().int(),
    conversationId: z.string().nullable(),
    visitor: z
      .object({
        id: z.string(),
        name: z.string().nullable(),
        email: z.string().nullable(),
        verified: z.boolean(),
        externalId: z.string().nullable(),
      })
      .nullable(),
    subject: z.string(),
    category: ticketCategorySchema,
    priority: ticketPrioritySchema,
    status: ticketStatusSchema,
    assignee: z.object({ id: z.string(), name: z.string() }).nullable(),
    orderNos: z.array(z.string()),
    source: z.enum(['agent', 'bot', 'rule', 'form']),
    createdAt: z.string(),
    updatedAt: z.string(),
    /** First agent reply in the conversation after the ticket was opened. */
    firstResponseAt: z.string().nullable(),
    solvedAt: z.string().nullable(),
  })
  .meta({ id: 'Ticket' })
export type Ticket = z.infer<typeof ticketSchema>

export const ticketDetailSchema = ticketSchema
  .extend({
    events: z.array(ticketEventSchema),
    /** Evidence: files the buyer sent in the conversation (error screenshots, payment receipts), oldest first. */
    evidence: z.array(attachmentSchema),
  })
  .meta({ id: 'TicketDetail' })
export type TicketDetail = z.infer<typeof ticketDetailSchema>

/** The buyer's safe view of their ticket: no notes, no priority, no agent names beyond the public ones. */
export const buyerTicketSchema = z
  .object({
    id: z.string(),
    number: z.number().int(),
    conversationId: z.string().nullable(),
    subject: z.string(),
    category: ticketCategorySchema,
    status: ticketStatusSchema,
    orderNos: z.array(z.string()),
    createdAt: z.string(),
    updatedAt: z.string(),
    /** Status changes, oldest first. */
    steps: z.array(z.object({ status: ticketStatusSchema, at: z.string() })),
  })
  .meta({ id: 'BuyerTicket' })
export type BuyerTicket = z.infer<typeof buyerTicketSchema>

export const createTicketSchema = z
  .object({
    conversationId: z.string().max(40),
    /** Defaults to the buyer's first words in the conversation. */
    subject: z.string().trim().min(1).max(200).optional(),
    /** Detected from the conversation when left out. */
    category: ticketCategorySchema.optional(),
    priority: ticketPrioritySchema.optional(),
    assigneeId: z.string().max(40).nullable().optional(),
    /** Orders the case is about; defaults to the orders linked to the conversation. */
    orderNos: z.array(orderNoSchema).max(20).optional(),
  })
  .meta({ id: 'CreateTicket' })
export type CreateTicket = z.infer<typeof createTicketSchema>

export const updateTicketSchema = z
  .object({
    status: ticketStatusSchema.optional(),
    priority: ticketPrioritySchema.optional(),
    category: ticketCategorySchema.optional(),
    subject: z.string().trim().min(1).max(200).optional(),
    /** An agent id, or null to unassign. */
    assigneeId: z.string().max(40).nullable().optional(),
    /** Link one more order to the ticket. */
    addOrderNo: orderNoSchema.optional(),
  })
  .refine((u) => Object.values(u).some((v) => v !== undefined), { message: 'nothing to change' })
  .meta({ id: 'UpdateTicket' })
export type UpdateTicket = z.infer<typeof updateTicketSchema>

export const ticketNoteSchema = z
  .object({ text: z.string().trim().min(1).max(MAX_MESSAGE_LENGTH) })
  .meta({ id: 'TicketNote' })

export const ticketListQuerySchema = z.object({
  view: z.enum(['all', 'mine', 'unassigned']).default('all'),
  /** `active` = every status but solved and closed. */
  status: z.union([ticketStatusSchema, z.literal('active')]).default('active'),
  priority: ticketPrioritySchema.optional(),
  category: ticketCategorySchema.optional(),
  /** Matches the subject, the number (`1024` or `#1024`), a linked order number, or the buyer's name or email. */
  q: z.string().max(100).optional(),
  cursor: z.string().max(80).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
})
export type TicketListQuery = z.infer<typeof ticketListQuerySchema>

export const ticketListSchema = z
  .object({ tickets: z.array(ticketSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'TicketList' })
export type TicketList = z.infer<typeof ticketListSchema>

/** What the inbox needs to show or open the conversation's ticket. */
export const conversationTicketSchema = z
  .object({
    /** The conversation's newest ticket, with its timeline; null when there is none. */
    ticket: ticketDetailSchema.nullable(),
    /** Prefilled fields for a new ticket, detected from the buyer's messages. */
    suggestion: z.object({
      subject: z.string(),
      category: ticketCategorySchema,
      priority: ticketPrioritySchema,
      orderNos: z.array(z.string()),
    }),
  })
  .meta({ id: 'ConversationTicket' })
export type ConversationTicket = z.infer<typeof conversationTicketSchema>

export const buyerTicketListSchema = z
  .object({ tickets: z.array(buyerTicketSchema) })
  .meta({ id: 'BuyerTicketList' })

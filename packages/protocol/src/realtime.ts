import { z } from 'zod'
import { conversationSchema, messageSchema } from './conversations.ts'
import { orderSchema } from './shop.ts'
import { buyerTicketSchema, ticketSchema } from './tickets.ts'

/**
 * Where a client is in the event stream. Opaque to clients: they keep the last one they saw and
 * send it back to catch up after a reconnect.
 */
export const cursorSchema = z.string().max(64)

const durable = { eventId: z.string(), cursor: cursorSchema }

/** Events the server pushes over a WebSocket (and returns from the catch-up endpoints). */
export const serverEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), cursor: cursorSchema, agentsOnline: z.number().int().optional() }),
  z.object({ type: z.literal('message.created'), ...durable, message: messageSchema }),
  z.object({ type: z.literal('message.updated'), ...durable, message: messageSchema }),
  z.object({ type: z.literal('conversation.updated'), ...durable, conversation: conversationSchema }),
  /** The shop changed an order linked to a conversation (agents only: refresh the order card). */
  z.object({
    type: z.literal('order.updated'),
    ...durable,
    conversationId: z.string(),
    order: orderSchema,
  }),
  /** A ticket was opened or changed: agents get the ticket, the buyer their safe view of it. */
  z.object({
    type: z.literal('ticket.updated'),
    ...durable,
    ticket: z.union([ticketSchema, buyerTicketSchema]),
  }),
  z.object({
    type: z.literal('read'),
    ...durable,
    conversationId: z.string(),
    reader: z.enum(['visitor', 'agent']),
    seq: z.number().int(),
  }),
  z.object({
    type: z.literal('typing'),
    conversationId: z.string(),
    author: z.object({ type: z.enum(['visitor', 'agent']), id: z.string(), name: z.string().nullable() }),
    typing: z.boolean(),
  }),
  z.object({
    type: z.literal('presence'),
    agents: z.array(z.object({ id: z.string(), name: z.string(), online: z.boolean() })),
  }),
  /** Answer to a `message.send` frame: the stored message (also for a repeated clientId). */
  z.object({ type: z.literal('ack'), clientId: z.string(), message: messageSchema }),
  /** A frame was refused; the socket stays open unless the code says otherwise. */
  z.object({
    type: z.literal('error'),
    code: z.string(),
    message: z.string(),
    clientId: z.string().optional(),
  }),
  /** The server may have missed events (e.g. its database listener reconnected): catch up with your cursor. */
  z.object({ type: z.literal('resync') }),
])
export type ServerEvent = z.infer<typeof serverEventSchema>
export type DurableEvent = Extract<ServerEvent, { eventId: string }>

/** Frames a client sends over the WebSocket. */
export const clientFrameSchema = z.discriminatedUnion('type', [
  /** Visitors authenticate with their first frame (browsers cannot set headers on WebSockets). */
  z.object({ type: z.literal('auth'), token: z.string().max(200), cursor: cursorSchema.optional() }),
  /** Agents (already authenticated by cookie) may send their cursor to catch up. */
  z.object({ type: z.literal('resume'), cursor: cursorSchema }),
  z.object({
    type: z.literal('message.send'),
    conversationId: z.string().max(40),
    clientId: z.string().min(8).max(64),
    text: z.string().max(4000),
    internal: z.boolean().optional(),
    attachmentIds: z.array(z.string().max(40)).max(10).optional(),
  }),
  z.object({ type: z.literal('typing'), conversationId: z.string().max(40), typing: z.boolean() }),
  z.object({ type: z.literal('read'), conversationId: z.string().max(40), seq: z.number().int().min(0) }),
  z.object({ type: z.literal('ping') }),
])
export type ClientFrame = z.infer<typeof clientFrameSchema>

export const eventPageSchema = z
  .object({
    events: z.array(serverEventSchema),
    cursor: cursorSchema,
    /** More events wait: ask again with `cursor`. */
    more: z.boolean(),
  })
  .meta({ id: 'EventPage' })

/** WebSocket close codes Kefu uses, with the reason sent alongside. */
export const closeCodes = {
  authTimeout: 4401,
  unauthorized: 4401,
  forbidden: 4403,
  badFrame: 4400,
  rateLimited: 4429,
  serverShutdown: 1012,
} as const
export type EventPage = z.infer<typeof eventPageSchema>

import { z } from 'zod'

/** Messages are at most this long, in characters. */
export const MAX_MESSAGE_LENGTH = 4000
/** Attachments are at most this large, in bytes. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
/** Checked by content, not by the declared type. */
export const attachmentTypes = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
] as const

export const conversationStatusSchema = z.enum(['open', 'pending', 'resolved'])
export type ConversationStatus = z.infer<typeof conversationStatusSchema>

/** Who wrote a message. `system` covers notices such as "conversation resolved". */
export const authorSchema = z.object({
  type: z.enum(['visitor', 'agent', 'bot', 'system']),
  id: z.string().nullable(),
  name: z.string().nullable(),
})
export type Author = z.infer<typeof authorSchema>

export const attachmentSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    contentType: z.enum(attachmentTypes),
    size: z.number().int(),
    /** A short-lived signed address; fetch it again from the message when it expires. */
    url: z.string(),
  })
  .meta({ id: 'Attachment' })
export type Attachment = z.infer<typeof attachmentSchema>

export const messageSchema = z
  .object({
    id: z.string(),
    conversationId: z.string(),
    /** Position in the conversation: 1, 2, 3… in the order the server stored them. */
    seq: z.number().int(),
    /** The sender's own id for this message; sending it again never makes a second message. */
    clientId: z.string().nullable(),
    author: authorSchema,
    text: z.string(),
    /** Internal notes are for agents only and never reach the visitor. */
    internal: z.boolean(),
    attachments: z.array(attachmentSchema),
    createdAt: z.string(),
  })
  .meta({ id: 'Message' })
export type Message = z.infer<typeof messageSchema>

export const conversationSchema = z
  .object({
    id: z.string(),
    status: conversationStatusSchema,
    visitor: z.object({
      id: z.string(),
      name: z.string().nullable(),
      email: z.string().nullable(),
      verified: z.boolean(),
      externalId: z.string().nullable(),
    }),
    assignee: z.object({ id: z.string(), name: z.string() }).nullable(),
    lastMessage: z
      .object({ text: z.string(), authorType: authorSchema.shape.type, createdAt: z.string() })
      .nullable(),
    lastSeq: z.number().int(),
    /** Messages the reader has not read: from the visitor for agents, from agents for the visitor. */
    unread: z.number().int(),
    /** The highest seq the other side has read (read receipts). */
    readByVisitor: z.number().int(),
    readByAgent: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Conversation' })
export type Conversation = z.infer<typeof conversationSchema>

export const clientIdSchema = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only')

export const sendMessageSchema = z
  .object({
    clientId: clientIdSchema,
    text: z.string().max(MAX_MESSAGE_LENGTH, `at most ${MAX_MESSAGE_LENGTH} characters`).default(''),
    attachmentIds: z.array(z.string().max(40)).max(10).default([]),
  })
  .refine((m) => m.text.trim().length > 0 || m.attachmentIds.length > 0, {
    message: 'a message needs text or an attachment',
    path: ['text'],
  })
  .meta({ id: 'SendMessage' })
export type SendMessage = z.infer<typeof sendMessageSchema>

export const agentSendMessageSchema = z
  .object({
    clientId: clientIdSchema,
    text: z.string().max(MAX_MESSAGE_LENGTH, `at most ${MAX_MESSAGE_LENGTH} characters`).default(''),
    attachmentIds: z.array(z.string().max(40)).max(10).default([]),
    internal: z.boolean().default(false),
  })
  .refine((m) => m.text.trim().length > 0 || m.attachmentIds.length > 0, {
    message: 'a message needs text or an attachment',
    path: ['text'],
  })
  .meta({ id: 'AgentSendMessage' })

export const startConversationSchema = z
  .object({ message: sendMessageSchema.optional() })
  .meta({ id: 'StartConversation' })

export const updateConversationSchema = z
  .object({
    status: conversationStatusSchema.optional(),
    /** An agent id, or null to unassign. */
    assigneeId: z.string().max(40).nullable().optional(),
  })
  .refine((u) => u.status !== undefined || u.assigneeId !== undefined, { message: 'nothing to change' })
  .meta({ id: 'UpdateConversation' })

export const markReadSchema = z.object({ seq: z.number().int().min(0) }).meta({ id: 'MarkRead' })

export const messagePageSchema = z
  .object({
    /** Newest first. */
    messages: z.array(messageSchema),
    /** Pass as `before` for the next (older) page; null when there is none. */
    nextBefore: z.number().int().nullable(),
  })
  .meta({ id: 'MessagePage' })

export const conversationListSchema = z
  .object({ conversations: z.array(conversationSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'ConversationList' })

export const messagePageQuerySchema = z.object({
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
})

export type MessagePage = z.infer<typeof messagePageSchema>
export type ConversationList = z.infer<typeof conversationListSchema>

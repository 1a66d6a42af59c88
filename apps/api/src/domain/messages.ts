import { attachments, conversations, type Db, messages } from '@kefu/db'
import { type Author, type Message, newId } from '@kefu/protocol'
import { and, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm'
import { KefuError } from '../errors.ts'
import type { SecretBox } from '../lib/master-key.ts'
import { lockConversation, type Published } from './conversations.ts'
import { toMessage } from './dto.ts'
import { recordEvents } from './events.ts'

export interface SendInput {
  tenantId: string
  conversationId: string
  /** For a visitor: the conversation must be theirs. */
  visitorId?: string
  author: Author & { type: 'visitor' | 'agent' | 'bot' | 'system' }
  clientId: string | null
  text: string
  internal?: boolean
  attachmentIds?: string[]
}

const PREVIEW_LENGTH = 140

/**
 * Stores a message and the events announcing it, in one transaction, and returns it. The same
 * author sending the same clientId again gets the stored message back and nothing new is written,
 * so clients can retry until they see an answer.
 */
export async function sendMessage(
  db: Db,
  secrets: SecretBox,
  input: SendInput,
): Promise<Published<{ message: Message; created: boolean }>> {
  const text = input.text.trim()
  const internal = input.author.type === 'agent' && !!input.internal
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db
    const c = await lockConversation(tx, input)

    if (input.clientId) {
      const [existing] = await tx
        .select()
        .from(messages)
        .where(
          and(
            eq(messages.tenantId, input.tenantId),
            eq(messages.authorType, input.author.type),
            input.author.id ? eq(messages.authorId, input.author.id) : isNull(messages.authorId),
            eq(messages.clientId, input.clientId),
          ),
        )
      if (existing) {
        if (existing.conversationId !== c.id) {
          throw new KefuError('conflict', 'This clientId was already used for another conversation', {
            field: 'body.clientId',
          })
        }
        return {
          value: { message: toMessage(existing, secrets), created: false },
          tenantId: input.tenantId,
          eventIds: [],
        }
      }
    }

    const files = await claimAttachments(tx, input, c.id)
    const seq = c.lastSeq + 1
    const [row] = await tx
      .insert(messages)
      .values({
        id: newId('message'),
        tenantId: input.tenantId,
        conversationId: c.id,
        seq,
        authorType: input.author.type,
        authorId: input.author.id,
        authorName: input.author.name,
        clientId: input.clientId,
        text,
        internal,
        attachments: files,
      })
      .returning()
    if (!row) throw new Error('message insert returned nothing')

    const fromVisitor = input.author.type === 'visitor'
    const now = new Date()
    await tx
      .update(conversations)
      .set({
        lastSeq: seq,
        updatedAt: now,
        ...(!internal && {
          lastMessageText: (text || files.map((f) => f.name).join(', ')).slice(0, PREVIEW_LENGTH),
          lastMessageAuthor: input.author.type,
          lastMessageAt: now,
        }),
        // Writing means having read: the writer's own side is caught up.
        ...(fromVisitor
          ? {
              visitorReadSeq: seq,
              unreadForVisitor: 0,
              unreadForAgent: sql`${conversations.unreadForAgent} + 1`,
            }
          : input.author.type === 'agent'
            ? { agentReadSeq: seq, unreadForAgent: 0 }
            : {}),
        ...(!fromVisitor && !internal && { unreadForVisitor: sql`${conversations.unreadForVisitor} + 1` }),
        // A buyer writing again reopens a resolved conversation.
        ...(fromVisitor && c.status === 'resolved' && { status: 'open' as const }),
      })
      .where(eq(conversations.id, c.id))

    const eventIds = await recordEvents(tx, { tenantId: input.tenantId, conversationId: c.id }, [
      { type: 'message.created', messageId: row.id, visitorId: internal ? null : c.visitorId },
      // Internal notes change what agents see of the conversation, not what the visitor sees.
      { type: 'conversation.updated', visitorId: internal ? null : c.visitorId },
    ])
    return { value: { message: toMessage(row, secrets), created: true }, tenantId: input.tenantId, eventIds }
  })
}

/** Attachments the same uploader sent, not yet used in another conversation. */
async function claimAttachments(tx: Db, input: SendInput, conversationId: string) {
  const ids = [...new Set(input.attachmentIds ?? [])]
  if (!ids.length) return []
  if (input.author.type !== 'visitor' && input.author.type !== 'agent') return []
  const rows = await tx
    .select()
    .from(attachments)
    .where(
      and(
        eq(attachments.tenantId, input.tenantId),
        inArray(attachments.id, ids),
        eq(attachments.uploaderType, input.author.type),
        eq(attachments.uploaderId, input.author.id ?? ''),
        or(isNull(attachments.conversationId), eq(attachments.conversationId, conversationId)),
      ),
    )
  if (rows.length !== ids.length) {
    throw new KefuError('invalid_request', 'An attachment is unknown or not yours to send', {
      field: 'body.attachmentIds',
    })
  }
  await tx.update(attachments).set({ conversationId }).where(inArray(attachments.id, ids))
  return rows.map((a) => ({ id: a.id, name: a.name, contentType: a.contentType, size: a.size }))
}

/** A page of a conversation, newest first; visitors never get internal notes. */
export async function listMessages(
  db: Db,
  secrets: SecretBox,
  input: {
    tenantId: string
    conversationId: string
    includeInternal: boolean
    before?: number | undefined
    limit: number
  },
): Promise<{ messages: Message[]; nextBefore: number | null }> {
  const rows = await db
    .select()
    .from(messages)
    .where(
      and(
        eq(messages.tenantId, input.tenantId),
        eq(messages.conversationId, input.conversationId),
        input.includeInternal ? undefined : eq(messages.internal, false),
        input.before ? lt(messages.seq, input.before) : undefined,
      ),
    )
    .orderBy(desc(messages.seq))
    .limit(input.limit + 1)
  const page = rows.slice(0, input.limit)
  return {
    messages: page.map((m) => toMessage(m, secrets)),
    nextBefore: rows.length > input.limit ? (page.at(-1)?.seq ?? null) : null,
  }
}

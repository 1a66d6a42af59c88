import { attachments, conversations, type Db, messages } from '@kefu/db'
import { type Author, type Message, newId } from '@kefu/protocol'
import { and, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm'
import { KefuError, notFound } from '../errors.ts'
import type { SecretBox } from '../lib/master-key.ts'
import type { Published } from './conversations.ts'
import { toMessage } from './dto.ts'
import { recordEvents } from './events.ts'
import { enqueueShopEvent } from './shop/outbox.ts'
import { maskPastedCodes, type PastedCodeMatch } from './shop/pasted-codes.ts'
import { ticketsOnMessage } from './tickets/on-message.ts'

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
  let text = input.text.trim()
  let pasted: PastedCodeMatch[] = []
  if (input.author.type === 'visitor' && text) {
    const masked = await maskPastedCodes(db, secrets, {
      tenantId: input.tenantId,
      conversationId: input.conversationId,
      text,
    })
    text = masked.text
    pasted = masked.matches
  }
  const internal = (input.author.type === 'agent' || input.author.type === 'system') && !!input.internal
  const fromVisitor = input.author.type === 'visitor'
  const extraSeq = pasted.length ? 1 : 0
  try {
    return await db.transaction(async (txRaw) => {
      const tx = txRaw as unknown as Db
      // One statement locks the conversation, numbers the message and updates the preview and
      // unread counts; messages in one conversation are numbered strictly in order.
      const now = new Date()
      const preview = internal
        ? {}
        : {
            lastMessageText: text.slice(0, PREVIEW_LENGTH),
            lastMessageAuthor: input.author.type,
            lastMessageAt: now,
          }
      const [c] = await tx
        .update(conversations)
        .set({
          lastSeq: sql`${conversations.lastSeq} + ${1 + extraSeq}`,
          updatedAt: now,
          ...preview,
          // Writing means having read: the writer's own side is caught up.
          ...(fromVisitor
            ? {
                visitorReadSeq: sql`${conversations.lastSeq} + 1`,
                unreadForVisitor: 0,
                unreadForAgent: sql`${conversations.unreadForAgent} + 1`,
                // A buyer writing again reopens a resolved conversation.
                status: sql`case when ${conversations.status} = 'resolved' then 'open' else ${conversations.status} end`,
              }
            : input.author.type === 'agent'
              ? { agentReadSeq: sql`${conversations.lastSeq} + 1`, unreadForAgent: 0 }
              : {}),
          ...(!fromVisitor && !internal && { unreadForVisitor: sql`${conversations.unreadForVisitor} + 1` }),
        })
        .where(
          and(
            eq(conversations.id, input.conversationId),
            eq(conversations.tenantId, input.tenantId),
            input.visitorId ? eq(conversations.visitorId, input.visitorId) : undefined,
          ),
        )
        .returning({
          id: conversations.id,
          visitorId: conversations.visitorId,
          lastSeq: conversations.lastSeq,
          ticketId: conversations.ticketId,
        })
      if (!c) throw notFound('Conversation')
      const seq = c.lastSeq - extraSeq

      const files = await claimAttachments(tx, input, c.id)
      if (files.length && !text && !internal) {
        await tx
          .update(conversations)
          .set({
            lastMessageText: files
              .map((f) => f.name)
              .join(', ')
              .slice(0, PREVIEW_LENGTH),
          })
          .where(eq(conversations.id, c.id))
      }
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
        .onConflictDoNothing()
        .returning()
      // Same author, same clientId: undo the numbering and answer with the stored message.
      if (!row) throw new DuplicateClientId()

      if (!internal && (input.author.type === 'visitor' || input.author.type === 'agent')) {
        await enqueueShopEvent(tx, {
          tenantId: input.tenantId,
          type: 'message.created',
          visitorId: c.visitorId,
          data: {
            messageId: row.id,
            conversationId: c.id,
            author: { type: input.author.type, ...(input.author.id && { id: input.author.id }) },
            text,
          },
        })
      }
      // Only a conversation that became a ticket pays for this.
      const ticketEventIds =
        c.ticketId && !internal && (input.author.type === 'visitor' || input.author.type === 'agent')
          ? await ticketsOnMessage(tx, {
              tenantId: input.tenantId,
              ticketId: c.ticketId,
              author: { ...input.author, type: input.author.type },
            })
          : []
      const notes = await notePastedCodes(tx, {
        tenantId: input.tenantId,
        conversationId: c.id,
        seq,
        matches: pasted,
      })
      const eventIds = await recordEvents(tx, { tenantId: input.tenantId, conversationId: c.id }, [
        { type: 'message.created', messageId: row.id, visitorId: internal ? null : c.visitorId },
        ...notes.map((messageId) => ({ type: 'message.created' as const, messageId, visitorId: null })),
        // Internal notes change what agents see of the conversation, not what the visitor sees.
        { type: 'conversation.updated', visitorId: internal ? null : c.visitorId },
      ])
      eventIds.push(...ticketEventIds)
      return {
        value: { message: toMessage(row, secrets), created: true },
        tenantId: input.tenantId,
        eventIds,
      }
    })
  } catch (err) {
    if (!(err instanceof DuplicateClientId)) throw err
    return {
      value: { message: toMessage(await storedByClientId(db, input), secrets), created: false },
      tenantId: input.tenantId,
      eventIds: [],
    }
  }
}

class DuplicateClientId extends Error {}

/** A visitor's message by the id their client gave it, in any of their conversations. */
export async function messageByClientId(
  db: Db,
  visitor: { tenantId: string; visitorId: string },
  clientId: string,
) {
  const [row] = await db
    .select()
    .from(messages)
    .where(
      and(
        eq(messages.tenantId, visitor.tenantId),
        eq(messages.authorType, 'visitor'),
        eq(messages.authorId, visitor.visitorId),
        eq(messages.clientId, clientId),
      ),
    )
  return row
}

async function storedByClientId(db: Db, input: SendInput) {
  const [existing] = await db
    .select()
    .from(messages)
    .where(
      and(
        eq(messages.tenantId, input.tenantId),
        eq(messages.authorType, input.author.type),
        input.author.id ? eq(messages.authorId, input.author.id) : isNull(messages.authorId),
        eq(messages.clientId, input.clientId ?? ''),
      ),
    )
  if (!existing) throw new Error('a duplicate clientId without a stored message')
  if (existing.conversationId !== input.conversationId) {
    throw new KefuError('conflict', 'This clientId was already used for another conversation', {
      field: 'body.clientId',
    })
  }
  return existing
}

/**
 * For agents: which order a pasted code belongs to and what the shop says of it (used, invalid),
 * as an internal note right after the buyer's message.
 */
async function notePastedCodes(
  tx: Db,
  input: { tenantId: string; conversationId: string; seq: number; matches: PastedCodeMatch[] },
) {
  if (!input.matches.length) return []
  const id = newId('message')
  const lines = input.matches.map(
    (m) =>
      `买家粘贴的卡密 ${m.masked} 属于订单 ${m.orderNo}（${m.status ?? 'delivered'}）· The pasted code ${m.masked} belongs to order ${m.orderNo} (${m.status ?? 'delivered'}).`,
  )
  await tx.insert(messages).values({
    id,
    tenantId: input.tenantId,
    conversationId: input.conversationId,
    seq: input.seq + 1,
    authorType: 'system',
    authorId: null,
    authorName: 'Kefu',
    clientId: null,
    text: lines.join('\n'),
    internal: true,
  })
  return [id]
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

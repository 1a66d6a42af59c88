import { agents, conversations, type Db, type messages, visitors } from '@kefu/db'
import type { Attachment, Conversation, Message } from '@kefu/protocol'
import { eq, type SQL } from 'drizzle-orm'
import type { SecretBox } from '../lib/master-key.ts'

export type Audience =
  | { kind: 'agent'; tenantId: string }
  | { kind: 'visitor'; tenantId: string; visitorId: string }

const ATTACHMENT_LINK_TTL_S = 3600

/** A link to an attachment that works for an hour for whoever holds it (an <img> cannot send a bearer token). */
export function attachmentUrl(secrets: SecretBox, id: string, now = Date.now()): string {
  const exp = Math.floor(now / 1000) + ATTACHMENT_LINK_TTL_S
  return `/v1/attachments/${id}?exp=${exp}&sig=${secrets.sign('attachment', `${id}.${exp}`)}`
}

export function toMessage(row: typeof messages.$inferSelect, secrets: SecretBox): Message {
  return {
    id: row.id,
    conversationId: row.conversationId,
    seq: row.seq,
    clientId: row.clientId,
    author: { type: row.authorType, id: row.authorId, name: row.authorName },
    text: row.text,
    internal: row.internal,
    attachments: row.attachments.map(
      (a): Attachment => ({
        ...a,
        contentType: a.contentType as Attachment['contentType'],
        url: attachmentUrl(secrets, a.id),
      }),
    ),
    createdAt: row.createdAt.toISOString(),
  }
}

/** Conversations with the visitor and assignee they show; `where` must already scope the tenant. */
export function selectConversations(db: Db, where: SQL | undefined) {
  return db
    .select({ c: conversations, v: visitors, assigneeName: agents.name })
    .from(conversations)
    .innerJoin(visitors, eq(visitors.id, conversations.visitorId))
    .leftJoin(agents, eq(agents.id, conversations.assigneeId))
    .where(where)
}

export type ConversationRow = Awaited<ReturnType<typeof selectConversations>>[number]

export function toConversation(row: ConversationRow, audience: Audience): Conversation {
  const { c, v } = row
  return {
    id: c.id,
    status: c.status,
    visitor: { id: v.id, name: v.name, email: v.email, verified: v.verified, externalId: v.externalId },
    assignee: c.assigneeId ? { id: c.assigneeId, name: row.assigneeName ?? '' } : null,
    lastMessage:
      c.lastMessageAt && c.lastMessageAuthor
        ? {
            text: c.lastMessageText ?? '',
            authorType: c.lastMessageAuthor as Message['author']['type'],
            createdAt: c.lastMessageAt.toISOString(),
          }
        : null,
    lastSeq: c.lastSeq,
    unread: audience.kind === 'agent' ? c.unreadForAgent : c.unreadForVisitor,
    readByVisitor: c.visitorReadSeq,
    readByAgent: c.agentReadSeq,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  }
}

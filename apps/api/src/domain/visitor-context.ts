import { conversations, type Db, visitors } from '@kefu/db'
import type { VisitorContext } from '@kefu/protocol'
import { and, desc, eq, ne } from 'drizzle-orm'
import { notFound } from '../errors.ts'

/**
 * What the agent's side panel shows about the buyer behind a conversation: who they are, the
 * pages they were on, and their other conversations with this shop. Everything is looked up
 * within `tenantId`; a conversation of another shop is simply not found.
 */
export async function visitorContext(
  db: Db,
  tenantId: string,
  conversationId: string,
): Promise<VisitorContext> {
  const [row] = await db
    .select({ v: visitors })
    .from(conversations)
    .innerJoin(visitors, eq(visitors.id, conversations.visitorId))
    .where(and(eq(conversations.id, conversationId), eq(conversations.tenantId, tenantId)))
  if (!row) throw notFound('Conversation')
  const { v } = row
  const past = await db
    .select()
    .from(conversations)
    .where(
      and(
        eq(conversations.tenantId, tenantId),
        eq(conversations.visitorId, v.id),
        ne(conversations.id, conversationId),
      ),
    )
    .orderBy(desc(conversations.updatedAt))
    .limit(20)
  return {
    visitor: {
      id: v.id,
      name: v.name,
      email: v.email,
      verified: v.verified,
      externalId: v.externalId,
      locale: v.locale,
      firstSeenAt: v.createdAt.toISOString(),
      lastSeenAt: v.lastSeenAt.toISOString(),
    },
    pages: v.pages.map((p) => ({ url: p.url, ...(p.title && { title: p.title }), at: p.at })),
    pastConversations: past.map((c) => ({
      id: c.id,
      status: c.status,
      lastMessage: c.lastMessageText,
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
    })),
  }
}

import { type Db, tickets } from '@kefu/db'
import type { TicketStatus } from '@kefu/protocol'
import { and, eq, sql } from 'drizzle-orm'
import { recordEvents } from '../events.ts'
import { announce, insertTimeline, type TicketActor } from './record.ts'

/**
 * What a message does to the conversation's newest ticket, in the message's transaction: an
 * agent's first reply stamps the first response and takes a new ticket to open; a buyer writing
 * on a pending or solved ticket opens it again (the ball is back with the team). Older tickets of
 * the conversation are left alone, and a closed ticket stays closed.
 */
export async function ticketsOnMessage(
  tx: Db,
  input: { tenantId: string; ticketId: string; author: TicketActor & { type: 'visitor' | 'agent' } },
): Promise<number[]> {
  const [current] = await tx
    .select({ status: tickets.status, firstResponseAt: tickets.firstResponseAt })
    .from(tickets)
    .where(and(eq(tickets.id, input.ticketId), eq(tickets.tenantId, input.tenantId)))
    .for('update')
  if (!current) return []
  const before = current.status
  let after: TicketStatus = before
  const fromBuyer = input.author.type === 'visitor'
  if (fromBuyer && (before === 'pending' || before === 'solved')) after = 'open'
  if (!fromBuyer && before === 'new') after = 'open'
  const stampFirstResponse =
    !fromBuyer && !current.firstResponseAt && before !== 'solved' && before !== 'closed'
  if (after === before && !stampFirstResponse) return []

  const [t] = await tx
    .update(tickets)
    .set({
      status: after,
      updatedAt: sql`now()`,
      ...(after !== before && before === 'solved' && { solvedAt: null }),
      ...(stampFirstResponse && { firstResponseAt: sql`now()` }),
    })
    .where(eq(tickets.id, input.ticketId))
    .returning()
  if (after === before) {
    return recordEvents(tx, { tenantId: t!.tenantId, conversationId: t!.conversationId }, [
      { type: 'ticket.updated', ticketId: t!.id, visitorId: null },
    ])
  }
  await insertTimeline(tx, t!, input.author, [{ type: 'status', from: before, to: after, public: true }])
  return announce(tx, t!, { changed: ['status'], buyerSees: true })
}

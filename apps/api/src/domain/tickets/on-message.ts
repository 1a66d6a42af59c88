import { type Db, tickets } from '@kefu/db'
import type { TicketStatus } from '@kefu/protocol'
import { inArray, sql } from 'drizzle-orm'
import { recordEvents } from '../events.ts'
import { announce, insertTimeline, type TicketActor } from './record.ts'

/**
 * What a message does to the conversation's open ticket, in the message's transaction: an agent's
 * first reply stamps the first response and takes a new ticket to open; a buyer writing on a
 * pending or solved ticket opens it again (the ball is back with the team).
 */
export async function ticketsOnMessage(
  tx: Db,
  input: { tenantId: string; conversationId: string; author: TicketActor & { type: 'visitor' | 'agent' } },
): Promise<number[]> {
  const touched = (input.author.type === 'visitor'
    ? await tx.execute(sql`
          with cur as (
            select id, status from tickets
            where tenant_id = ${input.tenantId} and conversation_id = ${input.conversationId}
              and status in ('pending', 'solved')
            for update)
          update tickets t set status = 'open', solved_at = null, updated_at = now()
          from cur where t.id = cur.id
          returning t.id, cur.status as before`)
    : await tx.execute(sql`
          with cur as (
            select id, status from tickets
            where tenant_id = ${input.tenantId} and conversation_id = ${input.conversationId}
              and status not in ('solved', 'closed') and (first_response_at is null or status = 'new')
            for update)
          update tickets t set first_response_at = coalesce(t.first_response_at, now()),
            status = case when t.status = 'new' then 'open' else t.status end, updated_at = now()
          from cur where t.id = cur.id
          returning t.id, cur.status as before`)) as unknown as {
    rows: Array<{ id: string; before: TicketStatus }>
  }
  if (!touched.rows.length) return []
  const eventIds: number[] = []
  const rows = await tx
    .select()
    .from(tickets)
    .where(
      inArray(
        tickets.id,
        touched.rows.map((r) => r.id),
      ),
    )
  for (const t of rows) {
    const before = touched.rows.find((r) => r.id === t.id)!.before
    const statusChanged = before !== t.status
    if (statusChanged) {
      await insertTimeline(tx, t, input.author, [
        { type: 'status', from: before, to: t.status, public: true },
      ])
    }
    eventIds.push(
      ...(statusChanged
        ? await announce(tx, t, { changed: ['status'], buyerSees: true })
        : await recordEvents(tx, { tenantId: t.tenantId, conversationId: t.conversationId }, [
            { type: 'ticket.updated', ticketId: t.id, visitorId: null },
          ])),
    )
  }
  return eventIds
}

import { type Db, ticketEvents, type tickets } from '@kefu/db'
import type { TicketStatus } from '@kefu/protocol'
import { recordEvents } from '../events.ts'
import { enqueueShopEvent } from '../shop/outbox.ts'

/** Who changed a ticket, as its timeline shows them. */
export interface TicketActor {
  type: 'agent' | 'bot' | 'system' | 'shop' | 'visitor'
  id: string | null
  name: string | null
}

export type TicketRecord = typeof tickets.$inferSelect

export const DONE: TicketStatus[] = ['solved', 'closed']

/** What a shop's webhook hears of a ticket (ticket.created / updated / resolved). */
function shopEventData(t: TicketRecord) {
  return {
    ticketId: t.id,
    status: t.status,
    category: t.category,
    priority: t.priority,
    orderNos: t.orderNos,
    ...(t.conversationId && { conversationId: t.conversationId }),
  }
}

/** Announces a ticket change: realtime event (the buyer too when `buyerSees`) and the shop's webhook events. */
export async function announce(
  tx: Db,
  t: TicketRecord,
  change: { created?: boolean; changed?: string[]; buyerSees: boolean },
): Promise<number[]> {
  const data = shopEventData(t)
  const visitorId = t.visitorId ?? undefined
  if (change.created) {
    await enqueueShopEvent(tx, { tenantId: t.tenantId, type: 'ticket.created', visitorId, data })
  } else {
    await enqueueShopEvent(tx, {
      tenantId: t.tenantId,
      type: 'ticket.updated',
      visitorId,
      data: { ...data, changed: change.changed ?? [] },
    })
    if (change.changed?.includes('status') && DONE.includes(t.status)) {
      await enqueueShopEvent(tx, {
        tenantId: t.tenantId,
        type: 'ticket.resolved',
        visitorId,
        data: { ...data, resolvedAt: (t.solvedAt ?? t.updatedAt).toISOString() },
      })
    }
  }
  return recordEvents(tx, { tenantId: t.tenantId, conversationId: t.conversationId }, [
    { type: 'ticket.updated', ticketId: t.id, visitorId: change.buyerSees ? t.visitorId : null },
  ])
}

export async function insertTimeline(
  tx: Db,
  t: { id: string; tenantId: string },
  actor: TicketActor,
  entries: Array<{ type: string; from?: string | null; to?: string | null; text?: string; public?: boolean }>,
) {
  if (!entries.length) return
  await tx.insert(ticketEvents).values(
    entries.map((e) => ({
      tenantId: t.tenantId,
      ticketId: t.id,
      type: e.type,
      fromValue: e.from ?? null,
      toValue: e.to ?? null,
      text: e.text ?? null,
      actorType: actor.type,
      actorId: actor.id,
      actorName: actor.name,
      public: e.public ?? false,
    })),
  )
}

export interface TicketTimelineProps {
  ticketId: string
  /** Filled by the tickets issue: each status change with its time. */
  steps?: { status: 'open' | 'pending' | 'resolved'; at: string; note?: string }[]
}

/** Slot: where an after-sales ticket stands. Empty until tickets exist. */
export function TicketTimeline(_props: TicketTimelineProps) {
  return null
}

import type { BuyerTicket, TicketStatus } from '@kefu/protocol'
import { useState } from 'preact/hooks'
import type { Locale } from '../../../shared/locale.ts'
import type { strings } from '../../i18n.ts'
import { messageTime } from '../../time.ts'
import { Icon } from '../Icon.tsx'

export interface TicketTimelineProps {
  /** The conversation's newest ticket, as the buyer may see it. */
  ticket: BuyerTicket
  locale: Locale
  t: ReturnType<typeof strings>
}

/** New and open read the same to a buyer: someone is on it. */
const stage = (status: TicketStatus) => (status === 'new' ? 'open' : status)

/**
 * Slot: where the conversation's ticket stands. A strip above the thread, "工单 #1024 · 处理中",
 * that expands into each status change with its time. The thread's system messages tell the
 * same story in words; this is the at-a-glance view.
 */
export function TicketTimeline({ ticket, locale, t }: TicketTimelineProps) {
  const [open, setOpen] = useState(false)
  const now = stage(ticket.status)
  // One line per change the buyer can tell apart (new → open is no news to them).
  const steps = ticket.steps.filter((s, i, all) => {
    const before = all[i - 1]
    return !before || stage(before.status) !== stage(s.status)
  })
  return (
    <section class="ticket">
      <button
        type="button"
        class="ticket-bar"
        aria-expanded={open}
        aria-controls="kefu-ticket-steps"
        onClick={() => setOpen(!open)}
      >
        <span>
          {t.ticket} #{ticket.number} · <b class={now}>{t[`tk_${now}`]}</b>
        </span>
        <Icon name="chevron" size={16} />
      </button>
      {open && (
        <ol id="kefu-ticket-steps">
          {steps.map((s, i) => (
            <li key={i}>
              {t[`tk_${stage(s.status)}`]}
              <time dateTime={s.at}>{messageTime(s.at, locale)}</time>
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}

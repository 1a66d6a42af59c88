import {
  MAX_MESSAGE_LENGTH,
  type TicketEvent,
  ticketCategories,
  ticketPriorities,
  ticketStatusSchema,
} from '@kefu/protocol'
import { useState } from 'preact/hooks'
import { Icon } from '../components/icons.tsx'
import { inbox } from '../inbox/state.ts'
import { type MessageKey, t, useLocale } from '../lib/i18n.ts'
import { useStore } from '../lib/store.ts'
import { errorText } from '../pages/AuthLayout.tsx'
import { compactTime } from './order-format.ts'

/** A field value from the timeline in words: a known status, priority or category label, else as sent. */
function valueLabel(type: TicketEvent['type'], value: string | null, names: Map<string, string>): string {
  if (value === null) return type === 'assignee' ? t('ticket.unassigned') : '—'
  const known: Partial<Record<TicketEvent['type'], readonly string[]>> = {
    status: ticketStatusSchema.options,
    priority: ticketPriorities,
    category: ticketCategories,
  }
  if (known[type]?.includes(value)) return t(`ticket.${type}.${value}` as MessageKey)
  return type === 'assignee' ? (names.get(value) ?? value) : value
}

function EventLine({ event, names }: { event: TicketEvent; names: Map<string, string> }) {
  const locale = useLocale()
  const who = event.actor.name ?? t(`ticket.actor.${event.actor.type}`)
  const what = t(`ticket.event.${event.type}`, {
    from: valueLabel(event.type, event.from, names),
    to: valueLabel(event.type, event.to, names),
  })
  return (
    <li
      class={`tl-event tl-${event.type} ${event.public ? 'tl-public' : 'tl-internal'}`}
      data-testid="ticket-event"
      data-type={event.type}
    >
      <span class="tl-dot" />
      <div class="tl-body">
        <p>
          <strong>{who}</strong> {what}
        </p>
        {event.text && <p class="tl-text">{event.text}</p>}
        <small>
          <time title={event.at}>{compactTime(event.at, locale)}</time>
          <span class="tl-vis" data-testid="ticket-event-visibility">
            {event.public ? t('ticket.public') : t('ticket.internal')}
          </span>
        </small>
      </div>
    </li>
  )
}

/** What happened to the ticket, oldest first, and the box for an internal note. */
export function TicketTimeline({
  events,
  addNote,
}: {
  events: TicketEvent[]
  addNote: (text: string) => Promise<unknown>
}) {
  const { assignees } = useStore(inbox)
  const names = new Map(assignees.map((a) => [a.id, a.name]))
  const [text, setText] = useState('')
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)

  const submit = async (e: Event) => {
    e.preventDefault()
    if (!text.trim() || busy) return
    setBusy(true)
    setProblem(null)
    try {
      await addNote(text.trim())
      setText('')
    } catch (err) {
      setProblem(errorText(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <div class="ticket-timeline">
      <h4>{t('ticket.timeline')}</h4>
      <ol class="tl" data-testid="ticket-timeline">
        {events.map((event) => (
          <EventLine key={event.id} event={event} names={names} />
        ))}
      </ol>
      <form class="ticket-note" onSubmit={submit}>
        <textarea
          name="note"
          data-testid="ticket-note-input"
          rows={2}
          maxLength={MAX_MESSAGE_LENGTH}
          placeholder={t('ticket.notePlaceholder')}
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) void submit(e)
          }}
        />
        {problem && (
          <p class="ticket-problem" role="alert">
            {problem}
          </p>
        )}
        <button
          type="submit"
          class="button small"
          data-testid="ticket-note-submit"
          disabled={busy || !text.trim()}
        >
          <Icon name="note" size={13} />
          {t('ticket.addNote')}
        </button>
      </form>
    </div>
  )
}

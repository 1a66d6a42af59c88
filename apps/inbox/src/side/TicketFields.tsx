import type { TicketDetail, UpdateTicket } from '@kefu/protocol'
import { useEffect, useState } from 'preact/hooks'
import { inbox } from '../inbox/state.ts'
import { t } from '../lib/i18n.ts'
import { session } from '../lib/session.ts'
import { useStore } from '../lib/store.ts'
import { errorText } from '../pages/AuthLayout.tsx'
import { TicketSelect } from '../tickets/TicketSelect.tsx'

type Save = { phase: 'busy' } | { phase: 'saved' } | { phase: 'error'; message: string }

/** Status, priority, category and assignee: each change is saved at once and its answer shown. */
export function TicketFields({
  ticket,
  update,
}: {
  ticket: TicketDetail
  update: (change: UpdateTicket) => Promise<unknown>
}) {
  const { assignees } = useStore(inbox)
  const me = useStore(session).me
  const [save, setSave] = useState<Save | null>(null)

  // "Saved" fades after a moment; an error stays until the next change.
  useEffect(() => {
    if (save?.phase !== 'saved') return
    const timer = setTimeout(() => setSave(null), 2500)
    return () => clearTimeout(timer)
  }, [save])

  const change = async (patch: UpdateTicket) => {
    setSave({ phase: 'busy' })
    try {
      await update(patch)
      setSave({ phase: 'saved' })
    } catch (err) {
      setSave({ phase: 'error', message: errorText(err) })
    }
  }
  // A closed ticket is final (the server refuses changes): a new ticket is the way on.
  const busy = save?.phase === 'busy' || ticket.status === 'closed'
  const people =
    ticket.assignee && !assignees.some((a) => a.id === ticket.assignee?.id)
      ? [...assignees, ticket.assignee]
      : assignees

  return (
    <div class="ticket-fields">
      <div class="ticket-grid">
        <TicketSelect
          field="status"
          value={ticket.status}
          disabled={busy}
          onChange={(status) => void change({ status })}
        />
        <TicketSelect
          field="priority"
          value={ticket.priority}
          disabled={busy}
          onChange={(priority) => void change({ priority })}
        />
        <TicketSelect
          field="category"
          value={ticket.category}
          disabled={busy}
          onChange={(category) => void change({ category })}
        />
        <label>
          <span>{t('ticket.assignee')}</span>
          <select
            name="assignee"
            value={ticket.assignee?.id ?? ''}
            disabled={busy}
            onChange={(e) => void change({ assigneeId: e.currentTarget.value || null })}
          >
            <option value="">{t('ticket.unassigned')}</option>
            {people.map((a) => (
              <option key={a.id} value={a.id}>
                {a.id === me?.agent.id ? `${a.name} (${t('team.you')})` : a.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p
        class={`ticket-save ${save?.phase ?? 'idle'}`}
        data-testid="ticket-save"
        data-state={save?.phase ?? 'idle'}
        role={save?.phase === 'error' ? 'alert' : 'status'}
      >
        {save?.phase === 'busy' && <span class="spinner" />}
        {save?.phase === 'saved' && t('ticket.saved')}
        {save?.phase === 'error' && save.message}
      </p>
    </div>
  )
}

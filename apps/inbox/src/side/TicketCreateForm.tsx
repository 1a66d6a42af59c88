import type { ConversationTicket, TicketCategory, TicketPriority } from '@kefu/protocol'
import { useState } from 'preact/hooks'
import { ApiError } from '../lib/api.ts'
import { t } from '../lib/i18n.ts'
import { errorText } from '../pages/AuthLayout.tsx'
import { createTicket, loadConversationTicket } from '../tickets/conversation-ticket.ts'
import { TicketSelect } from '../tickets/TicketSelect.tsx'

/** A new ticket, prefilled with what the server detected in the buyer's messages. */
export function TicketCreateForm({
  conversationId,
  suggestion,
  onCancel,
  onCreated,
}: {
  conversationId: string
  suggestion: ConversationTicket['suggestion']
  onCancel?: () => void
  onCreated: () => void
}) {
  const [subject, setSubject] = useState(suggestion.subject)
  const [category, setCategory] = useState<TicketCategory>(suggestion.category)
  const [priority, setPriority] = useState<TicketPriority>(suggestion.priority)
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)

  const submit = async (e: Event) => {
    e.preventDefault()
    if (busy || !subject.trim()) return
    setBusy(true)
    setProblem(null)
    try {
      await createTicket({
        conversationId,
        subject: subject.trim(),
        category,
        priority,
        orderNos: suggestion.orderNos,
      })
      onCreated()
    } catch (err) {
      setProblem(errorText(err))
      // Someone else opened one meanwhile: show theirs.
      if (err instanceof ApiError && err.status === 409) void loadConversationTicket(conversationId)
    } finally {
      setBusy(false)
    }
  }

  return (
    <form class="ticket-form" data-testid="ticket-create" onSubmit={submit}>
      <p class="hint">{t('ticket.createHint')}</p>
      <label>
        <span>{t('ticket.subject')}</span>
        <input
          name="subject"
          value={subject}
          maxLength={200}
          required
          onInput={(e) => setSubject(e.currentTarget.value)}
        />
      </label>
      <div class="ticket-grid">
        <TicketSelect field="category" value={category} onChange={setCategory} />
        <TicketSelect field="priority" value={priority} onChange={setPriority} />
      </div>
      <div class="ticket-orders">
        <span class="ticket-label">{t('ticket.orders')}</span>
        {suggestion.orderNos.length === 0 ? (
          <span class="muted">{t('ticket.noOrders')}</span>
        ) : (
          <ul data-testid="ticket-suggested-orders">
            {suggestion.orderNos.map((no) => (
              <li key={no}>
                <code>{no}</code>
              </li>
            ))}
          </ul>
        )}
      </div>
      {problem && (
        <p class="ticket-problem" role="alert" data-testid="ticket-problem">
          {problem}
        </p>
      )}
      <div class="ticket-form-actions">
        {onCancel && (
          <button type="button" class="button ghost small" onClick={onCancel}>
            {t('ticket.cancel')}
          </button>
        )}
        <button
          type="submit"
          class="button primary small"
          data-testid="ticket-create-submit"
          disabled={busy || !subject.trim()}
        >
          {busy ? <span class="spinner" /> : t('ticket.create')}
        </button>
      </div>
    </form>
  )
}

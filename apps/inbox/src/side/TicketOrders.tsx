import type { UpdateTicket } from '@kefu/protocol'
import { useState } from 'preact/hooks'
import { Icon } from '../components/icons.tsx'
import { t } from '../lib/i18n.ts'
import { errorText } from '../pages/AuthLayout.tsx'

/** The orders a ticket is about, and a small box to link one more. */
export function TicketOrders({
  orderNos,
  locked,
  update,
}: {
  orderNos: string[]
  /** Closed tickets take no more orders. */
  locked: boolean
  update: (change: UpdateTicket) => Promise<unknown>
}) {
  const [orderNo, setOrderNo] = useState('')
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)

  const submit = async (e: Event) => {
    e.preventDefault()
    const no = orderNo.trim()
    if (!no || busy) return
    setBusy(true)
    setProblem(null)
    try {
      await update({ addOrderNo: no })
      setOrderNo('')
    } catch (err) {
      setProblem(errorText(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <div class="ticket-orders">
      <span class="ticket-label">{t('ticket.orders')}</span>
      {orderNos.length === 0 ? (
        <span class="muted">{t('ticket.noOrders')}</span>
      ) : (
        <ul data-testid="ticket-orders">
          {orderNos.map((no) => (
            <li key={no}>
              <code>{no}</code>
            </li>
          ))}
        </ul>
      )}
      {!locked && (
        <form class="ticket-link-order" onSubmit={submit}>
          <div class="search">
            <Icon name="link" size={13} />
            <input
              name="orderNo"
              data-testid="ticket-link-input"
              value={orderNo}
              maxLength={64}
              placeholder={t('ticket.linkOrderPlaceholder')}
              aria-label={t('ticket.linkOrderPlaceholder')}
              onInput={(e) => setOrderNo(e.currentTarget.value)}
            />
          </div>
          <button type="submit" class="button small" disabled={busy || !orderNo.trim()}>
            {busy ? <span class="spinner" /> : t('ticket.linkOrder')}
          </button>
          {problem && (
            <p class="ticket-problem" role="alert" data-testid="ticket-link-problem">
              {problem}
            </p>
          )}
        </form>
      )}
    </div>
  )
}

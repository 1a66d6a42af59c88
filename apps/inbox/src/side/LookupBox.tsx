import type { Order } from '@kefu/protocol/shop'
import { useState } from 'preact/hooks'
import { Icon } from '../components/icons.tsx'
import { t } from '../lib/i18n.ts'
import { errorText } from '../pages/AuthLayout.tsx'

/** "查订单": an order number the buyer gave, looked up in the shop and linked to the conversation. */
export function LookupBox({ onLookup }: { onLookup: (orderNo: string) => Promise<Order[]> }) {
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
      const orders = await onLookup(no)
      if (orders.length === 0) setProblem(t('order.lookupNone', { orderNo: no }))
      else setOrderNo('')
    } catch (err) {
      setProblem(errorText(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form class="order-lookup" onSubmit={submit}>
      <div class="search">
        <Icon name="search" size={14} />
        <input
          data-testid="order-lookup-input"
          value={orderNo}
          maxLength={64}
          placeholder={t('order.lookupPlaceholder')}
          aria-label={t('order.lookupPlaceholder')}
          onInput={(e) => setOrderNo(e.currentTarget.value)}
        />
      </div>
      <button
        type="submit"
        class="button small"
        data-testid="order-lookup-submit"
        disabled={busy || !orderNo.trim()}
      >
        {busy ? <span class="spinner" /> : t('order.lookup')}
      </button>
      {problem && (
        <p class="order-lookup-problem" data-testid="order-lookup-problem" role="alert">
          {problem}
        </p>
      )}
    </form>
  )
}

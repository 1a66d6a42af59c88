import type { Order } from '@kefu/protocol/shop'
import { useEffect, useRef, useState } from 'preact/hooks'
import type { ApiError } from '../api.ts'
import type { strings } from '../i18n.ts'
import { Icon } from './Icon.tsx'

interface OrderLookupProps {
  t: ReturnType<typeof strings>
  /** From `kefu('order', …)`: pre-fills the order number. */
  orderNo: string | null
  /** The page identified the buyer: offer their recent orders first. */
  identified: boolean
  lookup(orderNo: string, contact: string): Promise<boolean>
  mine(): Promise<Order[]>
  onPick(order: Order): void
}

/**
 * "Check my order" above the composer: a form (order number + checkout contact) or, for an
 * identified buyer, a picker of their recent orders. Not found is one neutral sentence, never
 * which half was wrong; a rate limit or a shop outage shows the server's own words.
 */
export function OrderLookup({ t, orderNo, identified, lookup, mine, onPick }: OrderLookupProps) {
  const [mode, setMode] = useState<'form' | 'pick' | null>(null)
  const [orders, setOrders] = useState<Order[]>([])
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const form = useRef<HTMLFormElement>(null)

  // The first empty field takes the focus when the form opens.
  useEffect(() => {
    const inputs = [...(form.current?.querySelectorAll('input') ?? [])]
    ;(inputs.find((i) => !i.value) ?? inputs[0])?.focus()
  }, [mode])

  const fail = (err: unknown) => {
    const e = err as ApiError
    setProblem(e.status === 429 || e.status >= 502 ? e.message : t.unavailable)
  }

  const open = async () => {
    setProblem(null)
    setMode('form')
    if (!identified) return
    setBusy(true)
    try {
      const list = await mine()
      setOrders(list)
      if (list.length) setMode('pick')
    } catch {
      // Not verified after all, or the shop is away: the form still works.
    }
    setBusy(false)
  }

  const submit = async (e: Event) => {
    e.preventDefault()
    const data = new FormData(e.currentTarget as HTMLFormElement)
    const no = String(data.get('no')).trim()
    const contact = String(data.get('contact')).trim()
    if (!no || !contact) return
    setBusy(true)
    setProblem(null)
    try {
      if (await lookup(no, contact)) setMode(null)
      else setProblem(t.orderNotFound)
    } catch (err) {
      fail(err)
    }
    setBusy(false)
  }

  if (!mode)
    return (
      <div class="tools">
        <button type="button" class="chip" onClick={() => void open()}>
          <Icon name="order" size={16} />
          {t.checkOrder}
        </button>
      </div>
    )

  return (
    <div class="tools lookup" aria-busy={busy}>
      {mode === 'pick' ? (
        <>
          <p class="lookup-title">{t.yourOrders}</p>
          <ul class="list">
            {orders.map((o) => (
              <li key={o.orderNo}>
                <button
                  type="button"
                  class="conv"
                  onClick={() => {
                    onPick(o)
                    setMode(null)
                  }}
                >
                  <span class="conv-main">
                    <span class="conv-top">
                      <span>{o.orderNo}</span>
                      <span class={`order-status ${o.status}`}>{t[`st_${o.status}`]}</span>
                    </span>
                    <span class="conv-text">{o.items[0]?.title}</span>
                  </span>
                </button>
              </li>
            ))}
          </ul>
          <div class="lookup-row">
            <button type="button" class="link-btn" onClick={() => setMode(null)}>
              {t.cancel}
            </button>
            <button type="button" class="link-btn" onClick={() => setMode('form')}>
              {t.otherOrder}
            </button>
          </div>
        </>
      ) : (
        <form ref={form} onSubmit={(e) => void submit(e)}>
          <label>
            {t.orderNo}
            <input name="no" required maxLength={64} autoComplete="off" defaultValue={orderNo ?? ''} />
          </label>
          <label>
            {t.contact}
            <input name="contact" required maxLength={254} autoComplete="email" />
          </label>
          {problem && (
            <p class="notice" role="alert">
              {problem}
            </p>
          )}
          <div class="lookup-row">
            <button type="button" class="link-btn" onClick={() => setMode(null)}>
              {t.cancel}
            </button>
            <button type="submit" class="primary" disabled={busy}>
              {t.lookUp}
            </button>
          </div>
        </form>
      )}
    </div>
  )
}

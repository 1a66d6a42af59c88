import type { ComponentChildren } from 'preact'
import { useState } from 'preact/hooks'
import { errorText } from '../pages/AuthLayout.tsx'

/**
 * One order number and a button. While `onSubmit` runs the button spins; it resolves to null when
 * done (the box empties) or to a problem to show, and what it throws is shown too.
 */
export function OrderNoForm({
  class: className,
  problemClass,
  icon,
  placeholder,
  button,
  testId,
  onSubmit,
}: {
  class: string
  problemClass: string
  icon: ComponentChildren
  placeholder: string
  button: string
  /** `${testId}-input`, `-submit` and `-problem`. */
  testId: string
  onSubmit: (orderNo: string) => Promise<string | null>
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
      const outcome = await onSubmit(no)
      if (outcome === null) setOrderNo('')
      else setProblem(outcome)
    } catch (err) {
      setProblem(errorText(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form class={className} onSubmit={submit}>
      <div class="search">
        {icon}
        <input
          name="orderNo"
          data-testid={`${testId}-input`}
          value={orderNo}
          maxLength={64}
          placeholder={placeholder}
          aria-label={placeholder}
          onInput={(e) => setOrderNo(e.currentTarget.value)}
        />
      </div>
      <button
        type="submit"
        class="button small"
        data-testid={`${testId}-submit`}
        disabled={busy || !orderNo.trim()}
      >
        {busy ? <span class="spinner" /> : button}
      </button>
      {problem && (
        <p class={problemClass} role="alert" data-testid={`${testId}-problem`}>
          {problem}
        </p>
      )}
    </form>
  )
}

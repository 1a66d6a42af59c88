import type { ComponentChildren } from 'preact'
import { useState } from 'preact/hooks'
import { errorText } from './AuthLayout.tsx'

/**
 * An account page's form: its fields, the error of the last try and the submit button, which waits
 * while `onSubmit` runs with what was filled in.
 */
export function AuthForm({
  submit,
  disabled = false,
  onSubmit,
  children,
}: {
  /** The button's text. */
  submit: string
  disabled?: boolean
  onSubmit: (form: FormData) => Promise<void>
  children: ComponentChildren
}) {
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const send = async (e: Event) => {
    e.preventDefault()
    const form = new FormData(e.currentTarget as HTMLFormElement)
    setBusy(true)
    setError(null)
    try {
      await onSubmit(form)
    } catch (err) {
      setError(errorText(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form class="form" onSubmit={send}>
      {children}
      {error && (
        <p class="notice error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" class="button primary block" disabled={busy || disabled}>
        {submit}
      </button>
    </form>
  )
}

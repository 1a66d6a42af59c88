import { useState } from 'preact/hooks'
import { api } from '../lib/api.ts'
import { t, useLocale } from '../lib/i18n.ts'
import { AuthLayout, errorText, Link } from './AuthLayout.tsx'

export function ForgotPassword() {
  useLocale()
  const [sent, setSent] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const submit = async (e: Event) => {
    e.preventDefault()
    const form = new FormData(e.currentTarget as HTMLFormElement)
    try {
      await api('/v1/auth/password-reset/request', { body: { email: String(form.get('email')) } })
      setSent(true)
    } catch (err) {
      setError(errorText(err))
    }
  }
  return (
    <AuthLayout title={t('auth.resetTitle')} lead={t('auth.resetLead')}>
      {sent ? (
        <p class="notice ok" data-testid="reset-sent">
          {t('auth.resetSent')}
        </p>
      ) : (
        <form class="form" onSubmit={submit}>
          <label>
            {t('auth.email')}
            <input name="email" type="email" required autofocus />
          </label>
          {error && <p class="notice error">{error}</p>}
          <button type="submit" class="button primary block">
            {t('auth.resetSend')}
          </button>
        </form>
      )}
      <div class="auth-links">
        <Link to="/login">{t('auth.back')}</Link>
      </div>
    </AuthLayout>
  )
}

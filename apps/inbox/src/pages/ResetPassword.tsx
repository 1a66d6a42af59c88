import { useState } from 'preact/hooks'
import { api } from '../lib/api.ts'
import { t, useLocale } from '../lib/i18n.ts'
import { hashParam, navigate } from '../lib/router.ts'
import { AuthLayout, errorText, Link } from './AuthLayout.tsx'

/** Opened from the emailed link: `/inbox/reset-password#token=…`. */
export function ResetPassword() {
  useLocale()
  const [error, setError] = useState<string | null>(null)
  const submit = async (e: Event) => {
    e.preventDefault()
    const form = new FormData(e.currentTarget as HTMLFormElement)
    try {
      await api('/v1/auth/password-reset/confirm', {
        body: { token: hashParam('token') ?? '', password: String(form.get('password')) },
      })
      history.replaceState(null, '', '/inbox/login?reset=1')
      navigate('/login?reset=1', true)
    } catch (err) {
      setError(errorText(err))
    }
  }
  return (
    <AuthLayout title={t('auth.setPassword')}>
      <form class="form" onSubmit={submit}>
        <label>
          {t('auth.newPassword')}
          <input
            name="password"
            type="password"
            required
            minLength={10}
            autocomplete="new-password"
            autofocus
          />
        </label>
        {error && <p class="notice error">{error}</p>}
        <button type="submit" class="button primary block">
          {t('auth.setPassword')}
        </button>
      </form>
      <div class="auth-links">
        <Link to="/login">{t('auth.back')}</Link>
      </div>
    </AuthLayout>
  )
}

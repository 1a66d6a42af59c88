import type { MeResponse } from '@kefu/protocol'
import { useState } from 'preact/hooks'
import { api } from '../lib/api.ts'
import { t, useLocale } from '../lib/i18n.ts'
import { navigate } from '../lib/router.ts'
import { loggedIn } from '../lib/session.ts'
import { AuthLayout, errorText, Link } from './AuthLayout.tsx'

export function Login() {
  useLocale()
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const notice = new URLSearchParams(location.search).get('reset') === '1' ? t('auth.passwordSet') : null

  const submit = async (e: Event) => {
    e.preventDefault()
    const form = new FormData(e.currentTarget as HTMLFormElement)
    setBusy(true)
    setError(null)
    try {
      const me = await api<MeResponse>('/v1/auth/login', {
        body: { email: String(form.get('email')), password: String(form.get('password')) },
      })
      loggedIn(me)
      navigate('/', true)
    } catch (err) {
      setError(errorText(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <AuthLayout title={t('auth.loginTitle')}>
      {notice && <p class="notice ok">{notice}</p>}
      <form class="form" onSubmit={submit}>
        <label>
          {t('auth.email')}
          <input name="email" type="email" autocomplete="username" required autofocus />
        </label>
        <label>
          {t('auth.password')}
          <input name="password" type="password" autocomplete="current-password" required />
        </label>
        {error && (
          <p class="notice error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="button primary block" disabled={busy}>
          {t('auth.login')}
        </button>
      </form>
      <div class="auth-links">
        <Link to="/forgot">{t('auth.forgot')}</Link>
        <span>
          {t('auth.noAccount')} <Link to="/signup">{t('auth.signup')}</Link>
        </span>
      </div>
    </AuthLayout>
  )
}

import type { MeResponse } from '@kefu/protocol'
import { useEffect, useState } from 'preact/hooks'
import { api } from '../lib/api.ts'
import { t, useLocale } from '../lib/i18n.ts'
import { navigate } from '../lib/router.ts'
import { loggedIn, type SignupKeys } from '../lib/session.ts'
import { AuthLayout, errorText, Link } from './AuthLayout.tsx'

export function Signup() {
  useLocale()
  const [enabled, setEnabled] = useState<boolean | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    void api<{ enabled: boolean }>('/v1/auth/signup')
      .then((r) => setEnabled(r.enabled))
      .catch(() => setEnabled(false))
  }, [])

  const submit = async (e: Event) => {
    e.preventDefault()
    const form = new FormData(e.currentTarget as HTMLFormElement)
    const origin = String(form.get('origin') ?? '').trim()
    setBusy(true)
    setError(null)
    try {
      const res = await api<{ me: MeResponse; keys: SignupKeys }>('/v1/auth/signup', {
        body: {
          email: String(form.get('email')),
          password: String(form.get('password')),
          name: String(form.get('name')),
          shopName: String(form.get('shopName')),
          ...(origin && { origin: /^https?:\/\//.test(origin) ? origin : `https://${origin}` }),
        },
      })
      loggedIn(res.me, res.keys)
      navigate('/welcome', true)
    } catch (err) {
      setError(errorText(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <AuthLayout title={t('auth.signupTitle')} lead={t('auth.signupLead')}>
      {enabled === false ? (
        <p class="notice" data-testid="signup-off">
          {t('auth.signupOff')}
        </p>
      ) : (
        <form class="form" onSubmit={submit}>
          <div class="form-row">
            <label>
              {t('auth.name')}
              <input name="name" required maxLength={120} autocomplete="name" />
            </label>
            <label>
              {t('auth.shopName')}
              <input name="shopName" required maxLength={120} autocomplete="organization" />
            </label>
          </div>
          <label>
            {t('auth.email')}
            <input name="email" type="email" required autocomplete="email" />
          </label>
          <label>
            {t('auth.newPassword')}
            <input name="password" type="password" required minLength={10} autocomplete="new-password" />
          </label>
          <label>
            {t('auth.shopUrl')}
            <input name="origin" placeholder="https://shop.example" />
          </label>
          {error && (
            <p class="notice error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" class="button primary block" disabled={busy || enabled === null}>
            {t('auth.signup')}
          </button>
        </form>
      )}
      <div class="auth-links">
        <span>
          {t('auth.haveAccount')} <Link to="/login">{t('auth.login')}</Link>
        </span>
      </div>
    </AuthLayout>
  )
}

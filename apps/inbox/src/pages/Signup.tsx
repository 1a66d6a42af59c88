import type { MeResponse } from '@kefu/protocol'
import { useEffect, useState } from 'preact/hooks'
import { api } from '../lib/api.ts'
import { t, useLocale } from '../lib/i18n.ts'
import { navigate } from '../lib/router.ts'
import { loggedIn, type SignupKeys } from '../lib/session.ts'
import { AuthForm } from './AuthForm.tsx'
import { AuthLayout, Link } from './AuthLayout.tsx'

export function Signup() {
  useLocale()
  const [enabled, setEnabled] = useState<boolean | null>(null)

  useEffect(() => {
    void api<{ enabled: boolean }>('/v1/auth/signup')
      .then((r) => setEnabled(r.enabled))
      .catch(() => setEnabled(false))
  }, [])

  const signUp = async (form: FormData) => {
    const origin = String(form.get('origin') ?? '').trim()
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
  }

  return (
    <AuthLayout title={t('auth.signupTitle')} lead={t('auth.signupLead')}>
      {enabled === false ? (
        <p class="notice" data-testid="signup-off">
          {t('auth.signupOff')}
        </p>
      ) : (
        <AuthForm submit={t('auth.signup')} disabled={enabled === null} onSubmit={signUp}>
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
        </AuthForm>
      )}
      <div class="auth-links">
        <span>
          {t('auth.haveAccount')} <Link to="/login">{t('auth.login')}</Link>
        </span>
      </div>
    </AuthLayout>
  )
}

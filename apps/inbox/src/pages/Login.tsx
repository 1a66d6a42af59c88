import type { MeResponse } from '@kefu/protocol'
import { api } from '../lib/api.ts'
import { t, useLocale } from '../lib/i18n.ts'
import { navigate } from '../lib/router.ts'
import { loggedIn } from '../lib/session.ts'
import { AuthForm } from './AuthForm.tsx'
import { AuthLayout, Link } from './AuthLayout.tsx'

export function Login() {
  useLocale()
  const notice = new URLSearchParams(location.search).get('reset') === '1' ? t('auth.passwordSet') : null
  const logIn = async (form: FormData) => {
    const me = await api<MeResponse>('/v1/auth/login', {
      body: { email: String(form.get('email')), password: String(form.get('password')) },
    })
    loggedIn(me)
    navigate('/', true)
  }

  return (
    <AuthLayout title={t('auth.loginTitle')}>
      {notice && <p class="notice ok">{notice}</p>}
      <AuthForm submit={t('auth.login')} onSubmit={logIn}>
        <label>
          {t('auth.email')}
          <input name="email" type="email" autocomplete="username" required autofocus />
        </label>
        <label>
          {t('auth.password')}
          <input name="password" type="password" autocomplete="current-password" required />
        </label>
      </AuthForm>
      <div class="auth-links">
        <Link to="/forgot">{t('auth.forgot')}</Link>
        <span>
          {t('auth.noAccount')} <Link to="/signup">{t('auth.signup')}</Link>
        </span>
      </div>
    </AuthLayout>
  )
}

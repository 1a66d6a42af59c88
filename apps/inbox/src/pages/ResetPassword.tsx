import { api } from '../lib/api.ts'
import { t, useLocale } from '../lib/i18n.ts'
import { hashParam, navigate } from '../lib/router.ts'
import { AuthForm } from './AuthForm.tsx'
import { AuthLayout, Link } from './AuthLayout.tsx'

/** Opened from the emailed link: `/inbox/reset-password#token=…`. */
export function ResetPassword() {
  useLocale()
  const confirm = async (form: FormData) => {
    await api('/v1/auth/password-reset/confirm', {
      body: { token: hashParam('token') ?? '', password: String(form.get('password')) },
    })
    history.replaceState(null, '', '/inbox/login?reset=1')
    navigate('/login?reset=1', true)
  }
  return (
    <AuthLayout title={t('auth.setPassword')}>
      <AuthForm submit={t('auth.setPassword')} onSubmit={confirm}>
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
      </AuthForm>
      <div class="auth-links">
        <Link to="/login">{t('auth.back')}</Link>
      </div>
    </AuthLayout>
  )
}

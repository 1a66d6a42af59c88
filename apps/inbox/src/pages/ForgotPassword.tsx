import { useState } from 'preact/hooks'
import { api } from '../lib/api.ts'
import { t, useLocale } from '../lib/i18n.ts'
import { AuthForm } from './AuthForm.tsx'
import { AuthLayout, Link } from './AuthLayout.tsx'

export function ForgotPassword() {
  useLocale()
  const [sent, setSent] = useState(false)
  const request = async (form: FormData) => {
    await api('/v1/auth/password-reset/request', { body: { email: String(form.get('email')) } })
    setSent(true)
  }
  return (
    <AuthLayout title={t('auth.resetTitle')} lead={t('auth.resetLead')}>
      {sent ? (
        <p class="notice ok" data-testid="reset-sent">
          {t('auth.resetSent')}
        </p>
      ) : (
        <AuthForm submit={t('auth.resetSend')} onSubmit={request}>
          <label>
            {t('auth.email')}
            <input name="email" type="email" required autofocus />
          </label>
        </AuthForm>
      )}
      <div class="auth-links">
        <Link to="/login">{t('auth.back')}</Link>
      </div>
    </AuthLayout>
  )
}

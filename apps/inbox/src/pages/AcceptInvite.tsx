import type { MeResponse } from '@kefu/protocol'
import { api } from '../lib/api.ts'
import { t, useLocale } from '../lib/i18n.ts'
import { hashParam, navigate } from '../lib/router.ts'
import { loggedIn } from '../lib/session.ts'
import { AuthForm } from './AuthForm.tsx'
import { AuthLayout } from './AuthLayout.tsx'

/** Opened from the invitation email: `/inbox/accept-invite#token=…`. */
export function AcceptInvite() {
  useLocale()
  const accept = async (form: FormData) => {
    const me = await api<MeResponse>('/v1/auth/invite/accept', {
      body: {
        token: hashParam('token') ?? '',
        name: String(form.get('name')),
        password: String(form.get('password')),
      },
    })
    loggedIn(me)
    navigate('/', true)
  }
  return (
    <AuthLayout title={t('auth.inviteTitle')}>
      <AuthForm submit={t('auth.inviteAccept')} onSubmit={accept}>
        <label>
          {t('auth.name')}
          <input name="name" required maxLength={120} autofocus />
        </label>
        <label>
          {t('auth.newPassword')}
          <input name="password" type="password" required minLength={10} autocomplete="new-password" />
        </label>
      </AuthForm>
    </AuthLayout>
  )
}

import type { MeResponse } from '@kefu/protocol'
import { useState } from 'preact/hooks'
import { api } from '../lib/api.ts'
import { t, useLocale } from '../lib/i18n.ts'
import { hashParam, navigate } from '../lib/router.ts'
import { loggedIn } from '../lib/session.ts'
import { AuthLayout, errorText } from './AuthLayout.tsx'

/** Opened from the invitation email: `/inbox/accept-invite#token=…`. */
export function AcceptInvite() {
  useLocale()
  const [error, setError] = useState<string | null>(null)
  const submit = async (e: Event) => {
    e.preventDefault()
    const form = new FormData(e.currentTarget as HTMLFormElement)
    try {
      const me = await api<MeResponse>('/v1/auth/invite/accept', {
        body: {
          token: hashParam('token') ?? '',
          name: String(form.get('name')),
          password: String(form.get('password')),
        },
      })
      loggedIn(me)
      navigate('/', true)
    } catch (err) {
      setError(errorText(err))
    }
  }
  return (
    <AuthLayout title={t('auth.inviteTitle')}>
      <form class="form" onSubmit={submit}>
        <label>
          {t('auth.name')}
          <input name="name" required maxLength={120} autofocus />
        </label>
        <label>
          {t('auth.newPassword')}
          <input name="password" type="password" required minLength={10} autocomplete="new-password" />
        </label>
        {error && <p class="notice error">{error}</p>}
        <button type="submit" class="button primary block">
          {t('auth.inviteAccept')}
        </button>
      </form>
    </AuthLayout>
  )
}

import type { MeResponse } from '@kefu/protocol'
import { api, whenUnauthorized } from './api.ts'
import { navigate } from './router.ts'
import { createStore } from './store.ts'

export interface SignupKeys {
  publicKey: string
  secretKey: string
  webhookSecret: string
  identitySecret: string
}

export const session = createStore<{
  status: 'loading' | 'in' | 'out'
  me: MeResponse | null
  /** Shown once on the welcome page after sign-up; kept only in memory. */
  signupKeys: SignupKeys | null
}>({ status: 'loading', me: null, signupKeys: null })

export const isAdmin = (me: MeResponse | null) => me?.role === 'owner' || me?.role === 'admin'

export async function loadSession(): Promise<void> {
  try {
    session.set({ status: 'in', me: await api<MeResponse>('/v1/me') })
  } catch {
    session.set({ status: 'out', me: null })
  }
}

export function loggedIn(me: MeResponse, signupKeys: SignupKeys | null = null) {
  session.set({ status: 'in', me, signupKeys })
}

export async function logOut(): Promise<void> {
  await api('/v1/auth/logout', { method: 'POST' }).catch(() => {})
  session.set({ status: 'out', me: null })
  navigate('/login')
}

whenUnauthorized(() => {
  if (session.get().status === 'in') session.set({ status: 'out', me: null })
})

import { useEffect } from 'preact/hooks'
import { useLocale } from '../lib/i18n.ts'
import { navigate, usePath } from '../lib/router.ts'
import { loadSession, session } from '../lib/session.ts'
import { useStore } from '../lib/store.ts'
import { AcceptInvite } from '../pages/AcceptInvite.tsx'
import { ForgotPassword } from '../pages/ForgotPassword.tsx'
import { Login } from '../pages/Login.tsx'
import { ResetPassword } from '../pages/ResetPassword.tsx'
import { Signup } from '../pages/Signup.tsx'
import { Welcome } from '../pages/Welcome.tsx'
import { SettingsPage } from '../settings/SettingsPage.tsx'
import { TicketsPage } from '../tickets/TicketsPage.tsx'
import { InboxPage } from './InboxPage.tsx'
import { Shell } from './Shell.tsx'

const publicPages: Record<string, () => preact.JSX.Element> = {
  '/login': Login,
  '/signup': Signup,
  '/forgot': ForgotPassword,
  '/reset-password': ResetPassword,
  '/accept-invite': AcceptInvite,
}

export function App() {
  useLocale()
  const path = usePath()
  const { status, me } = useStore(session)
  useEffect(() => {
    void loadSession()
  }, [])

  const Public = publicPages[path]
  if (Public) return <Public />
  if (status === 'loading') return <div class="splash" />
  if (status === 'out' || !me) {
    queueMicrotask(() => navigate('/login', true))
    return <div class="splash" />
  }
  if (path === '/welcome') return <Welcome me={me} />
  const settingsTab = path.match(/^\/settings(?:\/([\w-]+))?$/)
  const section = settingsTab ? 'settings' : path === '/tickets' ? 'tickets' : 'inbox'
  return (
    <Shell me={me} section={section}>
      {settingsTab ? (
        <SettingsPage me={me} tab={settingsTab[1] ?? 'widget'} />
      ) : section === 'tickets' ? (
        <TicketsPage me={me} />
      ) : (
        <InboxPage me={me} path={path} />
      )}
    </Shell>
  )
}

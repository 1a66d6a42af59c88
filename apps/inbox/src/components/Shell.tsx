import type { MeResponse } from '@kefu/protocol'
import type { ComponentChildren } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import { inbox, startInbox, stopInbox } from '../inbox/state.ts'
import { type Locale, locales, setLocale, t, useLocale } from '../lib/i18n.ts'
import { disableNotifications, enableNotifications, notificationsEnabled } from '../lib/notify.ts'
import { navigate } from '../lib/router.ts'
import { isAdmin, logOut, session } from '../lib/session.ts'
import { useStore } from '../lib/store.ts'
import { HelpDialog, useHelpDialog } from './HelpDialog.tsx'
import { Icon } from './icons.tsx'

const localeLabels: Record<Locale, string> = { 'zh-CN': '中文', en: 'EN' }

/** The frame around every logged-in page: the left rail and the header bar. */
export function Shell({
  me,
  section,
  children,
}: {
  me: MeResponse
  section: 'inbox' | 'tickets' | 'settings'
  children: ComponentChildren
}) {
  const locale = useLocale()
  const { connection } = useStore(inbox)
  const [notify, setNotify] = useState(notificationsEnabled())
  const [denied, setDenied] = useState(false)
  const help = useHelpDialog()

  // One live connection for the whole session, so list updates and notifications work on every page.
  useEffect(() => {
    startInbox(me, () => session.set({ status: 'out', me: null }))
    return stopInbox
  }, [me.agent.id, me.tenant.id])

  const toggleNotify = async () => {
    if (notify) {
      disableNotifications()
      setNotify(false)
      return
    }
    const result = await enableNotifications()
    setNotify(result === 'granted')
    setDenied(result === 'denied')
  }

  return (
    <div class="shell">
      <nav class="rail" aria-label="Kefu">
        <div class="rail-logo" title="Kefu">
          <Icon name="chat" size={20} />
        </div>
        <a
          href="/inbox/"
          class={`rail-item ${section === 'inbox' ? 'active' : ''}`}
          title={t('nav.inbox')}
          onClick={(e) => {
            e.preventDefault()
            navigate('/')
          }}
        >
          <Icon name="inbox" />
          <span>{t('nav.inbox')}</span>
        </a>
        <a
          href="/inbox/tickets"
          class={`rail-item ${section === 'tickets' ? 'active' : ''}`}
          title={t('nav.tickets')}
          data-testid="nav-tickets"
          onClick={(e) => {
            e.preventDefault()
            navigate('/tickets')
          }}
        >
          <Icon name="ticket" />
          <span>{t('nav.tickets')}</span>
        </a>
        {isAdmin(me) && (
          <a
            href="/inbox/settings"
            class={`rail-item ${section === 'settings' ? 'active' : ''}`}
            title={t('nav.settings')}
            data-testid="nav-settings"
            onClick={(e) => {
              e.preventDefault()
              navigate('/settings')
            }}
          >
            <Icon name="settings" />
            <span>{t('nav.settings')}</span>
          </a>
        )}
        <div class="rail-spacer" />
        <button type="button" class="rail-item" title={t('nav.help')} onClick={help.open}>
          <Icon name="help" />
        </button>
      </nav>
      <div class="main">
        <header class="topbar">
          <div class="topbar-title">
            <strong>{me.tenant.name}</strong>
            <span class={`conn conn-${connection}`} data-testid="connection">
              <i />
              {t(`conn.${connection}`)}
            </span>
          </div>
          <div class="topbar-actions">
            <button
              type="button"
              class={`chip-button ${notify ? 'on' : ''}`}
              onClick={toggleNotify}
              title={denied ? t('notify.denied') : undefined}
            >
              <Icon name="bell" size={15} />
              {denied ? t('notify.denied') : notify ? t('notify.on') : t('notify.off')}
            </button>
            <fieldset class="segmented" aria-label="Language">
              {locales.map((l) => (
                <button type="button" key={l} class={l === locale ? 'on' : ''} onClick={() => setLocale(l)}>
                  {localeLabels[l]}
                </button>
              ))}
            </fieldset>
            <div class="me">
              <span class="avatar small" style={{ background: '#334155' }}>
                {me.agent.name.slice(0, 1).toUpperCase()}
              </span>
              <span class="me-name">
                {me.agent.name}
                <small>{t(`team.${me.role}`)}</small>
              </span>
              <button type="button" class="icon-button" title={t('nav.logout')} onClick={() => void logOut()}>
                <Icon name="logout" size={16} />
              </button>
            </div>
          </div>
        </header>
        <div class="content">{children}</div>
      </div>
      {help.visible && <HelpDialog onClose={help.close} />}
    </div>
  )
}

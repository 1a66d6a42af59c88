import type { MeResponse } from '@kefu/protocol'
import { Icon, type IconName } from '../components/icons.tsx'
import { type MessageKey, t } from '../lib/i18n.ts'
import { navigate } from '../lib/router.ts'
import { isAdmin } from '../lib/session.ts'
import { CannedSettings } from './CannedSettings.tsx'
import { InstallSettings } from './InstallSettings.tsx'
import { KeySettings } from './KeySettings.tsx'
import { ShopSettings } from './ShopSettings.tsx'
import { TeamSettings } from './TeamSettings.tsx'
import { WidgetSettings } from './WidgetSettings.tsx'

const tabs: Array<{
  id: string
  label: MessageKey
  icon: IconName
  Screen: (p: { me: MeResponse }) => preact.JSX.Element
}> = [
  { id: 'widget', label: 'settings.widget', icon: 'chat', Screen: WidgetSettings },
  { id: 'install', label: 'settings.install', icon: 'globe', Screen: InstallSettings },
  { id: 'keys', label: 'settings.keys', icon: 'shield', Screen: KeySettings },
  { id: 'team', label: 'settings.team', icon: 'user', Screen: TeamSettings },
  { id: 'canned', label: 'settings.canned', icon: 'zap', Screen: CannedSettings },
  { id: 'shop', label: 'settings.shop', icon: 'box', Screen: ShopSettings },
]

export function SettingsPage({ me, tab }: { me: MeResponse; tab: string }) {
  if (!isAdmin(me)) {
    return (
      <div class="empty" data-testid="settings-forbidden">
        <Icon name="shield" size={30} />
        <strong>{t('settings.adminOnly')}</strong>
      </div>
    )
  }
  const current = tabs.find((x) => x.id === tab) ?? tabs[0]!
  return (
    <div class="settings">
      <nav class="settings-nav">
        <h2>{t('settings.title')}</h2>
        {tabs.map((x) => (
          <a
            key={x.id}
            href={`/inbox/settings/${x.id}`}
            class={x.id === current.id ? 'on' : ''}
            onClick={(e) => {
              e.preventDefault()
              navigate(`/settings/${x.id}`)
            }}
          >
            <Icon name={x.icon} size={16} />
            {t(x.label)}
          </a>
        ))}
      </nav>
      <div class="settings-body">
        <current.Screen me={me} />
      </div>
    </div>
  )
}

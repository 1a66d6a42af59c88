import type { WidgetSettings } from '@kefu/protocol'
import type { strings } from '../i18n.ts'
import { Icon } from './Icon.tsx'
import { ShopAvatar } from './ShopAvatar.tsx'

interface HeaderProps {
  settings: WidgetSettings | null
  t: ReturnType<typeof strings>
  /** Shown when a thread is open and there is a list to go back to. */
  onBack?: () => void
  onClose: () => void
}

export function Header({ settings, t, onBack, onClose }: HeaderProps) {
  return (
    <header class="header">
      {onBack && (
        <button type="button" class="icon-btn" aria-label={t.back} onClick={onBack}>
          <Icon name="back" />
        </button>
      )}
      <ShopAvatar settings={settings} size={40} />
      <div class="title">
        <h1 id="kefu-title">{settings?.shopName ?? t.support}</h1>
        <p>
          <span class="dot" aria-hidden="true" />
          <span>
            {t.official} · {t.replyTime}
          </span>
        </p>
      </div>
      <button type="button" class="icon-btn" aria-label={t.close} onClick={onClose}>
        <Icon name="close" />
      </button>
    </header>
  )
}

import type { Locale, WidgetAppearance } from '@kefu/protocol'
import { useEffect, useState } from 'preact/hooks'
import { t } from '../lib/i18n.ts'
import { errorText } from '../pages/AuthLayout.tsx'
import { PreviewFrame, SaveState, saveShopSettings, useShopSettings } from './shared.tsx'

const greetingLocales: Locale[] = ['zh-CN', 'zh-TW', 'en']

/** Colour, logo, greeting per language and position: what buyers see of the shop in the widget. */
export function WidgetSettings() {
  const settings = useShopSettings()
  const [shopName, setShopName] = useState('')
  const [widget, setWidget] = useState<WidgetAppearance | null>(null)
  const [state, setState] = useState('idle')
  const [version, setVersion] = useState(0)

  useEffect(() => {
    if (settings && !widget) {
      setWidget(settings.widget)
      setShopName(settings.shopName)
    }
  }, [settings])

  if (!settings || !widget) return <div class="loading" />
  const patch = (p: Partial<WidgetAppearance>) => setWidget({ ...widget, ...p })

  const save = async (e: Event) => {
    e.preventDefault()
    setState('saving')
    try {
      await saveShopSettings({ shopName, widget: { ...widget, logoUrl: widget.logoUrl || null } })
      setState('saved')
      setVersion((v) => v + 1)
    } catch (err) {
      setState(errorText(err))
    }
  }

  return (
    <div class="settings-split">
      <form class="card form" onSubmit={save}>
        <h2>{t('settings.widget')}</h2>
        <label>
          {t('settings.shopName')}
          <input
            value={shopName}
            onInput={(e) => setShopName(e.currentTarget.value)}
            required
            maxLength={120}
          />
        </label>
        <div class="form-row">
          <label>
            {t('settings.color')}
            <span class="color-input">
              <input
                type="color"
                value={widget.color}
                onInput={(e) => patch({ color: e.currentTarget.value })}
              />
              <input
                value={widget.color}
                onInput={(e) => patch({ color: e.currentTarget.value })}
                pattern="#[0-9a-fA-F]{6}"
              />
            </span>
          </label>
          <label>
            {t('settings.position')}
            <select
              value={widget.position}
              onChange={(e) => patch({ position: e.currentTarget.value as 'left' | 'right' })}
            >
              <option value="right">{t('settings.right')}</option>
              <option value="left">{t('settings.left')}</option>
            </select>
          </label>
        </div>
        <label>
          {t('settings.logo')}
          <input
            type="url"
            placeholder="https://shop.example/logo.png"
            value={widget.logoUrl ?? ''}
            onInput={(e) => patch({ logoUrl: e.currentTarget.value || null })}
          />
        </label>
        {greetingLocales.map((l) => (
          <label key={l}>
            {t('settings.greeting', { locale: l })}
            <textarea
              rows={2}
              maxLength={500}
              value={widget.greeting[l] ?? ''}
              onInput={(e) => patch({ greeting: { ...widget.greeting, [l]: e.currentTarget.value } })}
            />
          </label>
        ))}
        <div class="form-actions">
          <button type="submit" class="button primary" disabled={state === 'saving'}>
            {t('settings.save')}
          </button>
          <SaveState state={state} />
        </div>
      </form>
      <div class="card preview-card">
        <h2>{t('settings.preview')}</h2>
        <div
          class="mock-launcher-row"
          style={{ justifyContent: widget.position === 'left' ? 'flex-start' : 'flex-end' }}
        >
          <div class="mock-bubble">
            {widget.logoUrl && <img src={widget.logoUrl} alt="" />}
            <div>
              <strong>{shopName}</strong>
              <p>{widget.greeting['zh-CN'] || widget.greeting.en}</p>
            </div>
          </div>
        </div>
        <div
          class="mock-launcher-row"
          style={{ justifyContent: widget.position === 'left' ? 'flex-start' : 'flex-end' }}
        >
          <span class="mock-launcher" style={{ background: widget.color }} />
        </div>
        <PreviewFrame publicKey={settings.install.publicKey} version={version} />
      </div>
    </div>
  )
}

import { Icon } from '../components/icons.tsx'
import { t } from '../lib/i18n.ts'
import { OriginsEditor } from './OriginsEditor.tsx'
import { CopyField, openTestMessage, PreviewFrame, useShopSettings } from './shared.tsx'

/** Everything needed to put the widget on the shop: the snippet, the allowed sites, a try-out. */
export function InstallSettings() {
  const settings = useShopSettings()
  if (!settings) return <div class="loading" />
  return (
    <div class="settings-split">
      <div class="stack">
        <section class="card">
          <h2>{t('settings.snippet')}</h2>
          <CopyField value={settings.install.snippet} multiline testId="snippet" />
          <p class="hint">{t('settings.snippetHint')}</p>
        </section>
        <section class="card">
          <h2>{t('settings.origins')}</h2>
          <p class="hint">{t('settings.originsHint')}</p>
          <OriginsEditor origins={settings.allowedOrigins} />
        </section>
        <section class="card">
          <h2>{t('settings.testMessage')}</h2>
          <p class="hint">{t('settings.testHint')}</p>
          <button
            type="button"
            class="button primary"
            onClick={() => openTestMessage(settings.install.publicKey)}
          >
            <Icon name="send" size={15} />
            {t('settings.testMessage')}
          </button>
        </section>
      </div>
      <div class="card preview-card">
        <h2>{t('settings.preview')}</h2>
        <PreviewFrame publicKey={settings.install.publicKey} />
      </div>
    </div>
  )
}

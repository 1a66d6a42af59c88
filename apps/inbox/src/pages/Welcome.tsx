import type { MeResponse } from '@kefu/protocol'
import { Icon } from '../components/icons.tsx'
import { t, useLocale } from '../lib/i18n.ts'
import { navigate } from '../lib/router.ts'
import { session } from '../lib/session.ts'
import { useStore } from '../lib/store.ts'
import { OriginsEditor } from '../settings/OriginsEditor.tsx'
import { CopyField, openTestMessage, PreviewFrame, useShopSettings } from '../settings/shared.tsx'
import { AuthLayout } from './AuthLayout.tsx'

/** Onboarding after sign-up: paste the snippet, allow the shop's site, try the widget. */
export function Welcome({ me }: { me: MeResponse }) {
  useLocale()
  const settings = useShopSettings()
  const { signupKeys } = useStore(session)
  return (
    <AuthLayout title={t('welcome.title', { name: me.agent.name })} lead={t('welcome.lead')}>
      <div class="welcome">
        {signupKeys && (
          <div class="notice ok">
            <strong>{t('welcome.secretKey')}</strong>
            <CopyField value={signupKeys.secretKey} />
          </div>
        )}
        <ol class="steps">
          <li>
            <h3>{t('welcome.step1')}</h3>
            {settings && <CopyField value={settings.install.snippet} multiline testId="snippet" />}
            <p class="hint">{t('settings.snippetHint')}</p>
          </li>
          <li>
            <h3>{t('welcome.step2')}</h3>
            <p class="hint">{t('settings.originsHint')}</p>
            {settings && <OriginsEditor origins={settings.allowedOrigins} />}
          </li>
          <li>
            <h3>{t('welcome.step3')}</h3>
            <p class="hint">{t('settings.testHint')}</p>
            <button
              type="button"
              class="button"
              onClick={() => openTestMessage(settings?.install.publicKey ?? null)}
            >
              <Icon name="send" size={15} />
              {t('settings.testMessage')}
            </button>
            {settings && <PreviewFrame publicKey={settings.install.publicKey} />}
          </li>
        </ol>
        <button type="button" class="button primary block" onClick={() => navigate('/')}>
          {t('welcome.done')}
        </button>
      </div>
    </AuthLayout>
  )
}

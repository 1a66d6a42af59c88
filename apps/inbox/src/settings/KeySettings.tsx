import type { RotatableKey, RotatedKey, ShopKeys } from '@kefu/protocol'
import { useEffect, useState } from 'preact/hooks'
import { api } from '../lib/api.ts'
import { type MessageKey, t } from '../lib/i18n.ts'
import { errorText } from '../pages/AuthLayout.tsx'
import { CopyField, saveShopSettings, useShopSettings } from './shared.tsx'

const names: Record<RotatableKey, MessageKey> = {
  public: 'settings.publicKey',
  secret: 'settings.secretKey',
  webhook: 'settings.webhookSecret',
  identity: 'settings.identitySecret',
}

/** Keys: see what can be seen, rotate what must be rotated (a new secret is shown once). */
export function KeySettings() {
  const settings = useShopSettings()
  const [keys, setKeys] = useState<ShopKeys | null>(null)
  const [fresh, setFresh] = useState<RotatedKey | null>(null)
  const [showIdentity, setShowIdentity] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const load = () => void api<ShopKeys>('/v1/settings/keys').then(setKeys)
  useEffect(load, [])

  const rotate = async (kind: RotatableKey) => {
    if (!confirm(t('settings.rotateConfirm', { kind: t(names[kind]) }))) return
    try {
      setFresh(await api<RotatedKey>(`/v1/settings/keys/${kind}/rotate`, { method: 'POST' }))
      load()
    } catch (err) {
      setError(errorText(err))
    }
  }

  if (!keys || !settings) return <div class="loading" />
  const row = (kind: RotatableKey, hint: MessageKey, body: preact.ComponentChildren) => (
    <section class="key-row" key={kind}>
      <div class="key-info">
        <h3>{t(names[kind])}</h3>
        <p class="hint">{t(hint)}</p>
      </div>
      <div class="key-value">{body}</div>
      <button
        type="button"
        class="button ghost"
        onClick={() => void rotate(kind)}
        data-testid={`rotate-${kind}`}
      >
        {t('settings.rotate')}
      </button>
    </section>
  )

  return (
    <div class="card wide">
      <h2>{t('settings.keys')}</h2>
      {fresh && (
        <div class="notice ok fresh-key" data-testid="fresh-key">
          <strong>{t('settings.newKey', { kind: t(names[fresh.kind]) })}</strong>
          <CopyField value={fresh.key} />
        </div>
      )}
      {error && <p class="notice error">{error}</p>}
      {row('public', 'settings.publicKeyHint', <CopyField value={keys.publicKey ?? '—'} />)}
      {row(
        'secret',
        'settings.secretKeyHint',
        <code class="masked">{keys.secretKeys.map((k) => k.start).join(', ') || '—'}</code>,
      )}
      {row(
        'webhook',
        'settings.webhookHint',
        <code class="masked">whsec_•••••••• · {t('settings.liveKeys', { n: keys.webhookSecret.live })}</code>,
      )}
      {row(
        'identity',
        'settings.identityHint',
        <div class="reveal">
          {showIdentity ? (
            <CopyField value={keys.identitySecret ?? '—'} />
          ) : (
            <code class="masked">idsec_••••••••••••</code>
          )}
          <button type="button" class="link-button" onClick={() => setShowIdentity((v) => !v)}>
            {showIdentity ? t('settings.hide') : t('settings.show')}
          </button>
        </div>,
      )}
      <label class="toggle">
        <input
          type="checkbox"
          checked={settings.requireVerifiedIdentity}
          onChange={(e) => void saveShopSettings({ requireVerifiedIdentity: e.currentTarget.checked })}
        />
        {t('settings.requireVerified')}
      </label>
    </div>
  )
}

import type { ShopSettings } from '@kefu/protocol'
import { useEffect, useState } from 'preact/hooks'
import { Icon } from '../components/icons.tsx'
import { api } from '../lib/api.ts'
import { t } from '../lib/i18n.ts'
import { createStore, useStore } from '../lib/store.ts'

/** The shop's settings, loaded once and shared by the settings screens and the welcome page. */
export const shopSettings = createStore<{ value: ShopSettings | null }>({ value: null })

export function useShopSettings(): ShopSettings | null {
  const { value } = useStore(shopSettings)
  useEffect(() => {
    void api<ShopSettings>('/v1/settings').then((v) => shopSettings.set({ value: v }))
  }, [])
  return value
}

export async function saveShopSettings(change: Record<string, unknown>): Promise<ShopSettings> {
  const value = await api<ShopSettings>('/v1/settings', { method: 'PATCH', body: change })
  shopSettings.set({ value })
  return value
}

export function CopyField({
  value,
  multiline = false,
  testId,
}: {
  value: string
  multiline?: boolean
  testId?: string
}) {
  const [copied, setCopied] = useState(false)
  const copy = async () => {
    await navigator.clipboard?.writeText(value).catch(() => {})
    setCopied(true)
    setTimeout(() => setCopied(false), 1500)
  }
  return (
    <div class={multiline ? 'copy-field copy-field-multiline' : 'copy-field'}>
      <code data-testid={testId}>{value}</code>
      <button type="button" class="button ghost small" onClick={copy}>
        <Icon name={copied ? 'check' : 'copy'} size={14} />
        {copied ? t('settings.copied') : t('settings.copy')}
      </button>
    </div>
  )
}

/** The shop's widget on a Kefu page (which may open sessions for any shop), in a frame. */
export function PreviewFrame({ publicKey, version = 0 }: { publicKey: string | null; version?: number }) {
  if (!publicKey) return null
  return (
    <iframe
      class="preview-frame"
      title={t('settings.preview')}
      src={`/inbox/preview.html?key=${encodeURIComponent(publicKey)}&v=${version}`}
    />
  )
}

export function openTestMessage(publicKey: string | null) {
  if (!publicKey) return
  window.open(
    `/inbox/preview.html?key=${encodeURIComponent(publicKey)}&open=1`,
    'kefu-preview',
    'width=480,height=760',
  )
}

export function SaveState({ state }: { state: 'idle' | 'saving' | 'saved' | string }) {
  if (state === 'idle' || state === 'saving') return null
  return (
    <span class={state === 'saved' ? 'save-ok' : 'save-error'}>
      {state === 'saved' ? t('settings.saved') : state}
    </span>
  )
}

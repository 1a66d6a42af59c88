import type { ShopStatus } from '@kefu/protocol'
import { useEffect, useState } from 'preact/hooks'
import { Icon } from '../components/icons.tsx'
import { t } from '../lib/i18n.ts'
import { navigate } from '../lib/router.ts'

/** How long Kefu stops calling a shop after 5 failures in a row (the server's circuit breaker). */
const PAUSE_MS = 30_000

function secondsLeft(lastCallAt: string | null): number {
  if (!lastCallAt) return 0
  return Math.max(0, Math.ceil((Date.parse(lastCallAt) + PAUSE_MS - Date.now()) / 1000))
}

/** Why orders may be missing or stale, in words an agent can act on. Nothing when the shop answers. */
export function ShopBanner({
  status,
  admin,
  onPauseOver,
}: {
  status: ShopStatus
  admin: boolean
  onPauseOver: () => void
}) {
  const [, tick] = useState(0)
  const open = status.state === 'circuit_open'
  useEffect(() => {
    if (!open) return
    const timer = setInterval(() => {
      tick((n) => n + 1)
      if (secondsLeft(status.lastCallAt) === 0) {
        clearInterval(timer)
        onPauseOver()
      }
    }, 1000)
    return () => clearInterval(timer)
  }, [open, status.lastCallAt])

  if (status.state === 'ok') return null
  if (status.state === 'not_configured') {
    return (
      <div class="shop-banner info" data-testid="shop-banner" data-state={status.state}>
        <Icon name="link" size={15} />
        <div>
          <strong>{t('shop.notConfigured')}</strong>
          {admin ? (
            <a
              href="/inbox/settings/shop"
              onClick={(e) => {
                e.preventDefault()
                navigate('/settings/shop')
              }}
            >
              {t('shop.connect')} →
            </a>
          ) : (
            <span>{t('shop.notConfiguredAgent')}</span>
          )}
        </div>
      </div>
    )
  }
  const left = secondsLeft(status.lastCallAt)
  return (
    <div
      class={`shop-banner ${open ? 'danger' : 'warn'}`}
      data-testid="shop-banner"
      data-state={status.state}
      role="status"
    >
      <Icon name="alert" size={15} />
      <div>
        <strong>
          {open ? (left > 0 ? t('shop.circuit', { s: left }) : t('shop.circuitSoon')) : t('shop.failing')}
        </strong>
        {status.lastError && <span>{t('shop.lastError', { error: status.lastError })}</span>}
      </div>
    </div>
  )
}

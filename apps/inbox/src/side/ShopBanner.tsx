import type { ShopStatus } from '@kefu/protocol'
import { useEffect, useState } from 'preact/hooks'
import { Icon } from '../components/icons.tsx'
import { t } from '../lib/i18n.ts'
import { navigate } from '../lib/router.ts'

/** Seconds until the server's circuit breaker lets calls to the shop through again. */
function secondsLeft(pausedUntil: string | null): number {
  if (!pausedUntil) return 0
  return Math.max(0, Math.ceil((Date.parse(pausedUntil) - Date.now()) / 1000))
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
      if (secondsLeft(status.pausedUntil) === 0) {
        clearInterval(timer)
        onPauseOver()
      }
    }, 1000)
    return () => clearInterval(timer)
  }, [open, status.pausedUntil])

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
  const left = secondsLeft(status.pausedUntil)
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

import type { ShopDelivery } from '@kefu/protocol'
import { useEffect, useState } from 'preact/hooks'
import { Icon } from '../components/icons.tsx'
import { api } from '../lib/api.ts'
import { t, useLocale } from '../lib/i18n.ts'
import { errorText } from '../pages/AuthLayout.tsx'
import { compactTime } from '../side/order-format.ts'

/** Every call and event to the shop, newest first: what to look at when the order card says "failing". */
export function DeliveryLog({ version }: { version: number }) {
  const locale = useLocale()
  const [rows, setRows] = useState<ShopDelivery[] | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const load = async () => {
    setBusy(true)
    try {
      setRows(
        (
          await api<{ deliveries: ShopDelivery[] }>('/v1/shop-connection/deliveries', {
            query: { limit: '50' },
          })
        ).deliveries,
      )
      setProblem(null)
    } catch (err) {
      setProblem(errorText(err))
    } finally {
      setBusy(false)
    }
  }
  useEffect(() => {
    void load()
  }, [version])

  return (
    <div class="card delivery-log" data-testid="delivery-log">
      <div class="card-head">
        <h2>{t('shopSettings.deliveries')}</h2>
        <button
          type="button"
          class="button ghost small"
          onClick={load}
          disabled={busy}
          data-testid="deliveries-refresh"
        >
          <Icon name="clock" size={14} />
          {t('shopSettings.refresh')}
        </button>
      </div>
      {problem && <p class="notice error">{problem}</p>}
      {rows && rows.length === 0 && <p class="muted">{t('shopSettings.noDeliveries')}</p>}
      {rows && rows.length > 0 && (
        <div class="table-scroll">
          <table class="table deliveries">
            <thead>
              <tr>
                <th>{t('delivery.time')}</th>
                <th>{t('delivery.kind')}</th>
                <th>{t('delivery.type')}</th>
                <th>{t('delivery.status')}</th>
                <th class="right">{t('delivery.http')}</th>
                <th class="right">{t('delivery.latency')}</th>
                <th>{t('delivery.error')}</th>
                <th class="right">{t('delivery.attempts')}</th>
                <th>{t('delivery.next')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((d) => (
                <tr key={d.id} data-testid="delivery-row" data-status={d.status}>
                  <td class="nowrap">{compactTime(d.createdAt, locale, true)}</td>
                  <td>{t(`delivery.kind.${d.kind}`)}</td>
                  <td>
                    <code>{d.type}</code>
                  </td>
                  <td>
                    <span class={`delivery-status ds-${d.status}`}>{t(`delivery.status.${d.status}`)}</span>
                  </td>
                  <td class="right">{d.httpStatus ?? '—'}</td>
                  <td class="right nowrap">{d.latencyMs === null ? '—' : `${d.latencyMs} ms`}</td>
                  <td class="delivery-error" title={d.error ?? undefined}>
                    {d.error ?? ''}
                  </td>
                  <td class="right">{d.attempts}</td>
                  <td class="nowrap">{d.nextAttemptAt ? compactTime(d.nextAttemptAt, locale, true) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  )
}

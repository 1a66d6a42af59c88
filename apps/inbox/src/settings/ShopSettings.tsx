import type { ShopConnection, ShopStatus } from '@kefu/protocol'
import { useEffect, useState } from 'preact/hooks'
import { api } from '../lib/api.ts'
import { t, useLocale } from '../lib/i18n.ts'
import { dateTime } from '../lib/time.ts'
import { errorText } from '../pages/AuthLayout.tsx'
import { DeliveryLog } from './DeliveryLog.tsx'
import { SaveState } from './shared.tsx'

type Events = ShopConnection['events']
const allEvents: Events = [
  'conversation.created',
  'message.created',
  'ticket.created',
  'ticket.updated',
  'ticket.resolved',
  'csat.submitted',
]
const blank: ShopConnection = {
  webhookUrl: '',
  refundMinRole: 'admin',
  refundMaxAmount: null,
  botMayResend: true,
  notifyBuyerOnFailure: true,
  events: [],
}

/** "店铺对接": the shop backend's webhook, what Kefu may do there, its status and the delivery log. */
export function ShopSettings() {
  const locale = useLocale()
  const [form, setForm] = useState<ShopConnection | null>(null)
  const [status, setStatus] = useState<ShopStatus | null>(null)
  const [state, setState] = useState('idle')
  const [logVersion, setLogVersion] = useState(0)

  const load = () =>
    api<{ connection: ShopConnection | null; status: ShopStatus }>('/v1/shop-connection').then((r) => {
      setForm((cur) => cur ?? r.connection ?? blank)
      setStatus(r.status)
    })
  useEffect(() => {
    void load().catch((err) => setState(errorText(err)))
  }, [])

  if (!form) return state === 'idle' ? <div class="loading" /> : <p class="notice error">{state}</p>
  const patch = (p: Partial<ShopConnection>) => setForm({ ...form, ...p })
  const toggleEvent = (e: Events[number], on: boolean) =>
    patch({
      events: on
        ? allEvents.filter((x) => x === e || form.events.includes(x))
        : form.events.filter((x) => x !== e),
    })

  const save = async (e: Event) => {
    e.preventDefault()
    setState('saving')
    try {
      const saved = await api<ShopConnection>('/v1/shop-connection', {
        method: 'PUT',
        body: {
          ...form,
          webhookUrl: form.webhookUrl.trim(),
          refundMaxAmount: form.refundMaxAmount?.trim() || null,
        },
      })
      setForm(saved)
      setState('saved')
      await load()
      setLogVersion((v) => v + 1)
    } catch (err) {
      setState(errorText(err))
    }
  }

  return (
    <div class="stack shop-settings">
      <div class="settings-split">
        <form class="card form" onSubmit={save} data-testid="shop-settings-form">
          <h2>{t('shopSettings.title')}</h2>
          <p class="hint">{t('shopSettings.lead')}</p>
          <label>
            {t('shopSettings.webhookUrl')}
            <input
              name="webhookUrl"
              type="url"
              required
              maxLength={500}
              placeholder="https://shop.example/kefu/webhook"
              value={form.webhookUrl}
              onInput={(e) => patch({ webhookUrl: e.currentTarget.value })}
            />
          </label>
          <div class="form-row">
            <label>
              {t('shopSettings.refundRole')}
              <select
                name="refundMinRole"
                value={form.refundMinRole}
                onChange={(e) =>
                  patch({ refundMinRole: e.currentTarget.value as ShopConnection['refundMinRole'] })
                }
              >
                <option value="agent">{t('team.agent')}</option>
                <option value="admin">{t('team.admin')}</option>
                <option value="owner">{t('team.owner')}</option>
              </select>
            </label>
            <label>
              {t('shopSettings.refundMax')}
              <input
                name="refundMaxAmount"
                inputMode="decimal"
                pattern="\d{1,12}(\.\d{1,2})?"
                placeholder="200.00"
                value={form.refundMaxAmount ?? ''}
                onInput={(e) => patch({ refundMaxAmount: e.currentTarget.value || null })}
              />
            </label>
          </div>
          <label class="toggle">
            <input
              type="checkbox"
              name="botMayResend"
              checked={form.botMayResend}
              onChange={(e) => patch({ botMayResend: e.currentTarget.checked })}
            />
            {t('shopSettings.botMayResend')}
          </label>
          <label class="toggle tight">
            <input
              type="checkbox"
              name="notifyBuyerOnFailure"
              checked={form.notifyBuyerOnFailure}
              onChange={(e) => patch({ notifyBuyerOnFailure: e.currentTarget.checked })}
            />
            {t('shopSettings.notifyBuyer')}
          </label>
          <fieldset class="event-boxes">
            <legend>{t('shopSettings.events')}</legend>
            {allEvents.map((ev) => (
              <label key={ev} class="toggle tight">
                <input
                  type="checkbox"
                  checked={form.events.includes(ev)}
                  onChange={(e) => toggleEvent(ev, e.currentTarget.checked)}
                />
                <code>{ev}</code>
              </label>
            ))}
          </fieldset>
          <div class="form-actions">
            <button type="submit" class="button primary" disabled={state === 'saving'}>
              {t('settings.save')}
            </button>
            <SaveState state={state} />
          </div>
        </form>
        <div class="card shop-status-card">
          <h2>{t('shopSettings.status')}</h2>
          {status && (
            <div
              class={`connection-state cs-${status.state}`}
              data-testid="shop-connection-state"
              data-state={status.state}
            >
              <i />
              <strong>{t(`shopSettings.state.${status.state}`)}</strong>
              {status.lastCallAt && (
                <span class="muted">
                  {t('shopSettings.lastCall', { time: dateTime(status.lastCallAt, locale) })}
                </span>
              )}
            </div>
          )}
          {status && status.state !== 'ok' && <p class="hint">{status.message}</p>}
          <h3 class="setup-title">{t('shopSettings.setup')}</h3>
          <ul class="setup-list">
            <li>
              {t('shopSettings.sdkNode')}
              <code>pnpm add @kefu/shop-sdk</code>
            </li>
            <li>
              {t('shopSettings.sdkPhp')} <code>packages/shop-sdk/docs/php.md</code>
            </li>
            <li>
              {t('shopSettings.guide')} ·{' '}
              <a href="/docs" target="_blank" rel="noopener noreferrer">
                {t('shopSettings.sdkLink')}
              </a>
            </li>
          </ul>
        </div>
      </div>
      <DeliveryLog version={logVersion} />
    </div>
  )
}

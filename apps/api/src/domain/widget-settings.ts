import type { tenants } from '@kefu/db'
import type { WidgetSettings } from '@kefu/protocol'

const DEFAULT_COLOR = '#2563eb'

/** The widget's look and greeting from the tenant's settings, with defaults a shop can live with. */
export function widgetSettingsOf(tenant: typeof tenants.$inferSelect): WidgetSettings {
  const s = tenant.settings as Partial<{
    color: string
    logoUrl: string
    greeting: WidgetSettings['greeting']
    position: 'left' | 'right'
  }>
  return {
    shopName: tenant.name,
    color: typeof s.color === 'string' && /^#[0-9a-fA-F]{6}$/.test(s.color) ? s.color : DEFAULT_COLOR,
    logoUrl: typeof s.logoUrl === 'string' ? s.logoUrl : null,
    greeting: s.greeting ?? {
      'zh-CN': '您好！订单、卡密或充值问题，请直接告诉我们。',
      'zh-TW': '您好！訂單、卡密或儲值問題，請直接告訴我們。',
      en: 'Hi! Tell us about your order, code or top-up and we will sort it out.',
    },
    position: s.position === 'left' ? 'left' : 'right',
    requireVerifiedIdentity: tenant.requireVerifiedIdentity,
  }
}

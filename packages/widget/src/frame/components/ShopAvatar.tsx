import type { WidgetSettings } from '@kefu/protocol'

/** The shop's logo, or its first letter on the brand colour. */
export function ShopAvatar({ settings, size }: { settings: WidgetSettings | null; size: number }) {
  const logo = settings?.logoUrl && /^https?:\/\//.test(settings.logoUrl) ? settings.logoUrl : null
  return (
    <span class="avatar" style={{ width: `${size}px`, height: `${size}px` }} aria-hidden="true">
      {logo ? (
        <img src={logo} alt="" referrerpolicy="no-referrer" />
      ) : (
        Array.from(settings?.shopName ?? '客')[0]
      )}
    </span>
  )
}

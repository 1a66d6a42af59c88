import type { WidgetSettings } from '@kefu/protocol'
import type { Locale } from '../../shared/locale.ts'
import type { strings } from '../i18n.ts'
import { Icon } from './Icon.tsx'

/** The shop's greeting in the buyer's language, and the one safety rule buyers should know. */
export function Greeting({
  settings,
  locale,
  t,
}: {
  settings: WidgetSettings | null
  locale: Locale
  t: ReturnType<typeof strings>
}) {
  const text = settings?.greeting[locale] ?? settings?.greeting.en ?? t.startHint
  return (
    <section class="greeting" aria-label={settings?.shopName ?? t.support}>
      <p>{text}</p>
      <p class="safety">
        <Icon name="shield" size={15} />
        <span>{t.safety}</span>
      </p>
    </section>
  )
}

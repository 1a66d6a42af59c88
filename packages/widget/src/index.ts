import { installKefu } from './loader/install.ts'
import type { Kefu, WidgetOptions } from './loader/start.ts'

export type { Kefu, KefuEvent, WidgetOptions } from './loader/start.ts'
export type { Locale } from './shared/locale.ts'

/**
 * For single-page apps: the same as the script tag, from code. Installs `window.kefu` (running any
 * commands queued before) and returns it; a second call returns the widget already running.
 *
 * ```ts
 * import { init } from '@kefu/widget'
 * const kefu = init({ key: 'pk_live_…', kefuUrl: 'https://kefu.example' })
 * kefu('identify', { id: 'u_42', hash })
 * ```
 */
export function init(options: WidgetOptions): Kefu {
  return installKefu(options)
}

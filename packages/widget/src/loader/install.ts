import { type Kefu, startWidget, type WidgetOptions } from './start.ts'

type Installed = Kefu & { q?: unknown[][]; loaded?: boolean }

/**
 * Starts the widget once per page as `window.kefu`, running the commands a page queued in
 * `kefu.q` before the script arrived. A second call returns the widget already running.
 */
export function installKefu(options: WidgetOptions): Kefu {
  const w = window as unknown as { kefu?: Installed }
  if (w.kefu?.loaded) return w.kefu
  const kefu = startWidget(options)
  const queued = w.kefu?.q ?? []
  w.kefu = Object.assign(kefu, { loaded: true })
  for (const args of queued) (kefu as (...a: unknown[]) => void)(...args)
  return kefu
}

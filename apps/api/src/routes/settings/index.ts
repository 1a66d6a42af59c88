import type { App } from '../../app.ts'
import { registerKeySettings } from './keys.ts'
import { registerShopSettings } from './shop.ts'

/** Shop settings: every route needs the admin role or higher, checked on the server. */
export function registerSettings(app: App) {
  registerShopSettings(app)
  registerKeySettings(app)
}

import type { App } from '../../app.ts'
import { registerLogin } from './login.ts'
import { registerLogout } from './logout.ts'
import { registerMe } from './me.ts'

export function registerAuth(app: App) {
  registerLogin(app)
  registerLogout(app)
  registerMe(app)
}

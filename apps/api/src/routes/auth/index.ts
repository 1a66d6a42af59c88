import type { App } from '../../app.ts'
import { registerLogin } from './login.ts'
import { registerLogout } from './logout.ts'
import { registerMe } from './me.ts'
import { registerPasswordReset } from './password-reset.ts'
import { registerSignup } from './signup.ts'

export function registerAuth(app: App) {
  registerLogin(app)
  registerLogout(app)
  registerMe(app)
  registerSignup(app)
  registerPasswordReset(app)
}

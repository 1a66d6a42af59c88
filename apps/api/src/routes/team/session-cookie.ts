import type { Context } from 'hono'
import { setCookie } from 'hono/cookie'
import { SESSION_COOKIE } from '../../middleware/agent-auth.ts'
import type { AppEnv } from '../../services.ts'

/** The same cookie as /v1/auth/login sets, for the routes that log someone in after creating them. */
export function setSessionCookie(c: Context<AppEnv>, session: { token: string; expiresAt: Date }): void {
  setCookie(c, SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: c.var.services.cookieSecure,
    path: '/',
    expires: session.expiresAt,
  })
}

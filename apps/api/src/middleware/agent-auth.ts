import type { Role } from '@kefu/protocol'
import { getCookie } from 'hono/cookie'
import { createMiddleware } from 'hono/factory'
import { type AgentAuth, resolveSession } from '../domain/sessions.ts'
import { KefuError } from '../errors.ts'
import type { AppEnv } from '../services.ts'

export const SESSION_COOKIE = 'kefu_session'

export type AgentEnv = AppEnv & { Variables: { auth: AgentAuth } }

const rank: Record<Role, number> = { agent: 0, admin: 1, owner: 2 }

/**
 * Lets the request through only with a live agent session, and (given a role) only for that
 * role or a higher one. The checks live here on the server, not in hidden buttons.
 */
export function requireAgent(minimum: Role = 'agent') {
  return createMiddleware<AgentEnv>(async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE)
    const auth = token ? await resolveSession(c.var.services.db, token) : undefined
    if (!auth) throw new KefuError('unauthorized', 'Log in to continue')
    if (rank[auth.role] < rank[minimum]) {
      throw new KefuError('forbidden', `This needs the ${minimum} role; you are ${auth.role}`)
    }
    c.set('auth', auth)
    await next()
  })
}

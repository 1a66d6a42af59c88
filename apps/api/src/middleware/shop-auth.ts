import { createMiddleware } from 'hono/factory'
import { findTenantBySecretKey } from '../domain/keys.ts'
import { KefuError } from '../errors.ts'
import type { AppEnv } from '../services.ts'

export type ShopEnv = AppEnv & { Variables: { shopTenantId: string } }

/** `Authorization: Bearer sk_…` from the shop's backend. The key names the tenant; nothing else does. */
export const requireShopKey = createMiddleware<ShopEnv>(async (c, next) => {
  const header = c.req.header('authorization') ?? ''
  const key = header.startsWith('Bearer ') ? header.slice(7).trim() : ''
  const tenantId = key ? await findTenantBySecretKey(c.var.services.db, key) : undefined
  if (!tenantId)
    throw new KefuError('unauthorized', 'A valid secret key is required: Authorization: Bearer sk_live_…')
  c.set('shopTenantId', tenantId)
  await next()
})

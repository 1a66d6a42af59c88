import { createRoute } from '@hono/zod-openapi'
import { shopSettingsSchema, updateShopSettingsSchema } from '@kefu/protocol'
import type { App } from '../../app.ts'
import { shopSettings, updateShopSettings } from '../../domain/settings.ts'
import { requireAgent } from '../../middleware/agent-auth.ts'
import { errors, json, jsonBody } from '../openapi.ts'
import { kefuUrl } from './kefu-url.ts'

const tags = ['Settings']
const middleware = requireAgent('admin')

const get = createRoute({
  method: 'get',
  path: '/v1/settings',
  tags,
  summary: 'Widget appearance, allowed origins, identity requirement and the install snippet (owner/admin)',
  middleware,
  responses: { 200: json(shopSettingsSchema, 'The settings'), ...errors(401, 403) },
})

const update = createRoute({
  method: 'patch',
  path: '/v1/settings',
  tags,
  summary: 'Change the shop name, widget appearance, allowed origins or identity requirement (owner/admin)',
  description: 'Only the fields sent change. `widget.logoUrl: null` removes the logo. Audited.',
  middleware,
  request: jsonBody(updateShopSettingsSchema),
  responses: { 200: json(shopSettingsSchema, 'The settings after the change'), ...errors(400, 401, 403) },
})

export function registerShopSettings(app: App) {
  app.openapi(get, async (c) =>
    c.json(await shopSettings(c.var.services.db, c.var.auth.tenantId, kefuUrl(c)), 200),
  )

  app.openapi(update, async (c) => {
    const { db } = c.var.services
    const { tenantId, agentId } = c.var.auth
    await updateShopSettings(db, { tenantId, agentId, change: c.req.valid('json') })
    return c.json(await shopSettings(db, tenantId, kefuUrl(c)), 200)
  })
}

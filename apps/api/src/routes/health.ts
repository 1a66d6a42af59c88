import { createRoute, z } from '@hono/zod-openapi'
import { errorBodySchema } from '@kefu/protocol'
import type { App } from '../app.ts'
import { KefuError } from '../errors.ts'

const healthSchema = z.object({ status: z.literal('ok'), database: z.literal('ok') }).meta({ id: 'Health' })

const route = createRoute({
  method: 'get',
  path: '/healthz',
  tags: ['Operations'],
  summary: 'Liveness and database check',
  responses: {
    200: {
      description: 'Kefu and its database answer',
      content: { 'application/json': { schema: healthSchema } },
    },
    503: {
      description: 'The database does not answer',
      content: { 'application/json': { schema: errorBodySchema } },
    },
  },
})

export function registerHealth(app: App) {
  app.openapi(route, async (c) => {
    try {
      await c.var.services.ping()
    } catch (err) {
      console.error('[api] health check: database did not answer:', (err as Error).message)
      throw new KefuError('service_unavailable', 'The database does not answer')
    }
    return c.json({ status: 'ok' as const, database: 'ok' as const }, 200)
  })
}

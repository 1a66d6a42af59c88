import { deliveryIdSchema, tenantIdSchema, webhookTypes } from '@kefu/protocol/shop'

/**
 * True for a well-formed envelope whose `type` this SDK does not know (added by a newer Kefu),
 * false for anything else, including a known type with bad data.
 */
export function isUnknownWebhookType(json: unknown): boolean {
  if (typeof json !== 'object' || json === null) return false
  const { id, type, tenant } = json as Record<string, unknown>
  return (
    typeof type === 'string' &&
    /^[a-z_]+\.[a-z_.]+$/.test(type) &&
    !(webhookTypes as readonly string[]).includes(type) &&
    deliveryIdSchema.safeParse(id).success &&
    tenantIdSchema.safeParse(tenant).success
  )
}

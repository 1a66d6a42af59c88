import type { Published } from '../domain/conversations.ts'
import type { Services } from '../services.ts'

/** Hands the events of a committed write to the realtime hub and returns the write's value. */
export function published<T>(services: Services, result: Published<T>): T {
  services.realtime.publish(result.tenantId, result.eventIds)
  return result.value
}

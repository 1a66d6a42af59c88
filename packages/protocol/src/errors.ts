import { z } from 'zod'

/** Every error code Kefu answers with, and the HTTP status it maps to. The one place codes live. */
export const errorStatus = {
  invalid_request: 400,
  invalid_json: 400,
  unauthorized: 401,
  invalid_credentials: 401,
  identity_invalid: 401,
  forbidden: 403,
  identity_required: 403,
  origin_not_allowed: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal_error: 500,
  /** The shop's backend answered wrongly or not at all. */
  shop_error: 502,
  /** Kefu is not calling the shop: not configured, or paused after repeated failures. */
  shop_unavailable: 503,
  service_unavailable: 503,
} as const

export type ErrorCode = keyof typeof errorStatus

export const errorCodeSchema = z.enum(Object.keys(errorStatus) as [ErrorCode, ...ErrorCode[]])

export const errorBodySchema = z
  .object({
    error: z.object({
      code: errorCodeSchema,
      message: z.string(),
      requestId: z.string(),
      /** For validation errors: the failing field as a dotted path (`body.email`). */
      field: z.string().optional(),
    }),
  })
  .meta({ id: 'Error' })

export type ErrorBody = z.infer<typeof errorBodySchema>

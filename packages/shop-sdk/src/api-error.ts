import { errorBodySchema } from '@kefu/protocol/errors'
import { z } from 'zod'

// Kefu's error body, read tolerantly: a newer Kefu may answer with a code this SDK does not
// list yet, and that must still surface as that code rather than as a parse failure.
const apiErrorBodySchema = z.object({
  error: errorBodySchema.shape.error.extend({ code: z.string(), requestId: z.string().optional() }),
})

/**
 * A failed Shop API call. `status` is the HTTP status, or 0 when no answer came
 * (`network_error`, `timeout`) or the request was refused before sending (`invalid_request`).
 * `code`, `message` and `requestId` come from Kefu's `{"error": {…}}` body when there is one;
 * quote `requestId` when asking Kefu's operator about a failure.
 */
export class KefuApiError extends Error {
  override readonly name = 'KefuApiError'
  readonly status: number
  readonly code: string
  readonly requestId: string | undefined
  /** For validation errors: the failing field as a dotted path. */
  readonly field: string | undefined

  constructor(init: {
    status: number
    code: string
    message: string
    requestId?: string | undefined
    field?: string | undefined
    cause?: unknown
  }) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause })
    this.status = init.status
    this.code = init.code
    this.requestId = init.requestId
    this.field = init.field
  }

  /** Reads Kefu's error body; falls back to `http_<status>` for a body that is not one. */
  static async fromResponse(response: Response): Promise<KefuApiError> {
    const text = await response.text().catch(() => '')
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      json = undefined
    }
    const parsed = apiErrorBodySchema.safeParse(json)
    const headerRequestId = response.headers.get('X-Request-Id') ?? undefined
    if (parsed.success) {
      const { code, message, requestId, field } = parsed.data.error
      return new KefuApiError({
        status: response.status,
        code,
        message,
        requestId: requestId ?? headerRequestId,
        field,
      })
    }
    return new KefuApiError({
      status: response.status,
      code: `http_${response.status}`,
      message: `Kefu answered ${response.status} ${response.statusText}`.trim(),
      requestId: headerRequestId,
    })
  }
}

import { type ErrorCode, errorStatus } from '@kefu/protocol'

/** An error as a value: a code the client can branch on, a message a person can read. */
export class KefuError extends Error {
  readonly code: ErrorCode
  readonly field: string | undefined
  readonly headers: Record<string, string>

  constructor(
    code: ErrorCode,
    message: string,
    options: { field?: string; headers?: Record<string, string> } = {},
  ) {
    super(message)
    this.name = 'KefuError'
    this.code = code
    this.field = options.field
    this.headers = options.headers ?? {}
  }

  get status(): number {
    return errorStatus[this.code]
  }
}

export const notFound = (what: string) => new KefuError('not_found', `${what} not found`)
export const forbidden = (message = 'You do not have permission to do this') =>
  new KefuError('forbidden', message)

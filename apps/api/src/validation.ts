import type { ZodError } from 'zod'
import { KefuError } from './errors.ts'

const targetNames: Record<string, string> = {
  json: 'body',
  query: 'query',
  param: 'path',
  header: 'header',
  cookie: 'cookie',
  form: 'body',
}

/** Turns the first zod issue into a 400 that names the failing field, e.g. `body.email`. */
export function validationError(target: string, error: ZodError): KefuError {
  const issue = error.issues[0]
  const path = [targetNames[target] ?? target, ...(issue?.path ?? []).map(String)].join('.')
  const message = issue ? `${path}: ${issue.message}` : `Invalid ${path}`
  return new KefuError('invalid_request', message, { field: path })
}

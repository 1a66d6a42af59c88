import { errorBodySchema } from '@kefu/protocol'
import type { ZodType } from 'zod'

const errorDescriptions: Record<number, string> = {
  400: 'A field is missing or malformed (the error names it)',
  401: 'Not authenticated',
  403: 'Not allowed',
  404: 'Not found (or not yours)',
  409: 'Conflicts with what is stored',
  413: 'Too large',
  415: 'Unsupported file type',
  429: 'Too many requests (see Retry-After)',
}

/** The error responses a route can give, each with the one error body. */
export function errors(...statuses: number[]) {
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      {
        description: errorDescriptions[s] ?? 'Error',
        content: { 'application/json': { schema: errorBodySchema } },
      },
    ]),
  )
}

export const jsonBody = <T extends ZodType>(schema: T) => ({
  body: { required: true, content: { 'application/json': { schema } } },
})

export const json = <T extends ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
})

export const bearerVisitor = [{ visitorToken: [] }]

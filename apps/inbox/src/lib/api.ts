import type { ErrorBody } from '@kefu/protocol'

/** An error answer from the API, with the code and failing field the server named. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message)
  }
}

/** Called when any request answers 401: the session is gone. */
let onUnauthorized: () => void = () => {}
export function whenUnauthorized(handler: () => void) {
  onUnauthorized = handler
}

/** JSON in, JSON out, cookies along; errors become `ApiError`. */
export async function api<T>(
  path: string,
  init: {
    method?: string
    body?: unknown
    raw?: Blob | File
    query?: Record<string, string | undefined>
  } = {},
): Promise<T> {
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(init.query ?? {})) if (v !== undefined && v !== '') params.set(k, v)
  const url = params.size ? `${path}?${params}` : path
  const headers: Record<string, string> = {}
  let body: BodyInit | undefined
  if (init.raw) {
    headers['content-type'] = init.raw.type || 'application/octet-stream'
    body = init.raw
  } else if (init.body !== undefined) {
    headers['content-type'] = 'application/json'
    body = JSON.stringify(init.body)
  }
  let res: Response
  try {
    res = await fetch(url, {
      method: init.method ?? (body ? 'POST' : 'GET'),
      headers,
      body,
      credentials: 'same-origin',
    })
  } catch {
    throw new ApiError(0, 'network', 'network')
  }
  if (res.ok) return (await res.json()) as T
  const error = ((await res.json().catch(() => null)) as ErrorBody | null)?.error
  if (res.status === 401 && !path.startsWith('/v1/auth/')) onUnauthorized()
  throw new ApiError(res.status, error?.code ?? 'http_error', error?.message ?? res.statusText, error?.field)
}

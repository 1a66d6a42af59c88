/**
 * Adapts a fetch-style handler to Node's `http` / Express `(req, res)`. Only types come from
 * `node:http`, so importing the SDK stays safe on Workers and Bun.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { WebhookHandler } from './handler.ts'

export type NodeListener = (req: IncomingMessage, res: ServerResponse) => Promise<void>

export interface NodeListenerOptions {
  /** Bodies larger than this are refused with 413 without reading on. Default 1 MiB. */
  maxBodyBytes?: number
  logger?: { error: (...args: unknown[]) => void }
}

/** What Express's body parsers leave on the request. */
type MaybeParsedRequest = IncomingMessage & { body?: unknown; _body?: boolean }

const BODY_ALREADY_PARSED =
  'The Kefu webhook needs the raw request body to check its signature, but a body parser ' +
  '(e.g. express.json()) already consumed it. Mount the Kefu route before express.json(), ' +
  "or give this route express.raw({ type: 'application/json' })."

export function toNodeListener(handler: WebhookHandler, options: NodeListenerOptions = {}): NodeListener {
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024
  const logger = options.logger ?? console

  return async (req, res) => {
    try {
      const body = await readRawBody(req as MaybeParsedRequest, maxBodyBytes)
      if (body === 'too_large') {
        return send(res, 413, 'body_too_large', `the body is larger than ${maxBodyBytes} bytes`)
      }
      if (body === 'already_parsed') {
        logger.error(`[kefu] ${BODY_ALREADY_PARSED}`)
        return send(res, 500, 'raw_body_unavailable', BODY_ALREADY_PARSED)
      }
      const response = await handler(toRequest(req, body))
      res.statusCode = response.status
      for (const [name, value] of response.headers) res.setHeader(name, value)
      res.end(new Uint8Array(await response.arrayBuffer()))
    } catch (error) {
      logger.error('[kefu] webhook handling failed', error)
      if (!res.headersSent) send(res, 500, 'internal_error', 'the webhook handler failed')
      else res.destroy()
    }
  }
}

async function readRawBody(
  req: MaybeParsedRequest,
  maxBodyBytes: number,
): Promise<Uint8Array | 'too_large' | 'already_parsed'> {
  // express.raw() and express.text() keep the exact bytes, which is all we need.
  if (req.body instanceof Uint8Array) return req.body
  if (typeof req.body === 'string') return new TextEncoder().encode(req.body)
  if (req._body === true || req.readableEnded) return 'already_parsed'

  const chunks: Uint8Array[] = []
  let size = 0
  for await (const chunk of req) {
    const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : (chunk as Uint8Array)
    size += bytes.byteLength
    if (size > maxBodyBytes) return 'too_large'
    chunks.push(bytes)
  }
  const body = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    body.set(chunk, offset)
    offset += chunk.byteLength
  }
  return body
}

function toRequest(req: IncomingMessage, body: Uint8Array): Request {
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item)
  }
  const method = req.method ?? 'GET'
  // The handler never routes on the URL, so a fixed origin avoids trusting the Host header.
  const url = new URL(req.url ?? '/', 'http://localhost')
  const hasBody = method !== 'GET' && method !== 'HEAD'
  return new Request(url, { method, headers, body: hasBody ? new Uint8Array(body) : undefined })
}

function send(res: ServerResponse, status: number, code: string, message: string): void {
  res.statusCode = status
  res.setHeader('Content-Type', 'application/json')
  res.end(JSON.stringify({ error: { code, message } }))
}

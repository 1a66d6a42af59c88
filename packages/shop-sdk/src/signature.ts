/**
 * The `Kefu-Signature` header: `t=<unix seconds>,v1=<hex HMAC-SHA256(whsec, "<t>.<raw body>")>`.
 * The timestamp is signed with the body, so a captured request cannot be replayed after the
 * tolerance window; the HMAC key is the whole `whsec_…` string as UTF-8.
 */
import { hmacSha256Hex, timingSafeEqualHex, toBytes } from './hmac.ts'

export const SIGNATURE_HEADER = 'Kefu-Signature'
export const DEFAULT_TOLERANCE_SECONDS = 300

export type SignatureErrorCode =
  | 'signature_missing'
  | 'signature_malformed'
  | 'signature_mismatch'
  | 'timestamp_out_of_range'

export type SignatureCheck =
  | { ok: true; timestamp: number }
  | { ok: false; code: SignatureErrorCode; message: string }

export interface VerifySignatureOptions {
  /** The request body exactly as received, before any JSON parsing. */
  rawBody: string | Uint8Array
  /** The `Kefu-Signature` header value. */
  header: string | null | undefined
  /** One secret, or several while a rotated secret overlaps the old one. */
  secrets: string | readonly string[]
  toleranceSeconds?: number
  /** The current time (tests). */
  now?: Date
}

/** Signs a body the way Kefu does; returns the `Kefu-Signature` header value. */
export async function signPayload(
  secret: string,
  rawBody: string | Uint8Array,
  timestamp: number = Math.floor(Date.now() / 1000),
): Promise<string> {
  return `t=${timestamp},v1=${await hmacSha256Hex(secret, signedContent(timestamp, rawBody))}`
}

/**
 * Checks a `Kefu-Signature` header against one or more secrets. Never throws on bad input:
 * the result carries an error code the caller maps to a 401.
 */
export async function verifySignature(options: VerifySignatureOptions): Promise<SignatureCheck> {
  const secrets = typeof options.secrets === 'string' ? [options.secrets] : options.secrets
  if (secrets.length === 0 || secrets.some((secret) => secret.length === 0)) {
    throw new TypeError('verifySignature: configure at least one non-empty webhook secret')
  }
  const header = options.header?.trim()
  if (!header) return failure('signature_missing', `the ${SIGNATURE_HEADER} header is missing`)

  const parsed = parseSignatureHeader(header)
  if (!parsed) {
    return failure('signature_malformed', `expected ${SIGNATURE_HEADER}: t=<unix seconds>,v1=<hex>`)
  }

  const content = signedContent(parsed.timestamp, options.rawBody)
  let matched = false
  for (const secret of secrets) {
    const expected = await hmacSha256Hex(secret, content)
    // Check every pair without stopping early, so timing does not tell which secret matched.
    for (const candidate of parsed.signatures) {
      if (timingSafeEqualHex(expected, candidate)) matched = true
    }
  }
  if (!matched) return failure('signature_mismatch', 'the signature does not match the body')

  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000)
  if (Math.abs(now - parsed.timestamp) > tolerance) {
    return failure('timestamp_out_of_range', `the signature timestamp is more than ${tolerance} s off`)
  }
  return { ok: true, timestamp: parsed.timestamp }
}

/**
 * `t=…,v1=…[,v1=…]`. Several `v1` entries are allowed (a sender signing with both secrets
 * during rotation); unknown schemes such as a future `v2` are ignored.
 */
function parseSignatureHeader(header: string): { timestamp: number; signatures: string[] } | null {
  let timestamp: number | undefined
  const signatures: string[] = []
  for (const part of header.split(',')) {
    const separator = part.indexOf('=')
    if (separator <= 0) return null
    const key = part.slice(0, separator).trim()
    const value = part.slice(separator + 1).trim()
    if (key === 't') {
      if (timestamp !== undefined || !/^\d{1,12}$/.test(value)) return null
      timestamp = Number(value)
    } else if (key === 'v1') {
      if (!/^[0-9a-fA-F]{64}$/.test(value)) return null
      signatures.push(value.toLowerCase())
    }
  }
  if (timestamp === undefined || signatures.length === 0) return null
  return { timestamp, signatures }
}

function signedContent(timestamp: number, rawBody: string | Uint8Array): Uint8Array {
  const prefix = toBytes(`${timestamp}.`)
  const body = toBytes(rawBody)
  const content = new Uint8Array(prefix.length + body.length)
  content.set(prefix)
  content.set(body, prefix.length)
  return content
}

function failure(code: SignatureErrorCode, message: string): SignatureCheck {
  return { ok: false, code, message }
}

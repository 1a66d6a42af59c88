/** HMAC-SHA256 over Web Crypto, so the SDK runs unchanged in Node 20, Workers, Deno and Bun. */

const encoder = new TextEncoder()

/** Bytes of a string (UTF-8) or the bytes themselves. */
export function toBytes(input: string | Uint8Array): Uint8Array<ArrayBuffer> {
  if (typeof input === 'string') return encoder.encode(input)
  return new Uint8Array(input)
}

/** Lower-case hex of HMAC-SHA256(key = UTF-8 of `secret`, message). */
export async function hmacSha256Hex(secret: string, message: string | Uint8Array): Promise<string> {
  const key = await globalThis.crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  )
  const mac = await globalThis.crypto.subtle.sign('HMAC', key, toBytes(message))
  return toHex(new Uint8Array(mac))
}

/** Lower-case hex of SHA-256(bytes). */
export async function sha256Hex(message: string | Uint8Array): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', toBytes(message))
  return toHex(new Uint8Array(digest))
}

function toHex(bytes: Uint8Array): string {
  let hex = ''
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0')
  return hex
}

/**
 * Compares two hex strings in time that depends only on their length (which is public:
 * always 64 for SHA-256), so a caller cannot learn a valid signature byte by byte.
 */
export function timingSafeEqualHex(a: string, b: string): boolean {
  if (a.length !== b.length) return false
  let difference = 0
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i)
  return difference === 0
}

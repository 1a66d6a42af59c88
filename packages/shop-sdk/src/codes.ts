/**
 * Delivered codes never reach Kefu in clear: the shop sends a masked form for people to read
 * and a keyed fingerprint that lets Kefu match a code a buyer pastes into the chat.
 */
import { hmacSha256Hex } from './hmac.ts'

/**
 * The canonical form of a code: NFKC (full-width `ＡＢ－１` typed with a Chinese IME becomes
 * `AB-1`), then every whitespace character and dash removed, then upper case.
 * For ASCII codes this equals PHP's `strtoupper(preg_replace('/[\s\-]+/', '', $code))`.
 */
export function normaliseCode(code: string): string {
  return code
    .normalize('NFKC')
    .replace(/[\s\-\u2010-\u2015\u2212]+/g, '')
    .toUpperCase()
}

/**
 * hex HMAC-SHA256(webhook secret, normalised code): the `fingerprint` of an order code.
 * Use the current `whsec_…`; Kefu computes the same value from a code pasted in chat.
 */
export function fingerprintCode(secret: string, code: string): Promise<string> {
  return hmacSha256Hex(secret, normaliseCode(code))
}

const MASK = '****'

/**
 * The readable form of a code: the first 2 and last 4 characters of the normalised code
 * around a fixed `****` (which hides the length), e.g. `ABCD-EFGH-9Z1Q` → `AB****9Z1Q`.
 * Codes shorter than 12 characters show at most half of their characters.
 */
export function maskCode(code: string): string {
  const normalised = normaliseCode(code)
  const visible = Math.min(6, Math.floor(normalised.length / 2))
  const head = Math.min(2, Math.floor(visible / 3))
  const tail = visible - head
  return normalised.slice(0, head) + MASK + normalised.slice(normalised.length - tail)
}

import { hmacSha256Hex } from './hmac.ts'

/**
 * The `hash` for the widget's `kefu('identify', { id: userId, hash })`: hex
 * HMAC-SHA256(identity secret, userId). Compute it on the server; never ship the secret
 * to the browser. Kefu then trusts `userId` for order look-ups by customer id.
 */
export function signIdentity(identitySecret: string, userId: string): Promise<string> {
  if (identitySecret.length === 0) throw new TypeError('signIdentity: the identity secret is empty')
  return hmacSha256Hex(identitySecret, userId)
}

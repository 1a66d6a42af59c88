/** Prefixed ids: the prefix says what a leaked or logged id is (`ten_…`, `agt_…`). */
export const idPrefixes = {
  tenant: 'ten',
  agent: 'agt',
  session: 'ses',
  key: 'key',
  secret: 'sec',
  request: 'req',
  audit: 'aud',
  delivery: 'dlv',
  visitor: 'vis',
  visitorToken: 'vt',
  conversation: 'cnv',
  message: 'msg',
  attachment: 'att',
  cannedReply: 'cr',
  accountToken: 'atk',
  orderAction: 'act',
  ticket: 'tkt',
} as const

export type IdKind = keyof typeof idPrefixes

const alphabet = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'

/** Random base58 text; 22 characters carry ~128 bits. */
export function randomBase58(length: number): string {
  const bytes = new Uint8Array(length)
  globalThis.crypto.getRandomValues(bytes)
  let out = ''
  // 58 * 4 = 232 < 256: reject the top bytes so every character is equally likely.
  for (let i = 0; out.length < length; i++) {
    if (i === bytes.length) {
      globalThis.crypto.getRandomValues(bytes)
      i = 0
    }
    const b = bytes[i]!
    if (b < 232) out += alphabet[b % 58]
  }
  return out
}

export function newId(kind: IdKind): string {
  return `${idPrefixes[kind]}_${randomBase58(22)}`
}

export function hasPrefix(id: string, kind: IdKind): boolean {
  return id.startsWith(`${idPrefixes[kind]}_`)
}

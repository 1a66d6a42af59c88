import { randomInt } from 'node:crypto'

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'

/** A dujiaoka-style order number: 16 random upper-case letters and digits (`strtoupper(Str::random(16))`). */
export function newOrderNo(): string {
  let orderNo = ''
  for (let i = 0; i < 16; i++) orderNo += ALPHABET[randomInt(ALPHABET.length)]
  return orderNo
}

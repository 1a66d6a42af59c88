import { createHash, createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { hmacSha256Hex, sha256Hex, timingSafeEqualHex } from './hmac.ts'

describe('hmacSha256Hex and sha256Hex', () => {
  it('agree with node:crypto, including for non-ASCII keys and messages', async () => {
    const key = 'whsec_密钥'
    const message = '订单 DJK7Q2M9X4LP8W1Z'
    expect(await hmacSha256Hex(key, message)).toBe(createHmac('sha256', key).update(message).digest('hex'))
    expect(await sha256Hex(message)).toBe(createHash('sha256').update(message).digest('hex'))
  })
})

describe('timingSafeEqualHex', () => {
  it('is true only for equal strings', () => {
    expect(timingSafeEqualHex('ab12', 'ab12')).toBe(true)
    expect(timingSafeEqualHex('ab12', 'ab13')).toBe(false)
    expect(timingSafeEqualHex('ab12', 'bb12')).toBe(false)
    expect(timingSafeEqualHex('ab12', 'ab1')).toBe(false)
    expect(timingSafeEqualHex('', '')).toBe(true)
  })
})

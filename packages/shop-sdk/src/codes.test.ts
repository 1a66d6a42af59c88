import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { fingerprintCode, maskCode, normaliseCode } from './codes.ts'

describe('normaliseCode', () => {
  it.each([
    ['  abcd-efgh-9z1q  ', 'ABCDEFGH9Z1Q'],
    ['ABCD EFGH 9Z1Q', 'ABCDEFGH9Z1Q'],
    ['abcd\tefgh\n9z1q', 'ABCDEFGH9Z1Q'],
    // Full-width letters, full-width hyphen and ideographic space, as a Chinese IME types them.
    ['ＡＢＣＤ－ＥＦＧＨ\u30009Z1Q', 'ABCDEFGH9Z1Q'],
    // An en dash from an email client that "prettified" the hyphens.
    ['ABCD–EFGH–9Z1Q', 'ABCDEFGH9Z1Q'],
    ['x_y.z', 'X_Y.Z'],
  ])('%j → %s', (input, expected) => {
    expect(normaliseCode(input)).toBe(expected)
  })
})

describe('fingerprintCode', () => {
  const secret = 'whsec_test_5f2b8c'
  const vector = 'd2440b13b1481ae845d31f73173ce9a89ac433d0d5564fec353d8d50a39aa11e'

  it('is hex HMAC-SHA256(secret, normalised code)', async () => {
    expect(createHmac('sha256', secret).update('ABCDEFGH9Z1Q').digest('hex')).toBe(vector)
    expect(await fingerprintCode(secret, 'ABCDEFGH9Z1Q')).toBe(vector)
  })

  it('is the same however the buyer types the code', async () => {
    expect(await fingerprintCode(secret, ' abcd-efgh 9z1q ')).toBe(vector)
  })

  it('depends on the secret', async () => {
    expect(await fingerprintCode('whsec_other', 'ABCDEFGH9Z1Q')).not.toBe(vector)
  })
})

describe('maskCode', () => {
  it.each([
    ['ABCD-EFGH-9Z1Q', 'AB****9Z1Q'],
    ['abcd efgh 9z1q xyz7', 'AB****XYZ7'],
    ['ABCDEF9Z1Q', 'A****9Z1Q'],
    ['ABC123', 'A****23'],
    ['AB', '****B'],
    ['A', '****'],
    ['', '****'],
  ])('%j → %s', (input, expected) => {
    expect(maskCode(input)).toBe(expected)
  })

  it('never shows more than half of a code', () => {
    for (let length = 1; length <= 40; length++) {
      const code = 'K'.repeat(length)
      const shown = maskCode(code).replace('****', '').length
      expect(shown).toBeLessThanOrEqual(length / 2)
    }
  })
})

import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { signIdentity } from './identity.ts'

describe('signIdentity', () => {
  it('is hex HMAC-SHA256(identity secret, userId)', async () => {
    const vector = 'cff9bb655882381e727d6f41d2ab3bda3e33e66b9e4ce3f9fd5bde4d2692b72e'
    expect(createHmac('sha256', 'idsec_test_9d1e').update('u_42').digest('hex')).toBe(vector)
    expect(await signIdentity('idsec_test_9d1e', 'u_42')).toBe(vector)
    expect(await signIdentity('idsec_test_9d1e', 'u_43')).not.toBe(vector)
  })

  it('refuses an empty secret', () => {
    expect(() => signIdentity('', 'u_42')).toThrow(TypeError)
  })
})

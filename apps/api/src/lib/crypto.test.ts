import { describe, expect, it } from 'vitest'
import { SecretBox } from './master-key.ts'
import { generatePassword, hashPassword, verifyPassword } from './password.ts'

describe('passwords', () => {
  it('hashes with scrypt and verifies only the right password', async () => {
    const hash = await hashPassword('密码 correct horse')
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$/)
    expect(hash).not.toContain('correct')
    expect(await verifyPassword('密码 correct horse', hash)).toBe(true)
    expect(await verifyPassword('密码 correct hors', hash)).toBe(false)
    expect(await verifyPassword('x', 'garbage')).toBe(false)
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'))
  })

  it('generates typeable passwords', () => {
    expect(generatePassword()).toMatch(/^[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){3}$/)
  })
})

describe('secret box', () => {
  const box = SecretBox.parse(Buffer.alloc(32, 1).toString('base64'))
  it('round-trips and refuses tampering or another key', () => {
    const sealed = box.seal('whsec_abc')
    expect(sealed).not.toContain('whsec')
    expect(box.open(sealed)).toBe('whsec_abc')
    const parts = sealed.split('.')
    parts[3] = Buffer.from('whsec_abd').toString('base64url')
    expect(() => box.open(parts.join('.'))).toThrow()
    expect(() => SecretBox.parse('a'.repeat(64)).open(sealed)).toThrow()
  })
  it('refuses a master key of the wrong size', () => {
    expect(() => SecretBox.parse('c2hvcnQ=')).toThrow('32 bytes')
  })
})

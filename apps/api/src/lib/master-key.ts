import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto'
import { constantTimeEqual } from './tokens.ts'

/**
 * Encrypts the secrets Kefu has to use in clear (webhook and identity secrets) with the
 * deployment's master key: AES-256-GCM, `v1.<iv>.<tag>.<ciphertext>` in base64url.
 */
export class SecretBox {
  readonly #key: Buffer

  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error('The master key must be 32 bytes')
    this.#key = key
  }

  /** A MAC over `value` with a key derived for `purpose`, e.g. signed attachment links. */
  sign(purpose: string, value: string): string {
    const key = Buffer.from(hkdfSync('sha256', this.#key, Buffer.alloc(0), `kefu:${purpose}`, 32))
    return createHmac('sha256', key).update(value).digest('base64url')
  }

  verify(purpose: string, value: string, signature: string): boolean {
    return constantTimeEqual(this.sign(purpose, value), signature)
  }

  static parse(text: string): SecretBox {
    const trimmed = text.trim()
    const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64')
    if (key.length !== 32) throw new Error('KEFU_MASTER_KEY must be 32 bytes, as 64 hex characters or base64')
    return new SecretBox(key)
  }

  static generateKeyText(): string {
    return randomBytes(32).toString('base64')
  }

  seal(plaintext: string): string {
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv)
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
    const parts = [iv, cipher.getAuthTag(), data].map((b) => b.toString('base64url'))
    return `v1.${parts.join('.')}`
  }

  open(sealed: string): string {
    const [version, iv, tag, data] = sealed.split('.')
    if (version !== 'v1' || !iv || !tag || data === undefined) throw new Error('Unknown sealed secret format')
    const decipher = createDecipheriv('aes-256-gcm', this.#key, Buffer.from(iv, 'base64url'))
    decipher.setAuthTag(Buffer.from(tag, 'base64url'))
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8')
  }
}

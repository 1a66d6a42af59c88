import { describe, expect, it } from 'vitest'
import { maskContact, maskEmail } from './masking.ts'

describe('masking', () => {
  it('keeps the first letter and the domain of an email', () => {
    expect(maskEmail('li@example.com')).toBe('l*@example.com')
    expect(maskEmail('a.very.long.name@qq.com')).toBe('a*@qq.com')
  })

  it('keeps the ends of a contact and hides short ones entirely', () => {
    expect(maskContact('2846091375')).toBe('28****75')
    expect(maskContact('1234')).toBe('****')
    expect(maskEmail('not-an-email')).toBe('no****il')
  })
})

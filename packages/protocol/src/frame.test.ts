import { describe, expect, it } from 'vitest'
import { frameIdentitySchema, frameLocaleSchema, hostToFrameSchema } from './frame.ts'
import { frameToHostSchema } from './frame-host.ts'
import { identifySchema, localeSchema } from './widget.ts'

const hash = 'ab'.repeat(32)

describe('loader ↔ frame messages', () => {
  it('knows the same locales as the REST API', () => {
    expect(frameLocaleSchema.options).toEqual(localeSchema.options)
  })

  it('accepts an init from the loader and refuses one without a public key', () => {
    const init = {
      type: 'kefu:init',
      payload: { publicKey: 'pk_live_x', page: { url: 'https://shop.example/' }, open: false },
    }
    expect(hostToFrameSchema.safeParse(init).success).toBe(true)
    const stolen = { ...init, payload: { ...init.payload, publicKey: 'sk_live_x' } }
    expect(hostToFrameSchema.safeParse(stolen).success).toBe(false)
  })

  it('refuses unknown types, missing payloads and foreign namespaces', () => {
    expect(hostToFrameSchema.safeParse({ type: 'kefu:eval', payload: {} }).success).toBe(false)
    expect(hostToFrameSchema.safeParse({ type: 'kefu:locale' }).success).toBe(false)
    expect(hostToFrameSchema.safeParse({ type: 'open' }).success).toBe(false)
    expect(hostToFrameSchema.safeParse('kefu:open').success).toBe(false)
    expect(hostToFrameSchema.safeParse({ type: 'kefu:open' }).success).toBe(true)
  })

  it('checks identities the way the identify route does', () => {
    const good = { userId: 'u_42', userHash: hash, name: 'Li', email: 'li@example.com' }
    expect(frameIdentitySchema.safeParse(good).success).toBe(true)
    expect(identifySchema.safeParse(good).success).toBe(true)
    for (const bad of [
      { userId: '', userHash: hash },
      { userId: 'u_42', userHash: 'nothex' },
    ]) {
      expect(frameIdentitySchema.safeParse(bad).success).toBe(false)
      expect(identifySchema.safeParse(bad).success).toBe(false)
    }
  })

  it('lets the frame tell the page only counts and kinds, never text', () => {
    expect(frameToHostSchema.safeParse({ type: 'kefu:unread', payload: { count: 2 } }).success).toBe(true)
    expect(frameToHostSchema.safeParse({ type: 'kefu:unread', payload: { count: -1 } }).success).toBe(false)
    const withText = frameToHostSchema.parse({
      type: 'kefu:message',
      payload: { conversationId: 'cnv_1', author: 'agent', text: 'your code is XXXX' },
    })
    expect(JSON.stringify(withText)).not.toContain('XXXX')
    expect(
      frameToHostSchema.safeParse({ type: 'kefu:theme', payload: { color: 'red;x', position: 'right' } })
        .success,
    ).toBe(false)
  })
})

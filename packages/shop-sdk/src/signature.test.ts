import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { signPayload, verifySignature } from './signature.ts'

const secret = 'whsec_test_5f2b8c'
const body =
  '{"id":"dlv_test1","type":"order.lookup","tenant":"ten_demo","created":1764000000,' +
  '"data":{"orderNo":"DJK7Q2M9X4LP8W1Z","contact":"li@example.com"}}'
const t = 1764000000
const now = new Date(t * 1000)
// Computed once with node:crypto; PHP's hash_hmac('sha256', "$t.$body", $secret) gives the same.
const vector = 'a01c6ee29a795b50bbfc7917223db3eea0ccaf7abecd4920401faeb984d9e0fd'

describe('signPayload', () => {
  it('matches HMAC-SHA256 computed by node:crypto over "<t>.<body>"', async () => {
    const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')
    expect(expected).toBe(vector)
    expect(await signPayload(secret, body, t)).toBe(`t=${t},v1=${vector}`)
  })

  it('signs bytes the same as the string they encode', async () => {
    const bytes = new TextEncoder().encode(body)
    expect(await signPayload(secret, bytes, t)).toBe(`t=${t},v1=${vector}`)
  })

  it('uses the current time by default', async () => {
    const before = Math.floor(Date.now() / 1000)
    const header = await signPayload(secret, body)
    const signedAt = Number(/^t=(\d+),/.exec(header)?.[1])
    expect(signedAt).toBeGreaterThanOrEqual(before)
    expect(signedAt).toBeLessThanOrEqual(before + 2)
  })
})

describe('verifySignature', () => {
  const verify = (header: string | null, overrides: Partial<Parameters<typeof verifySignature>[0]> = {}) =>
    verifySignature({ rawBody: body, header, secrets: secret, now, ...overrides })

  it('accepts a valid signature', async () => {
    expect(await verify(`t=${t},v1=${vector}`)).toEqual({ ok: true, timestamp: t })
  })

  it('accepts upper-case hex and spaces after commas', async () => {
    expect((await verify(`t=${t}, v1=${vector.toUpperCase()}`)).ok).toBe(true)
  })

  it('rejects a tampered body', async () => {
    const tampered = body.replace('li@example.com', 'me@example.com')
    const result = await verify(`t=${t},v1=${vector}`, { rawBody: tampered })
    expect(result).toMatchObject({ ok: false, code: 'signature_mismatch' })
  })

  it('rejects a signature made with another secret', async () => {
    const header = await signPayload('whsec_other', body, t)
    expect(await verify(header)).toMatchObject({ ok: false, code: 'signature_mismatch' })
  })

  it('rejects a timestamp changed after signing', async () => {
    expect(await verify(`t=${t + 1},v1=${vector}`)).toMatchObject({ code: 'signature_mismatch' })
  })

  it('rejects an old and a future timestamp beyond 300 s, accepts one at the edge', async () => {
    const old = await signPayload(secret, body, t - 301)
    const future = await signPayload(secret, body, t + 301)
    const edge = await signPayload(secret, body, t - 300)
    expect(await verify(old)).toMatchObject({ ok: false, code: 'timestamp_out_of_range' })
    expect(await verify(future)).toMatchObject({ ok: false, code: 'timestamp_out_of_range' })
    expect((await verify(edge)).ok).toBe(true)
  })

  it('honours a custom tolerance', async () => {
    const header = await signPayload(secret, body, t - 60)
    expect(await verify(header, { toleranceSeconds: 30 })).toMatchObject({ code: 'timestamp_out_of_range' })
  })

  it('reports a missing header', async () => {
    expect(await verify(null)).toMatchObject({ ok: false, code: 'signature_missing' })
    expect(await verify('  ')).toMatchObject({ ok: false, code: 'signature_missing' })
  })

  it.each([
    ['no timestamp', `v1=${vector}`],
    ['no signature', `t=${t}`],
    ['a non-numeric timestamp', `t=soon,v1=${vector}`],
    ['a short signature', `t=${t},v1=abc123`],
    ['non-hex characters', `t=${t},v1=${'z'.repeat(64)}`],
    ['two timestamps', `t=${t},t=${t},v1=${vector}`],
    ['a part without "="', `t=${t},v1=${vector},junk`],
    ['a bare hex string', vector],
  ])('reports a malformed header: %s', async (_name, header) => {
    expect(await verify(header)).toMatchObject({ ok: false, code: 'signature_malformed' })
  })

  it('accepts any of several secrets during rotation', async () => {
    const header = await signPayload('whsec_new', body, t)
    expect((await verify(header, { secrets: [secret, 'whsec_new'] })).ok).toBe(true)
    expect((await verify(header, { secrets: [secret] })).ok).toBe(false)
  })

  it('accepts a header carrying one v1 per secret, and ignores unknown schemes', async () => {
    const other = (await signPayload('whsec_other', body, t)).split('v1=')[1]
    const header = `t=${t},v1=${other},v0=legacy,v1=${vector}`
    expect((await verify(header)).ok).toBe(true)
  })

  it('throws on an empty secret list, a configuration bug', async () => {
    await expect(verify(`t=${t},v1=${vector}`, { secrets: [] })).rejects.toThrow(TypeError)
    await expect(verify(`t=${t},v1=${vector}`, { secrets: '' })).rejects.toThrow(TypeError)
  })
})

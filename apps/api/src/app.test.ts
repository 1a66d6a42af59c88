import { describeEachDatabase } from '@kefu/db/testing'
import { errorBodySchema } from '@kefu/protocol'
import { describe, expect, it } from 'vitest'
import { createHarness } from './testing/harness.ts'

describeEachDatabase('api basics', (database) => {
  const h = createHarness(database)
  const login = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    h().app.request('/v1/auth/login', { method: 'POST', headers, body })

  it('reports health with the database checked', async () => {
    const res = await h().app.request('/healthz')
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ status: 'ok', database: 'ok' })
    expect(res.headers.get('kefu-request-id')).toMatch(/^req_/)
  })

  describe('bad input answers the error body with a 4xx and no stack', () => {
    const cases: Array<[string, () => Response | Promise<Response>, number, string, string | undefined]> = [
      ['malformed JSON', () => login('{"email": "a@b.c",'), 400, 'invalid_json', 'body'],
      [
        'missing field',
        () => login(JSON.stringify({ email: 'a@b.co' })),
        400,
        'invalid_request',
        'body.password',
      ],
      [
        'wrong type',
        () => login(JSON.stringify({ email: 'a@b.co', password: 42 })),
        400,
        'invalid_request',
        'body.password',
      ],
      [
        'bad email',
        () => login(JSON.stringify({ email: 'nope', password: 'x' })),
        400,
        'invalid_request',
        'body.email',
      ],
      ['array body', () => login('[]'), 400, 'invalid_request', 'body'],
      [
        'oversized body',
        () => login(JSON.stringify({ email: 'a@b.co', password: 'x'.repeat(300_000) })),
        413,
        'payload_too_large',
        undefined,
      ],
      ['unknown route', () => h().app.request('/v1/nothing-here'), 404, 'not_found', undefined],
      ['wrong method', () => h().app.request('/v1/auth/login'), 404, 'not_found', undefined],
    ]
    for (const [name, send, status, code, field] of cases) {
      it(name, async () => {
        const res = await send()
        expect(res.status).toBe(status)
        expect(res.headers.get('content-type')).toMatch(/application\/json/)
        const text = await res.text()
        expect(text).not.toMatch(/at .+\.ts:\d+/)
        const body = errorBodySchema.parse(JSON.parse(text))
        expect(body.error.code).toBe(code)
        expect(body.error.requestId).toBe(res.headers.get('kefu-request-id'))
        if (field) expect(body.error.field).toBe(field)
      })
    }
  })

  it('serves the OpenAPI document and a readable docs page', async () => {
    const doc = (await (await h().app.request('/openapi.json')).json()) as {
      openapi: string
      paths: Record<string, unknown>
    }
    expect(doc.openapi).toBe('3.1.0')
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/healthz', '/v1/auth/login', '/v1/auth/logout', '/v1/me']),
    )
    const page = await h().app.request('/docs')
    expect(page.headers.get('content-type')).toMatch(/text\/html/)
    const html = await page.text()
    expect(html).toContain('/v1/auth/login')
    expect(html).toContain('Log an agent in')
  })
})

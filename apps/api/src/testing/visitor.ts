import { createHmac } from 'node:crypto'
import type { Conversation, Message, WidgetSession } from '@kefu/protocol'
import type { Harness, TestTenant } from './harness.ts'

export interface TestVisitor {
  token: string
  session: WidgetSession
  /** Calls a widget route with the visitor's bearer token. */
  request(
    path: string,
    init?: { method?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<Response>
  start(text?: string): Promise<{ conversation: Conversation; message: Message | null }>
  send(conversationId: string, text: string, clientId?: string): Promise<Response>
}

let n = 0
export const clientId = () => `cid_${Date.now().toString(36)}_${++n}`

export function identityHash(secret: string, userId: string): string {
  return createHmac('sha256', secret).update(userId).digest('hex')
}

/** Opens a widget session on the shop as the browser would from an allowed page. */
export async function openVisitor(
  h: Harness,
  shop: TestTenant,
  options: { origin?: string; token?: string } = {},
): Promise<TestVisitor> {
  const origin = options.origin ?? 'https://shop.example'
  const res = await h.app.request('/v1/widget/sessions', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({
      publicKey: shop.keys.publicKey,
      visitorToken: options.token,
      page: { url: `${origin}/p/1` },
    }),
  })
  if (res.status !== 200) throw new Error(`session failed: ${res.status} ${await res.text()}`)
  const session = (await res.json()) as WidgetSession
  return visitorFor(h, session.visitorToken, session)
}

export function visitorFor(h: Harness, token: string, session: WidgetSession): TestVisitor {
  const request: TestVisitor['request'] = (path, init = {}) =>
    Promise.resolve(
      h.app.request(path, {
        method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
        headers: {
          authorization: `Bearer ${token}`,
          ...(init.body !== undefined && { 'content-type': 'application/json' }),
          ...init.headers,
        },
        ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
      }),
    )
  return {
    token,
    session,
    request,
    async start(text) {
      const res = await request('/v1/widget/conversations', {
        body: text ? { message: { clientId: clientId(), text } } : {},
      })
      if (res.status !== 201) throw new Error(`start failed: ${res.status} ${await res.text()}`)
      return (await res.json()) as { conversation: Conversation; message: Message | null }
    },
    send(conversationId, text, id = clientId()) {
      return request(`/v1/widget/conversations/${conversationId}/messages`, { body: { clientId: id, text } })
    },
  }
}

/** An agent's request with a session cookie. */
export function agentRequest(h: Harness, cookie: string) {
  return (path: string, init: { method?: string; body?: unknown } = {}) =>
    Promise.resolve(
      h.app.request(path, {
        method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
        headers: { cookie, ...(init.body !== undefined && { 'content-type': 'application/json' }) },
        ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
      }),
    )
}

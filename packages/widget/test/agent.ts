import type { Message, ServerEvent } from '@kefu/protocol'
import WebSocket from 'ws'

export interface TestAgent {
  events: ServerEvent[]
  /** Resolves with the first event (already received or coming) that matches. */
  waitFor<T extends ServerEvent>(match: (e: ServerEvent) => e is T, timeoutMs?: number): Promise<T>
  reply(conversationId: string, text: string): Promise<Message>
  /** Shows the buyer the agent is typing (over the agent's socket). */
  typing(conversationId: string, typing: boolean): void
  messages(conversationId: string): Promise<Message[]>
  /** Any other inbox call with the agent's cookie (JSON in and out); throws on a refusal. */
  request<T>(method: string, path: string, body?: unknown): Promise<T>
  close(): void
}

let n = 0

/** An agent of the shop: its inbox WebSocket (cookie + Kefu's own Origin) and its REST calls. */
export async function connectAgent(kefuUrl: string, cookie: string): Promise<TestAgent> {
  const events: ServerEvent[] = []
  const waiters = new Set<() => void>()
  const ws = new WebSocket(`${kefuUrl.replace(/^http/, 'ws')}/v1/ws`, {
    headers: { cookie, origin: kefuUrl },
  })
  ws.on('message', (data) => {
    events.push(JSON.parse(String(data)) as ServerEvent)
    for (const w of waiters) w()
  })
  await new Promise<void>((resolve, reject) => {
    ws.once('error', reject)
    const check = () => events.some((e) => e.type === 'ready') && resolve()
    waiters.add(check)
  })
  const api = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(`${kefuUrl}${path}`, {
      ...init,
      headers: { cookie, 'content-type': 'application/json', ...init.headers },
    })
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`)
    return res.json()
  }
  return {
    events,
    waitFor(match, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = events.find(match)
          if (!found) return
          waiters.delete(check)
          clearTimeout(timer)
          resolve(found)
        }
        const timer = setTimeout(() => {
          waiters.delete(check)
          reject(
            new Error(
              `agent saw no matching event in ${timeoutMs} ms; saw ${events.map((e) => e.type).join(', ')}`,
            ),
          )
        }, timeoutMs)
        waiters.add(check)
        check()
      })
    },
    reply: (conversationId, text) =>
      api(`/v1/conversations/${conversationId}/messages`, {
        method: 'POST',
        body: JSON.stringify({ clientId: `agent_${Date.now().toString(36)}_${++n}`, text }),
      }),
    async messages(conversationId) {
      const page = (await api(`/v1/conversations/${conversationId}/messages?limit=100`)) as {
        messages: Message[]
      }
      return [...page.messages].sort((a, b) => a.seq - b.seq)
    },
    request: (method, path, body) =>
      api(path, { method, ...(body !== undefined && { body: JSON.stringify(body) }) }),
    typing: (conversationId, typing) => ws.send(JSON.stringify({ type: 'typing', conversationId, typing })),
    close: () => ws.close(),
  }
}

export const isVisitorMessage =
  (text: string) =>
  (e: ServerEvent): e is Extract<ServerEvent, { type: 'message.created' }> =>
    e.type === 'message.created' && e.message.author.type === 'visitor' && e.message.text === text

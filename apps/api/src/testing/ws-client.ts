import type { ServerEvent } from '@kefu/protocol'
import WebSocket from 'ws'

export interface TestSocket {
  ws: WebSocket
  events: ServerEvent[]
  send(frame: unknown): void
  /** Resolves with the first event (already received or coming) that matches. */
  next<T extends ServerEvent['type']>(
    type: T,
    match?: (e: Extract<ServerEvent, { type: T }>) => boolean,
    timeoutMs?: number,
  ): Promise<Extract<ServerEvent, { type: T }>>
  closed: Promise<{ code: number; reason: string }>
  close(): void
}

export function connect(url: string, headers: Record<string, string> = {}): Promise<TestSocket> {
  const ws = new WebSocket(url, { headers })
  const events: ServerEvent[] = []
  const waiters: Array<() => void> = []
  ws.on('message', (data) => {
    events.push(JSON.parse(String(data)) as ServerEvent)
    for (const w of waiters.splice(0)) w()
  })
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })),
  )
  const socket: TestSocket = {
    ws,
    events,
    closed,
    send: (frame) => ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame)),
    next(type, match = () => true, timeoutMs = 5000) {
      type E = Extract<ServerEvent, { type: typeof type }>
      const find = () => events.find((e): e is E => e.type === type && match(e as E))
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new Error(
                `no ${type} event within ${timeoutMs} ms; got ${JSON.stringify(events.map((e) => e.type))}`,
              ),
            ),
          timeoutMs,
        )
        const check = () => {
          const hit = find()
          if (hit) {
            clearTimeout(timer)
            resolve(hit)
          } else waiters.push(check)
        }
        check()
      })
    },
    close: () => ws.close(),
  }
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(socket))
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)))
    ws.once('error', reject)
  })
}

/** A visitor socket, authenticated and ready. */
export async function connectVisitor(baseUrl: string, token: string, cursor?: string): Promise<TestSocket> {
  const s = await connect(`${baseUrl.replace(/^http/, 'ws')}/v1/widget/ws`)
  s.send({ type: 'auth', token, ...(cursor && { cursor }) })
  await s.next('ready')
  return s
}

/** An agent socket with the session cookie, from the inbox's origin. */
export async function connectAgent(baseUrl: string, cookie: string): Promise<TestSocket> {
  const s = await connect(`${baseUrl.replace(/^http/, 'ws')}/v1/ws`, { cookie, origin: baseUrl })
  await s.next('ready')
  return s
}

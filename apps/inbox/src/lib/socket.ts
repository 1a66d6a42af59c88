import { type ClientFrame, type ServerEvent, serverEventSchema } from '@kefu/protocol'

export type ConnectionState = 'connecting' | 'online' | 'offline'

export interface SocketHandlers {
  onEvent(event: ServerEvent): void
  onState(state: ConnectionState): void
  /** After a reconnect's catch-up finished: refresh anything a missed page of events could hide. */
  onResumed(): void
  onUnauthorized(): void
}

const MAX_BACKOFF_MS = 15_000

/**
 * The agent's live connection: reconnects with jittered exponential backoff and, once back,
 * asks for the events it missed with `resume {cursor}`.
 */
export class AgentSocket {
  private ws: WebSocket | undefined
  private cursor: string | undefined
  private attempts = 0
  private timer: ReturnType<typeof setTimeout> | undefined
  private closed = false
  /** The first `ready` after a reconnect is the live position; the resume's `ready` comes next. */
  private readiesToSkip = 0

  constructor(private readonly handlers: SocketHandlers) {}

  connect(): void {
    this.closed = false
    const url = `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/v1/ws`
    this.handlers.onState('connecting')
    const ws = new WebSocket(url)
    this.ws = ws
    ws.onopen = () => {
      this.attempts = 0
      if (this.cursor) {
        this.readiesToSkip = 1
        this.sendNow({ type: 'resume', cursor: this.cursor })
      }
    }
    ws.onmessage = (msg) => this.receive(msg.data)
    ws.onclose = (e) => {
      if (this.ws !== ws) return
      this.ws = undefined
      if (this.closed) return
      this.handlers.onState('offline')
      if (e.code === 4401) return this.handlers.onUnauthorized()
      this.scheduleReconnect()
    }
  }

  private receive(data: unknown) {
    if (typeof data !== 'string') return
    let parsed: ReturnType<typeof serverEventSchema.safeParse>
    try {
      parsed = serverEventSchema.safeParse(JSON.parse(data))
    } catch {
      return
    }
    if (!parsed.success) return
    const event = parsed.data
    if (event.type === 'ready') {
      if (this.readiesToSkip > 0) {
        this.readiesToSkip--
        return
      }
      const resumed = this.cursor !== undefined
      this.cursor = event.cursor
      this.handlers.onState('online')
      if (resumed) this.handlers.onResumed()
      return
    }
    if (event.type === 'resync' && this.cursor) {
      this.readiesToSkip = 0
      this.sendNow({ type: 'resume', cursor: this.cursor })
      return
    }
    if ('cursor' in event) this.cursor = event.cursor
    this.handlers.onEvent(event)
  }

  private scheduleReconnect() {
    const base = Math.min(MAX_BACKOFF_MS, 500 * 2 ** this.attempts++)
    this.timer = setTimeout(() => this.connect(), base / 2 + Math.random() * (base / 2))
  }

  /** Sends if connected; typing and read frames are not worth queueing. */
  sendNow(frame: ClientFrame): boolean {
    if (this.ws?.readyState !== WebSocket.OPEN) return false
    this.ws.send(JSON.stringify(frame))
    return true
  }

  /** Drops the connection now (tests, or the browser coming back online) and reconnects soon. */
  reconnect(): void {
    clearTimeout(this.timer)
    this.ws?.close()
  }

  close(): void {
    this.closed = true
    clearTimeout(this.timer)
    this.ws?.close()
    this.ws = undefined
  }
}

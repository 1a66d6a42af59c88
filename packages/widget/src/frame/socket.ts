import type { ClientFrame, closeCodes, ServerEvent } from '@kefu/protocol'
import { backoffDelay } from './backoff.ts'

export type ConnectionState = 'offline' | 'connecting' | 'online'

interface SocketOptions {
  url: string
  token(): string | undefined
  /** The last event position seen, to catch up after a reconnect. */
  cursor(): string | undefined
  onEvent(event: ServerEvent): void
  onState(state: ConnectionState): void
  /** The token was refused (4401): open a new session, then call `start()` again. */
  onUnauthorized(): void
}

const CONNECT_TIMEOUT_MS = 10_000
/** Type-checked against the protocol's table; a value import would pull classic zod into the frame. */
const UNAUTHORIZED: typeof closeCodes.unauthorized = 4401

/**
 * The visitor's WebSocket: authenticates with its first frame, reconnects with exponential
 * backoff and jitter (at once when the browser comes back online), and reports `online` only
 * after the server's `ready` (missed events have been replayed by then).
 */
export class RealtimeSocket {
  private ws: WebSocket | undefined
  private attempt = 0
  private timer: ReturnType<typeof setTimeout> | undefined
  private running = false

  constructor(private readonly options: SocketOptions) {
    addEventListener('online', () => this.reconnectNow())
  }

  start() {
    this.running = true
    if (!this.ws) this.connect()
  }

  stop() {
    this.running = false
    clearTimeout(this.timer)
    const ws = this.ws
    this.ws = undefined
    ws?.close(1000)
    this.options.onState('offline')
  }

  /** Skips the wait when we have reason to believe the server is back. */
  reconnectNow() {
    if (!this.running || this.ws) return
    clearTimeout(this.timer)
    this.attempt = 0
    this.connect()
  }

  /** Sends a frame if the socket is ready; false means the caller should try again after `online`. */
  send(frame: ClientFrame): boolean {
    if (this.ws?.readyState !== WebSocket.OPEN) return false
    this.ws.send(JSON.stringify(frame))
    return true
  }

  private connect() {
    const token = this.options.token()
    if (!token) return
    this.options.onState('connecting')
    const ws = new WebSocket(this.options.url)
    this.ws = ws
    let ready = false
    const timeout = setTimeout(() => ws.close(4000, 'connect timeout'), CONNECT_TIMEOUT_MS)
    ws.onopen = () => {
      const cursor = this.options.cursor()
      ws.send(JSON.stringify({ type: 'auth', token, ...(cursor && { cursor }) } satisfies ClientFrame))
    }
    ws.onmessage = (message) => {
      if (this.ws !== ws || typeof message.data !== 'string') return
      let event: ServerEvent
      try {
        event = JSON.parse(message.data) as ServerEvent
      } catch {
        return
      }
      if (typeof event?.type !== 'string') return
      if (event.type === 'ready' && !ready) {
        ready = true
        clearTimeout(timeout)
        this.attempt = 0
        this.options.onEvent(event)
        this.options.onState('online')
        return
      }
      this.options.onEvent(event)
    }
    ws.onclose = (close) => {
      clearTimeout(timeout)
      if (this.ws !== ws) return
      this.ws = undefined
      this.options.onState('offline')
      if (!this.running) return
      if (close.code === UNAUTHORIZED) {
        this.running = false
        this.options.onUnauthorized()
        return
      }
      this.timer = setTimeout(() => this.connect(), backoffDelay(this.attempt++))
    }
  }
}

import { createHmac, randomUUID } from 'node:crypto'
import type { Conversation, Message, ServerEvent, WidgetSession } from '@kefu/protocol'
import WebSocket from 'ws'

/**
 * A buyer talking to Kefu through the widget's HTTP and WebSocket API, from a page on the
 * shop's allowed origin: what the widget frame does, without a browser.
 */
export class Buyer {
  events: ServerEvent[] = []
  private ws: WebSocket | undefined

  private constructor(
    readonly kefuUrl: string,
    readonly token: string,
    readonly session: WidgetSession,
  ) {}

  static async open(
    kefuUrl: string,
    publicKey: string,
    page = { url: 'http://127.0.0.1/p/steam-100', title: 'Steam 充值卡 ¥100' },
  ): Promise<Buyer> {
    const res = await fetch(`${kefuUrl}/v1/widget/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: new URL(page.url).origin },
      body: JSON.stringify({ publicKey, page, locale: 'zh-CN' }),
    })
    if (res.status !== 200) throw new Error(`session: ${res.status} ${await res.text()}`)
    const session = (await res.json()) as WidgetSession
    return new Buyer(kefuUrl, session.visitorToken, session)
  }

  private async post<T>(path: string, body: unknown): Promise<T> {
    const res = await fetch(`${this.kefuUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
      body: JSON.stringify(body),
    })
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`)
    return (await res.json()) as T
  }

  start(text: string) {
    return this.post<{ conversation: Conversation; message: Message }>('/v1/widget/conversations', {
      message: { clientId: `b_${randomUUID()}`, text },
    })
  }

  send(conversationId: string, text: string) {
    return this.post<Message>(`/v1/widget/conversations/${conversationId}/messages`, {
      clientId: `b_${randomUUID()}`,
      text,
    })
  }

  /** Uploads a file (as the widget's attach button does) and sends it in the conversation. */
  async sendFile(conversationId: string, bytes: Uint8Array, contentType: string, name: string) {
    const res = await fetch(`${this.kefuUrl}/v1/widget/attachments?name=${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { 'content-type': contentType, authorization: `Bearer ${this.token}` },
      body: bytes as Uint8Array<ArrayBuffer>,
    })
    if (!res.ok) throw new Error(`upload: ${res.status} ${await res.text()}`)
    const file = (await res.json()) as { id: string }
    return this.post<Message>(`/v1/widget/conversations/${conversationId}/messages`, {
      clientId: `b_${randomUUID()}`,
      text: '',
      attachmentIds: [file.id],
    })
  }

  identify(identitySecret: string, userId: string, profile: { name?: string; email?: string } = {}) {
    const userHash = createHmac('sha256', identitySecret).update(userId).digest('hex')
    return this.post('/v1/widget/identify', { userId, userHash, ...profile })
  }

  /** Opens the buyer's live socket; events collect in `events`. */
  async listen(): Promise<void> {
    const ws = new WebSocket(`${this.kefuUrl.replace(/^http/, 'ws')}/v1/widget/ws`)
    this.ws = ws
    ws.on('message', (data) => this.events.push(JSON.parse(String(data)) as ServerEvent))
    await new Promise((resolve, reject) => {
      ws.once('open', resolve)
      ws.once('error', reject)
    })
    ws.send(JSON.stringify({ type: 'auth', token: this.token }))
    await this.waitFor((e) => e.type === 'ready')
  }

  async waitFor(match: (e: ServerEvent) => boolean, timeoutMs = 10_000): Promise<ServerEvent> {
    const until = Date.now() + timeoutMs
    while (Date.now() < until) {
      const hit = this.events.find(match)
      if (hit) return hit
      await new Promise((r) => setTimeout(r, 50))
    }
    throw new Error(`buyer saw no matching event; got ${JSON.stringify(this.events.map((e) => e.type))}`)
  }

  close() {
    this.ws?.close()
  }
}

import type {
  Attachment,
  BuyerTicket,
  Conversation,
  ConversationList,
  ErrorBody,
  Message,
  MessagePage,
  ServerEvent,
  WidgetSession,
} from '@kefu/protocol'
import type { Order } from '@kefu/protocol/shop'

/*
 * Responses from Kefu's own API are typed with @kefu/protocol's types but not re-validated: the
 * frame and the API ship together from one origin, and classic zod would not fit the frame's
 * budget. What is validated is what crosses a trust boundary: messages from the host page.
 */

/** Server codes worth a retry even on a 4xx status (socket `error` frames carry no status). */
const transientCodes = new Set(['rate_limited', 'internal_error', 'service_unavailable'])

/** A refused request: `status` 0 means the network failed (offline, server down). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
  /** Worth trying again later: the network or a socket that closed mid-send (status 0), a restart, a rate limit. */
  get transient() {
    return this.status === 0 || this.status >= 500 || transientCodes.has(this.code)
  }
}

/** Whatever a call threw, as an ApiError: anything else counts as a network failure (status 0, transient). */
export const asApiError = (err: unknown) =>
  err instanceof ApiError ? err : new ApiError(0, 'network', String(err))

export interface OpenSession {
  publicKey: string
  hostOrigin?: string
  visitorToken?: string
  locale?: string
  page?: { url: string; title?: string }
}

export interface WidgetApi {
  openSession(body: OpenSession): Promise<WidgetSession>
  identify(body: {
    userId: string
    userHash: string
    name?: string
    email?: string
  }): Promise<{ visitorToken?: string }>
  closeSession(): Promise<void>
  listConversations(): Promise<ConversationList>
  startConversation(): Promise<{ conversation: Conversation }>
  messages(conversationId: string, before?: number): Promise<MessagePage>
  send(
    conversationId: string,
    body: { clientId: string; text: string; attachmentIds: string[] },
  ): Promise<Message>
  markRead(conversationId: string, seq: number): Promise<void>
  events(cursor: string): Promise<{ events: ServerEvent[]; cursor: string; more: boolean }>
  upload(file: File): Promise<Attachment>
  lookupOrder(body: {
    orderNo: string
    contact: string
    conversationId?: string
  }): Promise<{ orders: Order[] }>
  myOrders(): Promise<{ orders: Order[] }>
  linkOrder(body: { orderNo: string; conversationId: string }): Promise<{ order: Order }>
  /** The visitor's tickets, newest first. */
  tickets(): Promise<{ tickets: BuyerTicket[] }>
}

/** The widget routes, with the visitor's bearer token (never cookies). */
export function widgetApi(base: string, token: () => string | undefined): WidgetApi {
  async function call<T>(method: string, path: string, body?: unknown, raw?: Blob): Promise<T> {
    const headers: Record<string, string> = {}
    const t = token()
    if (t) headers.authorization = `Bearer ${t}`
    if (body !== undefined) headers['content-type'] = 'application/json'
    if (raw) headers['content-type'] = raw.type || 'application/octet-stream'
    let res: Response
    try {
      res = await fetch(base + path, {
        method,
        headers,
        body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
        credentials: 'omit',
      })
    } catch {
      throw new ApiError(0, 'network', 'Kefu is unreachable')
    }
    const json = (await res.json().catch(() => ({}))) as T & Partial<ErrorBody>
    if (!res.ok)
      throw new ApiError(res.status, json.error?.code ?? 'http_error', json.error?.message ?? res.statusText)
    return json
  }
  const conv = (id: string) => `/v1/widget/conversations/${encodeURIComponent(id)}`
  return {
    openSession: (body) => call('POST', '/v1/widget/sessions', body),
    identify: (body) => call('POST', '/v1/widget/identify', body),
    closeSession: () => call('DELETE', '/v1/widget/session'),
    listConversations: () => call('GET', '/v1/widget/conversations'),
    startConversation: () => call('POST', '/v1/widget/conversations', {}),
    messages: (id, before) =>
      call('GET', `${conv(id)}/messages?limit=50${before ? `&before=${before}` : ''}`),
    send: (id, body) => call('POST', `${conv(id)}/messages`, body),
    markRead: (id, seq) => call('POST', `${conv(id)}/read`, { seq }),
    events: (cursor) => call('GET', `/v1/widget/events?cursor=${encodeURIComponent(cursor)}`),
    upload: (file) =>
      call('POST', `/v1/widget/attachments?name=${encodeURIComponent(file.name)}`, undefined, file),
    lookupOrder: (body) => call('POST', '/v1/widget/orders/lookup', body),
    myOrders: () => call('GET', '/v1/widget/orders'),
    linkOrder: (body) => call('POST', '/v1/widget/orders/link', body),
    tickets: () => call('GET', '/v1/widget/tickets'),
  }
}

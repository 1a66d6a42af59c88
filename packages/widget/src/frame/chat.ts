import type { Attachment } from '@kefu/protocol'
import type { HostToFrame } from '@kefu/protocol/frame'
import type { Locale } from '../shared/locale.ts'
import { ApiError, asApiError, type WidgetApi, widgetApi } from './api.ts'
import type { Bridge } from './bridge.ts'
import { isLocalConversation, newClientId, newLocalConversationId } from './ids.ts'
import { createOrders, type Orders } from './orders.ts'
import { createOutbox, type Outbox } from './outbox.ts'
import { createSession, type Session } from './session.ts'
import { RealtimeSocket } from './socket.ts'
import { conversationStarter } from './start-conversation.ts'
import { type ChatState, initialState, type PendingMessage, unreadTotal, type View } from './state.ts'
import { type FrameStorage, shopStorage } from './storage.ts'
import { Store } from './store.ts'
import { createSync, type Sync } from './sync.ts'
import { uploadProblem } from './upload-rules.ts'

/**
 * The buyer's side of a chat, without any UI. It wires the session (session.ts), the socket, the
 * server sync (sync.ts), the outbox (outbox.ts) and orders (orders.ts) together, and keeps which
 * thread is shown, read receipts, typing and uploads. Components read `store` and call these methods.
 */
export class Chat {
  readonly store: Store<ChatState>
  /** The buyer's unsent messages, to retry or discard. */
  readonly outbox: Outbox
  /** Order look-up and picking, for the open thread. */
  readonly orders: Orders
  private readonly api: WidgetApi
  private readonly socket: RealtimeSocket
  private readonly sync: Sync
  /** A page of a thread's messages: the newest, or those before `before`. */
  readonly loadHistory: Sync['loadHistory']
  private readonly session: Session
  private storage: FrameStorage | undefined
  private reportedUnread = -1

  constructor(
    private readonly bridge: Bridge,
    locale: Locale,
  ) {
    this.store = new Store(initialState(locale))
    this.api = widgetApi(location.origin, () => this.session.token())
    this.socket = new RealtimeSocket({
      url: `${location.origin.replace(/^http/, 'ws')}/v1/widget/ws`,
      token: () => this.session.token(),
      cursor: () => this.sync.cursor(),
      onEvent: (e) => this.sync.onEvent(e),
      onState: (connection) => {
        this.store.update((s) => (s.connection === connection ? s : { ...s, connection }))
        if (connection === 'online') void this.outbox.flush()
        else this.outbox.closed()
      },
      onUnauthorized: () => this.session.replace(),
    })
    const conversationId = conversationStarter(this.store, this.api)
    this.outbox = createOutbox(this.store, (frame) => this.socket.send(frame), conversationId)
    this.orders = createOrders(this.store, this.api, conversationId)
    this.sync = createSync(this.store, this.api, this.outbox, bridge, () => this.markRead())
    this.loadHistory = this.sync.loadHistory
    this.session = createSession(this.store, this.api, bridge, this.socket, this.sync.forget, () => {
      if (this.store.get().open) this.chooseView()
    })
    let saved = this.store.get().outbox
    this.store.subscribe((s) => {
      if (s.outbox !== saved) {
        saved = s.outbox
        this.storage?.set('outbox', saved)
      }
      const unread = unreadTotal(s)
      if (unread !== this.reportedUnread) {
        this.reportedUnread = unread
        this.bridge.post({ type: 'kefu:unread', payload: { count: unread } })
      }
    })
    document.addEventListener('visibilitychange', () => this.markRead())
  }

  /** A message from the host page, already validated and origin-checked by the bridge. */
  handle(message: HostToFrame) {
    switch (message.type) {
      case 'kefu:init': {
        const { publicKey, locale, page, open } = message.payload
        this.storage = shopStorage(publicKey)
        this.session.init(publicKey, page, this.storage)
        const outbox = this.storage.get<PendingMessage[]>('outbox') ?? []
        this.store.update((s) => ({ ...s, outbox, ...(locale && { locale }) }))
        if (open) this.setOpen(true)
        // A returning visitor connects at once, so the launcher can show unread replies.
        else if (this.session.token()) void this.session.open()
        return
      }
      case 'kefu:open':
      case 'kefu:close':
        return this.setOpen(message.type === 'kefu:open')
      case 'kefu:identify':
        return this.session.identify(message.payload)
      case 'kefu:order':
        return this.store.update((s) => ({ ...s, order: message.payload.orderId }))
      case 'kefu:locale':
        return this.store.update((s) => ({ ...s, locale: message.payload.locale }))
      case 'kefu:reset':
        return void this.session.reset()
    }
  }

  setOpen(open: boolean) {
    this.store.update((s) => ({ ...s, open }))
    if (!open) return
    if (this.store.get().session === 'open') this.chooseView()
    else void this.session.open()
    this.markRead()
  }

  close() {
    this.setOpen(false)
    this.bridge.post({ type: 'kefu:close' })
  }

  private chooseView() {
    const s = this.store.get()
    if (s.view) return
    const latest = s.conversations[0]
    if (latest && latest.status !== 'resolved') this.select(latest.id)
    else if (latest) this.show({ kind: 'home' })
    else this.startNew()
  }

  private show(view: View) {
    this.store.update((s) => ({ ...s, view, notice: null }))
    this.markRead()
  }

  showHome() {
    this.show({ kind: 'home' })
  }

  startNew() {
    this.show({ kind: 'thread', id: newLocalConversationId() })
  }

  select(id: string) {
    this.show({ kind: 'thread', id })
    if (!this.store.get().messages[id]) void this.loadHistory(id)
  }

  /** Queues a message (kept in storage until acknowledged) and sends the queue if online. */
  send(text: string, attachments: Attachment[]) {
    const view = this.store.get().view
    if (view?.kind !== 'thread' || (!text.trim() && !attachments.length)) return
    this.typing(false)
    this.outbox.add({
      clientId: newClientId(),
      conversationId: view.id,
      text,
      attachments,
      createdAt: new Date().toISOString(),
    })
  }

  /** Whether the page named the buyer (`kefu('identify')`): then the order picker is worth a try. */
  get identified() {
    return this.session.identified()
  }

  /** Tells the agent the buyer has read the open thread, when the buyer can actually see it. */
  markRead() {
    const s = this.store.get()
    if (!s.open || s.view?.kind !== 'thread' || document.visibilityState !== 'visible') return
    const id = s.view.id
    const c = s.conversations.find((x) => x.id === id)
    if (!c) return
    const seq = Math.max(c.lastSeq, s.messages[id]?.at(-1)?.seq ?? 0)
    if (c.unread === 0 && c.readByVisitor >= seq) return
    this.store.update((st) => ({
      ...st,
      conversations: st.conversations.map((x) => (x.id === id ? { ...x, unread: 0, readByVisitor: seq } : x)),
    }))
    if (!this.socket.send({ type: 'read', conversationId: id, seq }))
      void this.api.markRead(id, seq).catch(() => undefined)
  }

  typing(typing: boolean) {
    const view = this.store.get().view
    if (view?.kind === 'thread' && !isLocalConversation(view.id))
      this.socket.send({ type: 'typing', conversationId: view.id, typing })
  }

  /** Checks and uploads a file; the error's code is a string key (`uploadTooBig`, `uploadType`, `uploadFailed`). */
  async upload(file: File): Promise<Attachment> {
    const problem = uploadProblem(file)
    if (problem) throw new ApiError(400, problem, problem)
    if (this.store.get().session !== 'open') await this.session.open()
    try {
      return await this.api.upload(file)
    } catch (err) {
      const e = asApiError(err)
      throw new ApiError(
        e.status,
        e.code === 'unsupported_media_type'
          ? 'uploadType'
          : e.code === 'payload_too_large'
            ? 'uploadTooBig'
            : 'uploadFailed',
        e.message,
      )
    }
  }
}

import type { Attachment, WidgetSession } from '@kefu/protocol'
import type { FrameIdentity, HostToFrame } from '@kefu/protocol/frame'
import type { Locale } from '../shared/locale.ts'
import { ApiError, asApiError, type WidgetApi, widgetApi } from './api.ts'
import { backoffDelay, sleep } from './backoff.ts'
import type { Bridge } from './bridge.ts'
import { isLocalConversation, newClientId, newLocalConversationId } from './ids.ts'
import { createOrders, type Orders } from './orders.ts'
import { createOutbox, type Outbox } from './outbox.ts'
import { RealtimeSocket } from './socket.ts'
import { conversationStarter } from './start-conversation.ts'
import { type ChatState, initialState, type PendingMessage, unreadTotal, type View } from './state.ts'
import { type FrameStorage, shopStorage } from './storage.ts'
import { Store } from './store.ts'
import { createSync, type Sync } from './sync.ts'
import { uploadProblem } from './upload-rules.ts'

/**
 * The buyer's side of a chat, without any UI: the session and its token, the socket, the
 * server sync (sync.ts), the offline outbox (outbox.ts), orders (orders.ts), read receipts,
 * typing, identity and reset. Components read `store` and call these methods.
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
  private storage: FrameStorage | undefined
  private publicKey = ''
  private page: { url: string; title?: string } | undefined
  private token: string | undefined
  private identity: FrameIdentity | undefined
  private opening: Promise<void> | undefined
  private reportedUnread = -1

  constructor(
    private readonly bridge: Bridge,
    locale: Locale,
  ) {
    this.store = new Store(initialState(locale))
    this.api = widgetApi(location.origin, () => this.token)
    this.socket = new RealtimeSocket({
      url: `${location.origin.replace(/^http/, 'ws')}/v1/widget/ws`,
      token: () => this.token,
      cursor: () => this.sync.cursor(),
      onEvent: (e) => this.sync.onEvent(e),
      onState: (connection) => {
        this.store.update((s) => (s.connection === connection ? s : { ...s, connection }))
        if (connection === 'online') void this.outbox.flush()
        else this.outbox.closed()
      },
      onUnauthorized: () => this.replaceSession(),
    })
    const conversationId = conversationStarter(this.store, this.api)
    this.outbox = createOutbox(this.store, (frame) => this.socket.send(frame), conversationId)
    this.orders = createOrders(this.store, this.api, conversationId)
    this.sync = createSync(this.store, this.api, this.outbox, bridge, () => this.markRead())
    this.loadHistory = this.sync.loadHistory
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
        this.publicKey = publicKey
        this.page = page
        this.storage = shopStorage(publicKey)
        this.token = this.storage.get<string>('token')
        const outbox = this.storage.get<PendingMessage[]>('outbox') ?? []
        this.store.update((s) => ({ ...s, outbox, ...(locale && { locale }) }))
        if (open) this.setOpen(true)
        // A returning visitor connects at once, so the launcher can show unread replies.
        else if (this.token) void this.openSession()
        return
      }
      case 'kefu:open':
      case 'kefu:close':
        return this.setOpen(message.type === 'kefu:open')
      case 'kefu:identify':
        this.identity = message.payload
        if (this.store.get().session === 'open')
          void this.identify().then((switched) => switched && this.reconnect())
        return
      case 'kefu:order':
        return this.store.update((s) => ({ ...s, order: message.payload.orderId }))
      case 'kefu:locale':
        return this.store.update((s) => ({ ...s, locale: message.payload.locale }))
      case 'kefu:reset':
        return void this.reset()
    }
  }

  setOpen(open: boolean) {
    this.store.update((s) => ({ ...s, open }))
    if (!open) return
    if (this.store.get().session === 'open') this.chooseView()
    else void this.openSession()
    this.markRead()
  }

  close() {
    this.setOpen(false)
    this.bridge.post({ type: 'kefu:close' })
  }

  private openSession(): Promise<void> {
    this.opening ??= this.open().finally(() => {
      this.opening = undefined
    })
    return this.opening
  }

  private async open() {
    this.store.update((s) => ({ ...s, session: 'opening', notice: null }))
    for (let attempt = 0; ; attempt++) {
      try {
        this.accept(
          await this.api.openSession({
            publicKey: this.publicKey,
            ...(this.bridge.hostOrigin && { hostOrigin: this.bridge.hostOrigin }),
            ...(this.token && { visitorToken: this.token }),
            locale: this.store.get().locale,
            ...(this.page && { page: this.page }),
          }),
        )
        if (this.identity) await this.identify()
        this.socket.start()
        return
      } catch (err) {
        const e = asApiError(err)
        if (!e.transient) {
          const notice =
            e.code === 'origin_not_allowed' || e.code === 'unauthorized' ? 'notAllowed' : 'unavailable'
          this.store.update((s) => ({ ...s, session: 'failed', notice }))
          return
        }
        await sleep(backoffDelay(attempt))
      }
    }
  }

  private accept(session: WidgetSession) {
    this.token = session.visitorToken
    this.storage?.set('token', session.visitorToken)
    this.store.update((s) => ({
      ...s,
      session: 'open',
      settings: session.settings,
      conversations: session.conversations,
    }))
    this.bridge.post({
      type: 'kefu:theme',
      payload: { color: session.settings.color, position: session.settings.position },
    })
    if (this.store.get().open) this.chooseView()
  }

  /** Verifies the shop's signed identity; true when the browser became another (known) visitor. */
  private async identify(): Promise<boolean> {
    if (!this.identity) return false
    try {
      const result = await this.api.identify(this.identity)
      if (!result.visitorToken || result.visitorToken === this.token) return false
      this.token = result.visitorToken
      this.sync.forget()
      this.accept(
        await this.api.openSession({
          publicKey: this.publicKey,
          visitorToken: this.token,
          ...(this.bridge.hostOrigin && { hostOrigin: this.bridge.hostOrigin }),
        }),
      )
      return true
    } catch (err) {
      console.warn('[kefu] identify failed:', asApiError(err).code)
      return false
    }
  }

  private reconnect() {
    this.socket.stop()
    this.socket.start()
  }

  /** The token stopped working (expired, revoked): become a visitor again with a fresh session. */
  private async replaceSession() {
    this.token = undefined
    this.sync.forget()
    await this.openSession()
  }

  /** `kefu('reset')`: the shop logged the buyer out. Revoke the token and forget this browser's chats. */
  private async reset() {
    this.socket.stop()
    if (this.token) await this.api.closeSession().catch(() => undefined)
    this.token = undefined
    this.identity = undefined
    this.storage?.remove('token')
    this.sync.forget()
    this.store.update((s) => ({ ...initialState(s.locale), open: s.open, settings: s.settings }))
    if (this.store.get().open) await this.openSession()
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
    return this.identity !== undefined
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
    if (this.store.get().session !== 'open') await this.openSession()
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

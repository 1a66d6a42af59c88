import type { Attachment } from '@kefu/protocol'
import type { HostToFrame } from '@kefu/protocol/frame'
import type { Locale } from '../shared/locale.ts'
import { ApiError, asApiError, widgetApi } from './api.ts'
import type { Bridge } from './bridge.ts'
import { isLocalConversation, newClientId, newLocalConversationId } from './ids.ts'
import { createOrders, type Orders } from './orders.ts'
import { createOutbox, type Outbox } from './outbox.ts'
import { createSession } from './session.ts'
import { RealtimeSocket } from './socket.ts'
import { conversationStarter } from './start-conversation.ts'
import { type ChatState, initialState, type PendingMessage, unreadTotal, type View } from './state.ts'
import { type FrameStorage, shopStorage } from './storage.ts'
import { Store } from './store.ts'
import { createSync } from './sync.ts'
import { uploadProblem } from './upload-rules.ts'

/** The buyer's side of a chat, without any UI: components read `store` and call the rest. */
export interface Chat {
  readonly store: Store<ChatState>
  /** The buyer's unsent messages, to retry or discard. */
  readonly outbox: Outbox
  /** Order look-up and picking, for the open thread. */
  readonly orders: Orders
  /** A message from the host page, already validated and origin-checked by the bridge. */
  handle(message: HostToFrame): void
  close(): void
  showHome(): void
  startNew(): void
  select(id: string): void
  /** A page of a thread's messages: the newest, or those before `before`. */
  loadHistory(id: string, before?: number): Promise<void>
  /** Queues a message (kept in storage until acknowledged) and sends the queue if online. */
  send(text: string, attachments: Attachment[]): void
  typing(typing: boolean): void
  /** Checks and uploads a file; the error's code is a string key (`uploadTooBig`, `uploadType`, `uploadFailed`). */
  upload(file: File): Promise<Attachment>
  /** Whether the page named the buyer (`kefu('identify')`): then the order picker is worth a try. */
  identified(): boolean
}

/**
 * Wires the frame together: the session (session.ts), the socket, the server sync (sync.ts), the
 * outbox (outbox.ts) and orders (orders.ts). What is left here is which thread is shown, read
 * receipts, typing, uploads, and what the host page asks for.
 */
export function createChat(bridge: Bridge, locale: Locale): Chat {
  const store = new Store(initialState(locale))
  let storage: FrameStorage | undefined
  // The parts call each other back (the socket needs the session's token, the session the socket):
  // each callback runs only once all of them exist.
  const api = widgetApi(location.origin, () => session.token())
  const socket = new RealtimeSocket({
    url: `${location.origin.replace(/^http/, 'ws')}/v1/widget/ws`,
    token: () => session.token(),
    cursor: () => sync.cursor(),
    onEvent: (e) => sync.onEvent(e),
    onState: (connection) => {
      store.update((s) => (s.connection === connection ? s : { ...s, connection }))
      if (connection === 'online') void outbox.flush()
      else outbox.closed()
    },
    onUnauthorized: () => session.replace(),
  })
  const conversationId = conversationStarter(store, api)
  const outbox = createOutbox(store, (frame) => socket.send(frame), conversationId)
  const sync = createSync(store, api, outbox, bridge, () => markRead())
  const session = createSession(store, api, bridge, socket, sync.forget, () => {
    if (store.get().open) chooseView()
  })

  const setOpen = (open: boolean) => {
    store.update((s) => ({ ...s, open }))
    if (!open) return
    if (store.get().session === 'open') chooseView()
    else void session.open()
    markRead()
  }

  const chooseView = () => {
    const s = store.get()
    if (s.view) return
    const latest = s.conversations[0]
    if (latest && latest.status !== 'resolved') select(latest.id)
    else if (latest) show({ kind: 'home' })
    else startNew()
  }

  const show = (view: View) => {
    store.update((s) => ({ ...s, view, notice: null }))
    markRead()
  }

  const startNew = () => show({ kind: 'thread', id: newLocalConversationId() })

  const select = (id: string) => {
    show({ kind: 'thread', id })
    if (!store.get().messages[id]) void sync.loadHistory(id)
  }

  /** Tells the agent the buyer has read the open thread, when the buyer can actually see it. */
  const markRead = () => {
    const s = store.get()
    if (!s.open || s.view?.kind !== 'thread' || document.visibilityState !== 'visible') return
    const id = s.view.id
    const c = s.conversations.find((x) => x.id === id)
    if (!c) return
    const seq = Math.max(c.lastSeq, s.messages[id]?.at(-1)?.seq ?? 0)
    if (c.unread === 0 && c.readByVisitor >= seq) return
    store.update((st) => ({
      ...st,
      conversations: st.conversations.map((x) => (x.id === id ? { ...x, unread: 0, readByVisitor: seq } : x)),
    }))
    if (!socket.send({ type: 'read', conversationId: id, seq }))
      void api.markRead(id, seq).catch(() => undefined)
  }

  const typing = (typing: boolean) => {
    const view = store.get().view
    if (view?.kind === 'thread' && !isLocalConversation(view.id))
      socket.send({ type: 'typing', conversationId: view.id, typing })
  }

  // The outbox survives a reload in the shop's storage; the launcher shows the unread count.
  let saved = store.get().outbox
  let reportedUnread = -1
  store.subscribe((s) => {
    if (s.outbox !== saved) {
      saved = s.outbox
      storage?.set('outbox', saved)
    }
    const unread = unreadTotal(s)
    if (unread !== reportedUnread) {
      reportedUnread = unread
      bridge.post({ type: 'kefu:unread', payload: { count: unread } })
    }
  })
  document.addEventListener('visibilitychange', markRead)

  return {
    store,
    outbox,
    orders: createOrders(store, api, conversationId),
    handle(message) {
      switch (message.type) {
        case 'kefu:init': {
          const { publicKey, locale, page, open } = message.payload
          storage = shopStorage(publicKey)
          session.init(publicKey, page, storage)
          const kept = storage.get<PendingMessage[]>('outbox') ?? []
          store.update((s) => ({ ...s, outbox: kept, ...(locale && { locale }) }))
          if (open) setOpen(true)
          // A returning visitor connects at once, so the launcher can show unread replies.
          else if (session.token()) void session.open()
          return
        }
        case 'kefu:open':
        case 'kefu:close':
          return setOpen(message.type === 'kefu:open')
        case 'kefu:identify':
          return session.identify(message.payload)
        case 'kefu:order':
          return store.update((s) => ({ ...s, order: message.payload.orderId }))
        case 'kefu:locale':
          return store.update((s) => ({ ...s, locale: message.payload.locale }))
        case 'kefu:reset':
          return void session.reset()
      }
    },
    close() {
      setOpen(false)
      bridge.post({ type: 'kefu:close' })
    },
    showHome: () => show({ kind: 'home' }),
    startNew,
    select,
    loadHistory: sync.loadHistory,
    send(text, attachments) {
      const view = store.get().view
      if (view?.kind !== 'thread' || (!text.trim() && !attachments.length)) return
      typing(false)
      outbox.add({
        clientId: newClientId(),
        conversationId: view.id,
        text,
        attachments,
        createdAt: new Date().toISOString(),
      })
    },
    typing,
    async upload(file) {
      const problem = uploadProblem(file)
      if (problem) throw new ApiError(400, problem, problem)
      if (store.get().session !== 'open') await session.open()
      try {
        return await api.upload(file)
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
    },
    identified: session.identified,
  }
}

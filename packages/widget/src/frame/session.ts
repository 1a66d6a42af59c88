import type { WidgetSession } from '@kefu/protocol'
import type { FrameIdentity } from '@kefu/protocol/frame'
import { asApiError, type WidgetApi } from './api.ts'
import { backoffDelay, sleep } from './backoff.ts'
import type { Bridge } from './bridge.ts'
import type { RealtimeSocket } from './socket.ts'
import { type ChatState, initialState } from './state.ts'
import type { FrameStorage } from './storage.ts'
import type { Store } from './store.ts'

export interface Session {
  /** The visitor's bearer token, once Kefu has issued one. */
  token(): string | undefined
  /** Whether the page named the buyer (`kefu('identify')`). */
  identified(): boolean
  /** `kefu:init`: the shop's key, the page, and the storage where a returning visitor's token is. */
  init(publicKey: string, page: { url: string; title?: string }, storage: FrameStorage): void
  /** Opens the session (one attempt at a time, retried with backoff while Kefu is away), then connects. */
  open(): Promise<void>
  /** `kefu('identify')`: verified now if the session is open, else as it opens. */
  identify(identity: FrameIdentity): void
  /** The token stopped working (expired, revoked): become a visitor again with a fresh session. */
  replace(): Promise<void>
  /** `kefu('reset')`: the shop logged the buyer out. Revoke the token and forget this browser's chats. */
  reset(): Promise<void>
}

/**
 * Who the buyer is to Kefu: the visitor token (kept in the shop's storage), the session that
 * brings the settings and the conversation list, the shop's signed identity, and logging out.
 */
export function createSession(
  store: Store<ChatState>,
  api: WidgetApi,
  bridge: Bridge,
  socket: Pick<RealtimeSocket, 'start' | 'stop'>,
  /** Drops the conversations loaded for the previous visitor. */
  forget: () => void,
  /** The session opened, or now belongs to another visitor. */
  opened: () => void,
): Session {
  let publicKey = ''
  let page: { url: string; title?: string } | undefined
  let storage: FrameStorage | undefined
  let token: string | undefined
  let identity: FrameIdentity | undefined
  let opening: Promise<void> | undefined

  const open = () =>
    (opening ??= connect().finally(() => {
      opening = undefined
    }))

  const connect = async () => {
    store.update((s) => ({ ...s, session: 'opening', notice: null }))
    for (let attempt = 0; ; attempt++) {
      try {
        accept(
          await api.openSession({
            publicKey,
            ...(bridge.hostOrigin && { hostOrigin: bridge.hostOrigin }),
            ...(token && { visitorToken: token }),
            locale: store.get().locale,
            ...(page && { page }),
          }),
        )
        if (identity) await verify()
        socket.start()
        return
      } catch (err) {
        const e = asApiError(err)
        if (!e.transient) {
          const notice =
            e.code === 'origin_not_allowed' || e.code === 'unauthorized' ? 'notAllowed' : 'unavailable'
          store.update((s) => ({ ...s, session: 'failed', notice }))
          return
        }
        await sleep(backoffDelay(attempt))
      }
    }
  }

  const accept = (session: WidgetSession) => {
    token = session.visitorToken
    storage?.set('token', session.visitorToken)
    store.update((s) => ({
      ...s,
      session: 'open',
      settings: session.settings,
      conversations: session.conversations,
    }))
    bridge.post({
      type: 'kefu:theme',
      payload: { color: session.settings.color, position: session.settings.position },
    })
    opened()
  }

  /** Verifies the shop's signed identity; true when the browser became another (known) visitor. */
  const verify = async (): Promise<boolean> => {
    if (!identity) return false
    try {
      const result = await api.identify(identity)
      if (!result.visitorToken || result.visitorToken === token) return false
      token = result.visitorToken
      forget()
      accept(
        await api.openSession({
          publicKey,
          visitorToken: token,
          ...(bridge.hostOrigin && { hostOrigin: bridge.hostOrigin }),
        }),
      )
      return true
    } catch (err) {
      console.warn('[kefu] identify failed:', asApiError(err).code)
      return false
    }
  }

  return {
    token: () => token,
    identified: () => identity !== undefined,
    init(shopKey, hostPage, frameStorage) {
      publicKey = shopKey
      page = hostPage
      storage = frameStorage
      token = storage.get<string>('token')
    },
    open,
    identify(signed) {
      identity = signed
      if (store.get().session === 'open')
        void verify().then((switched) => {
          if (!switched) return
          // The socket is still the previous visitor's: reconnect with the new token.
          socket.stop()
          socket.start()
        })
    },
    async replace() {
      token = undefined
      forget()
      await open()
    },
    async reset() {
      socket.stop()
      if (token) await api.closeSession().catch(() => undefined)
      token = undefined
      identity = undefined
      storage?.remove('token')
      forget()
      store.update((s) => ({ ...initialState(s.locale), open: s.open, settings: s.settings }))
      if (store.get().open) await open()
    },
  }
}

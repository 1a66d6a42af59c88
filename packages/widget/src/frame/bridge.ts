import { type FrameToHost, type HostToFrame, hostToFrameSchema } from '@kefu/protocol/frame'

export interface Bridge {
  /** The shop page's origin, learnt from the handshake (the server checks it against the shop's allowed origins). */
  readonly hostOrigin: string | undefined
  post(message: FrameToHost): void
}

/**
 * The frame's side of the postMessage channel. It says `kefu:ready` to its parent (nothing secret,
 * so to any origin), then reads only messages from `window.parent` that pass `hostToFrameSchema`.
 * The origin of the first one (`kefu:init`) becomes `hostOrigin`; later messages must come from
 * it, and everything the frame sends goes to it alone.
 */
export function connectBridge(onMessage: (message: HostToFrame, bridge: Bridge) => void): Bridge {
  let hostOrigin: string | undefined
  const bridge: Bridge = {
    get hostOrigin() {
      return hostOrigin
    },
    post(message) {
      if (hostOrigin) window.parent.postMessage(message, hostOrigin)
    },
  }
  addEventListener('message', (event: MessageEvent) => {
    if (event.source !== window.parent || window.parent === window) return
    if (hostOrigin ? event.origin !== hostOrigin : !/^https?:\/\//.test(event.origin)) return
    const parsed = hostToFrameSchema.safeParse(event.data)
    if (!parsed.success) return
    if (!hostOrigin) {
      if (parsed.data.type !== 'kefu:init') return
      // Where the browser tells us who our ancestors are, the sender must be the page embedding us.
      const ancestors = location.ancestorOrigins
      if (ancestors?.length && ancestors[0] !== event.origin) return
      hostOrigin = event.origin
    }
    onMessage(parsed.data, bridge)
  })
  if (window.parent !== window) window.parent.postMessage({ type: 'kefu:ready' } satisfies FrameToHost, '*')
  return bridge
}

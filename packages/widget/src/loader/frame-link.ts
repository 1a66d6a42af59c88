import type { FrameToHost, HostToFrame } from '@kefu/protocol/frame'
import { readFrameMessage } from './guard.ts'

/** A frame that has loaded but not said hello by then is broken (an error page, a blocked script). */
const READY_AFTER_LOAD_MS = 3000
const READY_AT_ALL_MS = 15000

export interface FrameLink {
  /** Creates the iframe if there is none (or the last one failed). */
  ensure(): void
  /** Posts to the frame once it is ready; before that the message is dropped (state is re-sent on ready). */
  post(message: HostToFrame): void
  focus(): void
  readonly ready: boolean
}

interface FrameLinkOptions {
  kefuOrigin: string
  panel: HTMLElement
  title: () => string
  onReady(): void
  onMessage(message: FrameToHost): void
  onFail(): void
}

/**
 * The iframe on Kefu's origin and the postMessage channel to it. Only messages whose origin is
 * Kefu's and whose source is this very iframe are read; everything we send names Kefu's origin.
 */
export function linkFrame(options: FrameLinkOptions): FrameLink {
  let iframe: HTMLIFrameElement | undefined
  let ready = false
  let timers: ReturnType<typeof setTimeout>[] = []

  const fail = () => {
    timers.forEach(clearTimeout)
    iframe?.remove()
    iframe = undefined
    ready = false
    options.onFail()
  }

  addEventListener('message', (event: MessageEvent) => {
    if (!iframe || event.source !== iframe.contentWindow || event.origin !== options.kefuOrigin) return
    const message = readFrameMessage(event.data)
    if (!message) return
    if (message.type === 'kefu:ready') {
      timers.forEach(clearTimeout)
      ready = true
      options.onReady()
      return
    }
    if (ready) options.onMessage(message)
  })

  return {
    get ready() {
      return ready
    },
    ensure() {
      if (iframe) return
      iframe = document.createElement('iframe')
      iframe.title = options.title()
      iframe.src = `${options.kefuOrigin}/widget/frame.html`
      iframe.addEventListener('load', () => {
        if (!ready) timers.push(setTimeout(() => ready || fail(), READY_AFTER_LOAD_MS))
      })
      timers = [setTimeout(() => ready || fail(), READY_AT_ALL_MS)]
      options.panel.appendChild(iframe)
    },
    post(message) {
      if (ready) iframe?.contentWindow?.postMessage(message, options.kefuOrigin)
    },
    focus() {
      iframe?.focus()
    },
  }
}

import type { FrameIdentity } from '@kefu/protocol/frame'
import { browserLocale, type Locale } from '../shared/locale.ts'
import { linkFrame } from './frame-link.ts'
import { drawLauncher } from './launcher.ts'
import { loaderStrings } from './strings.ts'

export interface WidgetOptions {
  /** The shop's public widget key, `pk_…`. */
  key: string
  /** Where Kefu runs, e.g. `https://kefu.example`; the frame is loaded from there. */
  kefuUrl: string
  locale?: Locale
  /** The launcher colour until the shop's own colour arrives from the frame. */
  color?: string
  /** Load the frame in the background once the page is idle (default true): the badge shows unread replies. */
  prefetch?: boolean
}

export type KefuEvent = 'open' | 'close' | 'unread' | 'message'

/** The `window.kefu(…)` command function. */
export interface Kefu {
  (command: 'identify', identity: { id: string; hash: string; name?: string; email?: string }): void
  (command: 'order', orderId: string | null): void
  (command: 'locale', locale: Locale): void
  (command: 'open' | 'close' | 'reset'): void
  (command: 'on', event: KefuEvent, listener: (data?: unknown) => void): void
}

const locales: Locale[] = ['zh-CN', 'zh-TW', 'en']

/** Draws the launcher and returns the command function; the frame comes on first open or when idle. */
export function startWidget(options: WidgetOptions): Kefu {
  const kefuOrigin = new URL(options.kefuUrl).origin
  let locale = options.locale ?? browserLocale(navigator.languages ?? [navigator.language])
  let strings = loaderStrings(locale)
  let open = false
  let identity: FrameIdentity | undefined
  let order: string | null = null
  let resetPending = false
  const listeners: Partial<Record<KefuEvent, ((data?: unknown) => void)[]>> = {}
  const emit = (name: KefuEvent, data?: unknown) => {
    for (const fn of listeners[name] ?? []) {
      try {
        fn(data)
      } catch (err) {
        console.error('[kefu] listener failed', err)
      }
    }
  }

  const launcher = drawLauncher(strings)
  if (options.color && /^#[0-9a-f]{6}$/i.test(options.color)) launcher.setTheme(options.color, 'right')

  const frame = linkFrame({
    kefuOrigin,
    panel: launcher.panel,
    title: () => strings.title,
    onReady() {
      frame.post({
        type: 'kefu:init',
        payload: {
          publicKey: options.key,
          locale,
          page: { url: location.href, title: document.title },
          open,
        },
      })
      if (resetPending) frame.post({ type: 'kefu:reset' })
      resetPending = false
      if (identity) frame.post({ type: 'kefu:identify', payload: identity })
      if (order) frame.post({ type: 'kefu:order', payload: { orderId: order } })
      launcher.setReady(true)
      if (open) frame.focus()
    },
    onMessage(message) {
      if (message.type === 'kefu:opened') emit('open')
      else if (message.type === 'kefu:close') setOpen(false, true)
      else if (message.type === 'kefu:unread') {
        launcher.setUnread(message.payload.count)
        emit('unread', message.payload.count)
      } else if (message.type === 'kefu:theme')
        launcher.setTheme(message.payload.color, message.payload.position)
      else if (message.type === 'kefu:message') emit('message', message.payload)
    },
    onFail() {
      launcher.setReady(false)
      if (open) {
        setOpen(false, false)
        launcher.toast(strings.failed)
      }
    },
  })

  function setOpen(value: boolean, returnFocus: boolean) {
    if (value === open) return
    open = value
    launcher.setOpen(value)
    if (value) {
      frame.ensure()
      frame.post({ type: 'kefu:open' })
      frame.focus()
    } else {
      frame.post({ type: 'kefu:close' })
      if (returnFocus) launcher.button.focus()
      emit('close')
    }
  }

  launcher.button.addEventListener('click', () => setOpen(!open, false))
  addEventListener('keydown', (e) => {
    if (open && e.key === 'Escape') setOpen(false, true)
  })

  if (options.prefetch !== false) {
    const idle = () =>
      'requestIdleCallback' in window
        ? requestIdleCallback(() => frame.ensure(), { timeout: 5000 })
        : setTimeout(() => frame.ensure(), 1500)
    if (document.readyState === 'complete') idle()
    else addEventListener('load', idle, { once: true })
  }

  return ((command: string, ...args: unknown[]) => {
    const [arg, fn] = args
    if (command === 'open' || command === 'close') setOpen(command === 'open', false)
    else if (command === 'on' && typeof fn === 'function') {
      const name = arg as KefuEvent
      listeners[name] = [...(listeners[name] ?? []), fn as (data?: unknown) => void]
    } else if (command === 'locale' && locales.includes(arg as Locale)) {
      locale = arg as Locale
      strings = loaderStrings(locale)
      launcher.setStrings(strings)
      frame.post({ type: 'kefu:locale', payload: { locale } })
    } else if (command === 'identify' && arg && typeof arg === 'object') {
      const { id, hash, name, email } = arg as Record<string, string>
      identity = { userId: String(id), userHash: String(hash), name, email }
      frame.post({ type: 'kefu:identify', payload: identity })
    } else if (command === 'order') {
      order = arg == null ? null : String(arg)
      frame.post({ type: 'kefu:order', payload: { orderId: order } })
    } else if (command === 'reset') {
      identity = undefined
      order = null
      launcher.setUnread(0)
      if (frame.ready) frame.post({ type: 'kefu:reset' })
      else {
        resetPending = true
        frame.ensure()
      }
    } else console.warn(`[kefu] unknown command ${command}`)
  }) as Kefu
}

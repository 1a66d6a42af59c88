import type { LoaderStrings } from './strings.ts'
import { launcherCss } from './styles.ts'

const chatIcon =
  '<svg class="i" viewBox="0 0 24 24" aria-hidden="true"><path d="M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12z"/></svg>'
const closeIcon =
  '<svg class="x" viewBox="0 0 24 24" aria-hidden="true"><path d="M6 6l12 12M18 6L6 18"/></svg>'

export interface Launcher {
  /** Where the frame goes: the panel, only as large as itself. */
  panel: HTMLElement
  button: HTMLButtonElement
  setOpen(open: boolean): void
  setReady(ready: boolean): void
  setUnread(count: number): void
  setTheme(color: string, position: 'left' | 'right'): void
  setStrings(s: LoaderStrings): void
  toast(text: string): void
}

/** Black or white text, whichever reads better on the shop's colour. */
export function textOn(hex: string): string {
  const n = Number.parseInt(hex.slice(1), 16)
  const luma = 0.299 * (n >> 16) + 0.587 * ((n >> 8) & 255) + 0.114 * (n & 255)
  return luma > 170 ? '#111' : '#fff'
}

/** The launcher button, unread badge and panel, drawn in a closed shadow root on the host page. */
export function drawLauncher(strings: LoaderStrings): Launcher {
  const host = document.createElement('kefu-widget')
  const root = host.attachShadow({ mode: 'closed' })
  root.innerHTML = `<style>${launcherCss}</style><div class="w"><div class="p" role="dialog"><div class="s"></div></div><button class="l" type="button" aria-expanded="false">${chatIcon}${closeIcon}<span class="b" hidden></span></button><div class="t" role="status" hidden></div></div>`
  const $ = <T extends HTMLElement>(sel: string) => root.querySelector(sel) as T
  const wrap = $<HTMLDivElement>('.w')
  const panel = $<HTMLDivElement>('.p')
  const button = $<HTMLButtonElement>('.l')
  const badge = $<HTMLSpanElement>('.b')
  const toastBox = $<HTMLDivElement>('.t')
  let s = strings
  let open = false
  let unread = 0
  let toastTimer: ReturnType<typeof setTimeout> | undefined

  const label = () => {
    button.setAttribute('aria-label', open ? s.close : unread ? `${s.open} (${unread} ${s.unread})` : s.open)
    panel.setAttribute('aria-label', s.title)
    $('.s').textContent = s.loading
  }
  const launcher: Launcher = {
    panel,
    button,
    setOpen(value) {
      open = value
      wrap.classList.toggle('open', value)
      button.setAttribute('aria-expanded', String(value))
      if (value) toastBox.hidden = true
      label()
    },
    setReady: (ready) => wrap.classList.toggle('ready', ready),
    setUnread(count) {
      unread = count
      badge.hidden = count === 0
      badge.textContent = count > 99 ? '99+' : String(count)
      label()
    },
    setTheme(color, position) {
      wrap.style.setProperty('--c', color)
      wrap.style.setProperty('--f', textOn(color))
      wrap.classList.toggle('left', position === 'left')
    },
    setStrings(next) {
      s = next
      label()
    },
    toast(text) {
      toastBox.textContent = text
      toastBox.hidden = false
      clearTimeout(toastTimer)
      toastTimer = setTimeout(() => {
        toastBox.hidden = true
      }, 8000)
    },
  }
  launcher.setTheme('#2563eb', 'right')
  label()
  ;(document.body ?? document.documentElement).appendChild(host)
  return launcher
}

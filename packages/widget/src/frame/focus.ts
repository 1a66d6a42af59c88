const focusable =
  'a[href],button:not([disabled]),textarea:not([disabled]),input:not([disabled]):not([type=hidden]),[tabindex]:not([tabindex="-1"])'

/**
 * Keeps Tab inside the panel (wrapping at both ends) and closes on Escape. The panel is a dialog
 * in the buyer's eyes: Tab should not wander into the shop page behind it.
 */
export function trapFocus(root: HTMLElement, onEscape: () => void): () => void {
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault()
      onEscape()
      return
    }
    if (e.key !== 'Tab') return
    const items = Array.from(root.querySelectorAll<HTMLElement>(focusable)).filter(
      (el) => el.offsetParent !== null,
    )
    const first = items[0]
    const last = items.at(-1)
    if (!first || !last) return
    const active = document.activeElement
    if (e.shiftKey && (active === first || !root.contains(active))) {
      e.preventDefault()
      last.focus()
    } else if (!e.shiftKey && (active === last || !root.contains(active))) {
      e.preventDefault()
      first.focus()
    }
  }
  document.addEventListener('keydown', onKey)
  return () => document.removeEventListener('keydown', onKey)
}

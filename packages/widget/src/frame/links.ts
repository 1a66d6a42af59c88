export type TextPart = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string }

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'，。！？、）]+/gi

/**
 * Splits message text into plain text and http(s) links. Everything is rendered as text nodes;
 * only what parses as an http(s) URL becomes an anchor, so `javascript:` and friends stay words.
 */
export function splitLinks(text: string): TextPart[] {
  const parts: TextPart[] = []
  let last = 0
  for (const match of text.matchAll(URL_PATTERN)) {
    let raw = match[0].replace(/[.,;:!?)\]]+$/, '')
    const start = match.index ?? 0
    let href: string | undefined
    try {
      const url = new URL(raw)
      if (url.protocol === 'http:' || url.protocol === 'https:') href = url.href
    } catch {
      raw = ''
    }
    if (!href || !raw) continue
    if (start > last) parts.push({ kind: 'text', text: text.slice(last, start) })
    parts.push({ kind: 'link', text: raw, href })
    last = start + raw.length
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) })
  return parts
}

import type { Conversation } from '@kefu/protocol'
import { t } from '../lib/i18n.ts'

/** The buyer's name, else their email, else "Visitor" and a short stable tag from their id. */
export function visitorName(v: Conversation['visitor']): string {
  return v.name || v.email || t('visitor.anonymous', { id: `#${v.id.slice(-5)}` })
}

const palette = ['#2563eb', '#7c3aed', '#db2777', '#ea580c', '#16a34a', '#0891b2', '#ca8a04', '#4f46e5']

/** A colour per visitor, the same every time, for the avatar circle. */
export function avatarColor(id: string): string {
  let h = 0
  for (const ch of id) h = (h * 31 + ch.charCodeAt(0)) >>> 0
  return palette[h % palette.length]!
}

/** The first character of a name the buyer gave, or null for an anonymous visitor (shown as an icon). */
export function initials(v: Conversation['visitor']): string | null {
  const name = (v.name || v.email || '').trim()
  return name ? Array.from(name)[0]!.toUpperCase() : null
}

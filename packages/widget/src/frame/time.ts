import type { Locale } from '../shared/locale.ts'

const formats = new Map<string, Intl.DateTimeFormat>()

/** 14:05 today; 3月2日 14:05 (or Mar 2, 14:05) on other days. */
export function messageTime(iso: string, locale: Locale, now = new Date()): string {
  const date = new Date(iso)
  const sameDay = date.toDateString() === now.toDateString()
  const key = `${locale}:${sameDay}`
  let format = formats.get(key)
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
      ...(!sameDay && { month: 'short', day: 'numeric' }),
    })
    formats.set(key, format)
  }
  return format.format(date)
}

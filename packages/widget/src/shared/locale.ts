export type Locale = 'zh-CN' | 'zh-TW' | 'en'

/** zh-TW for Traditional Chinese regions, zh-CN for other Chinese, English otherwise. */
export function browserLocale(languages: readonly string[]): Locale {
  for (const lang of languages) {
    const l = lang.toLowerCase()
    if (/^zh-(tw|hk|mo|hant)/.test(l)) return 'zh-TW'
    if (l.startsWith('zh')) return 'zh-CN'
    if (l.startsWith('en')) return 'en'
  }
  return 'en'
}

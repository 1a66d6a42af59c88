import { en, type MessageKey } from './messages-en.ts'
import { zhCN } from './messages-zh.ts'
import { createStore, useStore } from './store.ts'

export type Locale = 'zh-CN' | 'en'
export const locales: Locale[] = ['zh-CN', 'en']

const dictionaries: Record<Locale, Record<MessageKey, string>> = { en, 'zh-CN': zhCN }
const STORAGE_KEY = 'kefu.inbox.locale'

/** The saved choice, else the browser's language: any Chinese → zh-CN, anything else → en. */
function initialLocale(): Locale {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY)
  if (saved === 'zh-CN' || saved === 'en') return saved
  const langs = globalThis.navigator?.languages ?? []
  return langs.some((l) => l.toLowerCase().startsWith('zh')) ? 'zh-CN' : 'en'
}

export const localeStore = createStore({ locale: initialLocale() })

export function setLocale(locale: Locale) {
  localStorage.setItem(STORAGE_KEY, locale)
  document.documentElement.lang = locale
  localeStore.set({ locale })
}

/** Text for `key` in the current language, with `{name}` placeholders filled in. */
export function t(key: MessageKey, vars: Record<string, string | number> = {}): string {
  const text = dictionaries[localeStore.get().locale][key] ?? en[key]
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`))
}

/** Re-renders the component when the language changes; returns the current one. */
export function useLocale(): Locale {
  return useStore(localeStore).locale
}

export type { MessageKey }

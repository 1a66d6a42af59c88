import type { Locale } from '../shared/locale.ts'

/** The few words the loader itself shows; everything else is in the frame. */
const strings: Record<Locale, string[]> = {
  en: [
    'Chat with support',
    'Close support chat',
    'Support chat',
    'Loading…',
    'Support is unreachable right now. Please try again shortly.',
    'unread',
  ],
  'zh-CN': ['联系客服', '关闭客服窗口', '在线客服', '加载中…', '客服暂时无法连接，请稍后再试。', '条未读'],
  'zh-TW': ['聯絡客服', '關閉客服視窗', '線上客服', '載入中…', '客服暫時無法連線，請稍後再試。', '則未讀'],
}

export interface LoaderStrings {
  open: string
  close: string
  title: string
  loading: string
  failed: string
  unread: string
}

export function loaderStrings(locale: Locale): LoaderStrings {
  const [open = '', close = '', title = '', loading = '', failed = '', unread = ''] = strings[locale]
  return { open, close, title, loading, failed, unread }
}

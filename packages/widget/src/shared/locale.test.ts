import { expect, it } from 'vitest'
import { browserLocale } from './locale.ts'

it('picks the first language the widget speaks', () => {
  expect(browserLocale(['zh-TW', 'en'])).toBe('zh-TW')
  expect(browserLocale(['zh-HK'])).toBe('zh-TW')
  expect(browserLocale(['zh-Hant-TW'])).toBe('zh-TW')
  expect(browserLocale(['zh'])).toBe('zh-CN')
  expect(browserLocale(['zh-SG'])).toBe('zh-CN')
  expect(browserLocale(['fr-FR', 'zh-CN'])).toBe('zh-CN')
  expect(browserLocale(['en-GB'])).toBe('en')
  expect(browserLocale(['fr-FR'])).toBe('en')
  expect(browserLocale([])).toBe('en')
})

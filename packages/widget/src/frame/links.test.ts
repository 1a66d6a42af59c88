import { expect, it } from 'vitest'
import { splitLinks } from './links.ts'

it('turns only http(s) addresses into links', () => {
  expect(splitLinks('see https://shop.example/o/1, thanks')).toEqual([
    { kind: 'text', text: 'see ' },
    { kind: 'link', text: 'https://shop.example/o/1', href: 'https://shop.example/o/1' },
    { kind: 'text', text: ', thanks' },
  ])
  for (const evil of ['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:x']) {
    expect(splitLinks(evil)).toEqual([{ kind: 'text', text: evil }])
  }
  expect(splitLinks('[x](javascript:alert(1)) <img src=x onerror=alert(1)>')).toEqual([
    { kind: 'text', text: '[x](javascript:alert(1)) <img src=x onerror=alert(1)>' },
  ])
})

it('stops a link at Chinese punctuation', () => {
  expect(splitLinks('订单页面：https://shop.example/o/1。谢谢').map((p) => p.kind)).toEqual([
    'text',
    'link',
    'text',
  ])
})

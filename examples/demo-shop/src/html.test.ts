import { describe, expect, it } from 'vitest'
import { escapeHtml, html, raw, scriptJson } from './html.ts'

describe('html', () => {
  it('escapes every interpolated string, including inside arrays', () => {
    const evil = '<img src=x onerror=alert(1)>'
    const out = html`<p title="${evil}">${evil}${[evil, html`<b>${evil}</b>`]}</p>`.value
    expect(out).not.toContain('<img')
    expect(out).toContain('<b>&lt;img src=x onerror=alert(1)&gt;</b>')
    expect(out).toContain('title="&lt;img src=x onerror=alert(1)&gt;"')
  })

  it('keeps nested html and raw markup as markup', () => {
    expect(html`<div>${html`<i>${'a&b'}</i>`}${raw('<hr>')}</div>`.value).toBe(
      '<div><i>a&amp;b</i><hr></div>',
    )
  })

  it('escapes quotes for attributes', () => {
    expect(escapeHtml(`"'`)).toBe('&quot;&#39;')
  })

  it('makes values safe inside a script element', () => {
    const out = scriptJson({ name: '</script><script>alert(1)</script>', x: 'a\u2028b' })
    expect(out).not.toMatch(/[<>\u2028]/)
    expect(JSON.parse(out)).toEqual({ name: '</script><script>alert(1)</script>', x: 'a\u2028b' })
  })
})

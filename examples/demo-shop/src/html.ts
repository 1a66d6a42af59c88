/**
 * HTML built from template literals where every interpolated value is escaped unless it is
 * already `Html` (built by this same tag). Order text, emails and titles are untrusted.
 */
const brand = Symbol('html')

export interface Html {
  readonly [brand]: true
  readonly value: string
}

type Part = Html | string | number | null | undefined | false | readonly Part[]

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char)
}

function isHtml(part: unknown): part is Html {
  return typeof part === 'object' && part !== null && brand in part
}

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return ''
  if (isHtml(part)) return part.value
  if (Array.isArray(part)) return part.map(render).join('')
  return escapeHtml(String(part))
}

/** Trusted markup; only for strings this program wrote itself. */
export function raw(value: string): Html {
  return { [brand]: true, value }
}

export function html(strings: TemplateStringsArray, ...parts: Part[]): Html {
  let out = strings[0] ?? ''
  parts.forEach((part, index) => {
    out += render(part) + (strings[index + 1] ?? '')
  })
  return raw(out)
}

/**
 * A value as a JavaScript literal inside `<script>`: JSON with `<`, `>`, `&` and the line
 * separators escaped, so no value can close the script element or start a comment.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
}

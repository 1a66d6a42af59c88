import type { Locale } from '../shared/locale.ts'
import { installKefu } from './install.ts'

/*
 * The script tag: `<script async src="https://KEFU/widget.js" data-key="pk_…"></script>`.
 * Kefu's origin comes from the tag's own src. Optional: data-locale, data-color, data-prefetch="false".
 */
const script =
  (document.currentScript as HTMLScriptElement | null) ??
  Array.from(document.querySelectorAll<HTMLScriptElement>('script[src]')).find((s) =>
    /\/widget\.js([?#]|$)/.test(s.src),
  )
const data = script?.dataset

if (!script || !data?.key) console.error('[kefu] widget.js needs data-key="pk_…" on its script tag')
else
  installKefu({
    key: data.key,
    kefuUrl: script.src,
    ...(data.locale && { locale: data.locale as Locale }),
    ...(data.color && { color: data.color }),
    prefetch: data.prefetch !== 'false',
  })

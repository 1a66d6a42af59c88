import type { RefObject } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import { inbox } from '../inbox/state.ts'
import { t } from '../lib/i18n.ts'
import { useStore } from '../lib/store.ts'

/** The `/` menu: canned replies filtered by shortcut, title or text; arrows move, Enter picks. */
export function CannedPicker({
  query,
  onPick,
  onClose,
  anchor,
}: {
  query: string
  onPick: (text: string) => void
  onClose: () => void
  anchor: RefObject<HTMLTextAreaElement>
}) {
  const { cannedReplies } = useStore(inbox)
  const [filter, setFilter] = useState(query)
  const [index, setIndex] = useState(0)
  useEffect(() => setFilter(query), [query])
  const q = filter.toLowerCase()
  const matches = cannedReplies.filter(
    (r) =>
      !q ||
      r.shortcut.toLowerCase().includes(q) ||
      r.title.toLowerCase().includes(q) ||
      r.text.toLowerCase().includes(q),
  )

  useEffect(() => {
    setIndex(0)
  }, [filter])

  useEffect(() => {
    const el = anchor.current
    if (!el) return
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'ArrowDown') setIndex((i) => Math.min(matches.length - 1, i + 1))
      else if (e.key === 'ArrowUp') setIndex((i) => Math.max(0, i - 1))
      else if (e.key === 'Enter' || e.key === 'Tab') {
        const pick = matches[index]
        if (pick) onPick(pick.text)
        else onClose()
      } else if (e.key === 'Escape') onClose()
      else return
      e.preventDefault()
    }
    el.addEventListener('keydown', onKey)
    return () => el.removeEventListener('keydown', onKey)
  }, [matches, index, anchor.current])

  return (
    <div class="canned" role="listbox" aria-label={t('composer.canned')} data-testid="canned-picker">
      <div class="canned-head">
        <span>/</span>
        <input
          value={filter}
          placeholder={t('canned.search')}
          onInput={(e) => setFilter(e.currentTarget.value)}
          aria-label={t('canned.search')}
        />
      </div>
      {matches.length === 0 && <div class="canned-empty">{t('canned.none')}</div>}
      <ul>
        {matches.slice(0, 8).map((r, i) => (
          <li key={r.id}>
            <button
              type="button"
              role="option"
              aria-selected={i === index}
              class={i === index ? 'on' : ''}
              onMouseEnter={() => setIndex(i)}
              onMouseDown={(e) => {
                e.preventDefault()
                onPick(r.text)
              }}
            >
              <span class="canned-title">
                <code>/{r.shortcut}</code> {r.title}
              </span>
              <span class="canned-text">{r.text}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  )
}

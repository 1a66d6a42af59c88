import { useEffect, useState } from 'preact/hooks'
import type { View } from '../inbox/state.ts'
import { t } from '../lib/i18n.ts'
import { Icon } from './icons.tsx'

/** Mine / unassigned / all, as tabs. */
export function ViewTabs({
  views,
  value,
  testId,
  onChange,
}: {
  views: readonly View[]
  value: View
  /** Each tab gets `${testId}-${view}`. */
  testId?: string
  onChange: (view: View) => void
}) {
  return (
    <div class="tabs" role="tablist">
      {views.map((v) => (
        <button
          type="button"
          role="tab"
          key={v}
          aria-selected={value === v}
          class={value === v ? 'on' : ''}
          data-testid={testId && `${testId}-${v}`}
          onClick={() => onChange(v)}
        >
          {t(`view.${v}`)}
        </button>
      ))}
    </div>
  )
}

/**
 * The list's search box. What is typed is searched for once typing pauses for 250 ms; `value` is
 * the search in effect. `onSearch` should be one function for the box's life (it is an effect's dependency).
 */
export function SearchBox({
  value,
  name,
  placeholder,
  onSearch,
}: {
  value: string
  name?: string
  placeholder: string
  onSearch: (q: string) => void
}) {
  const [q, setQ] = useState(value)
  useEffect(() => {
    if (q === value) return
    const id = setTimeout(() => onSearch(q), 250)
    return () => clearTimeout(id)
  }, [q, value, onSearch])
  return (
    <label class="search">
      <Icon name="search" size={15} />
      <input
        type="search"
        name={name}
        placeholder={placeholder}
        aria-label={placeholder}
        value={q}
        onInput={(e) => setQ(e.currentTarget.value)}
      />
    </label>
  )
}

/** A filter over a fixed list of values, in which '' stands for "any". */
export function FilterSelect<V extends string>({
  name,
  label,
  values,
  value,
  optionLabel,
  onChange,
}: {
  name?: string
  /** What it filters by, for screen readers. */
  label: string
  values: readonly V[]
  value: V
  optionLabel: (value: V) => string
  onChange: (value: V) => void
}) {
  return (
    <select
      class="status-select"
      name={name}
      aria-label={label}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value as V)}
    >
      {values.map((v) => (
        <option key={v} value={v}>
          {optionLabel(v)}
        </option>
      ))}
    </select>
  )
}

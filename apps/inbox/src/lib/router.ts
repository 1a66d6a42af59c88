import { useEffect, useReducer } from 'preact/hooks'

/** Client-side routes under /inbox/ (the API falls back to index.html for them). */
const BASE = '/inbox'
const listeners = new Set<() => void>()

export function currentPath(): string {
  const path = location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length) : location.pathname
  return path.replace(/\/+$/, '') || '/'
}

export function navigate(path: string, replace = false): void {
  const url = `${BASE}${path}`
  if (replace) history.replaceState(null, '', url)
  else history.pushState(null, '', url)
  for (const l of listeners) l()
}

addEventListener('popstate', () => {
  for (const l of listeners) l()
})

/** The path after /inbox, re-rendering on navigation. */
export function usePath(): string {
  const [, bump] = useReducer((n: number) => n + 1, 0)
  const rerender = () => bump(undefined)
  useEffect(() => {
    listeners.add(rerender)
    return () => listeners.delete(rerender)
  }, [])
  return currentPath()
}

/** `#token=…` from a one-time link; kept out of the query so it never reaches logs or Referer. */
export function hashParam(name: string): string | null {
  return new URLSearchParams(location.hash.slice(1)).get(name)
}

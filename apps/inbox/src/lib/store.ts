import { useEffect, useReducer } from 'preact/hooks'

/** A tiny observable state holder: components re-render when it changes. */
export interface Store<T> {
  get(): T
  set(patch: Partial<T> | ((state: T) => Partial<T>)): void
  subscribe(listener: () => void): () => void
}

export function createStore<T extends object>(initial: T): Store<T> {
  let state = initial
  const listeners = new Set<() => void>()
  return {
    get: () => state,
    set(patch) {
      state = { ...state, ...(typeof patch === 'function' ? patch(state) : patch) }
      for (const l of listeners) l()
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}

export function useStore<T extends object>(store: Store<T>): T {
  const [, bump] = useReducer((n: number) => n + 1, 0)
  const rerender = () => bump(undefined)
  useEffect(() => store.subscribe(rerender), [store])
  return store.get()
}

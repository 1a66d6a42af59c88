import { useEffect, useState } from 'preact/hooks'

/** The smallest store that works: one state value, replaced whole, with subscribers. */
export class Store<T> {
  private listeners = new Set<(state: T) => void>()
  constructor(private state: T) {}

  get(): T {
    return this.state
  }

  update(change: (state: T) => T) {
    const next = change(this.state)
    if (next === this.state) return
    this.state = next
    for (const fn of this.listeners) fn(next)
  }

  subscribe(fn: (state: T) => void): () => void {
    this.listeners.add(fn)
    return () => this.listeners.delete(fn)
  }
}

export function useStore<T>(store: Store<T>): T {
  const [state, setState] = useState(store.get())
  useEffect(() => {
    setState(store.get())
    return store.subscribe(setState)
  }, [store])
  return state
}

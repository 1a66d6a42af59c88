/**
 * The frame's own (partitioned, per shop site) localStorage, one namespace per shop key. Never
 * cookies. Where storage is blocked the widget still works for the page's lifetime, in memory.
 */
export interface FrameStorage {
  get<T>(name: string): T | undefined
  set(name: string, value: unknown): void
  remove(name: string): void
}

export function shopStorage(publicKey: string): FrameStorage {
  const memory = new Map<string, string>()
  const key = (name: string) => `kefu:${publicKey}:${name}`
  const read = (k: string) => {
    try {
      return localStorage.getItem(k)
    } catch {
      return memory.get(k) ?? null
    }
  }
  return {
    get<T>(name: string) {
      const raw = read(key(name))
      if (raw === null) return undefined
      try {
        return JSON.parse(raw) as T
      } catch {
        return undefined
      }
    },
    set(name, value) {
      const raw = JSON.stringify(value)
      memory.set(key(name), raw)
      try {
        localStorage.setItem(key(name), raw)
      } catch {
        // Blocked or full: the in-memory copy carries on.
      }
    },
    remove(name) {
      memory.delete(key(name))
      try {
        localStorage.removeItem(key(name))
      } catch {}
    },
  }
}

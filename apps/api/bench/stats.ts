import { readdirSync, readFileSync } from 'node:fs'

export interface Summary {
  count: number
  p50: number
  p90: number
  p99: number
  max: number
  mean: number
}

/** Nearest-rank percentiles of a sample, in the sample's unit. */
export function summarise(values: number[]): Summary {
  if (!values.length)
    return { count: 0, p50: Number.NaN, p90: Number.NaN, p99: Number.NaN, max: Number.NaN, mean: Number.NaN }
  const sorted = Float64Array.from(values).sort()
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!
  let sum = 0
  for (const v of sorted) sum += v
  return {
    count: sorted.length,
    p50: round(at(0.5)),
    p90: round(at(0.9)),
    p99: round(at(0.99)),
    max: round(sorted[sorted.length - 1]!),
    mean: round(sum / sorted.length),
  }
}

export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits

/** Resident set size of a process in MB, from /proc/<pid>/status (VmRSS), or NaN once it is gone. */
export function rssMb(pid: number): number {
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return m ? round(Number(m[1]) / 1024, 1) : Number.NaN
  } catch {
    return Number.NaN
  }
}

/** The soft and hard "Max open files" of a process. */
export function openFileLimit(pid: number | 'self'): { soft: number; hard: number } | undefined {
  try {
    const m = /^Max open files\s+(\d+|unlimited)\s+(\d+|unlimited)/m.exec(
      readFileSync(`/proc/${pid}/limits`, 'utf8'),
    )
    if (!m) return undefined
    const n = (s: string) => (s === 'unlimited' ? Number.POSITIVE_INFINITY : Number(s))
    return { soft: n(m[1]!), hard: n(m[2]!) }
  } catch {
    return undefined
  }
}

export const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').trim()

const TICKS_PER_SECOND = 100

/** CPU seconds (user + system) a process has used, from /proc/<pid>/stat. */
export function cpuSeconds(pid: number | 'self'): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The command name may contain spaces; fields after it are fixed.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND
  } catch {
    return Number.NaN
  }
}

/** CPU seconds per live `postgres` process, keyed by pid (backends come and go). */
export function postgresCpu(): Map<number, number> {
  const out = new Map<number, number>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
      if (comm !== 'postgres') continue
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      out.set(Number(entry), (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND)
    } catch {
      // the process ended while we looked
    }
  }
  return out
}

/** CPU seconds postgres processes used between two snapshots (processes that ended are not counted). */
export function postgresCpuSince(before: Map<number, number>): number {
  let total = 0
  for (const [pid, now] of postgresCpu()) total += now - (before.get(pid) ?? 0)
  return round(total)
}

/** Whole-machine busy and total jiffies, from /proc/stat. */
export function machineCpu(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!
  const v = line.trim().split(/\s+/).slice(1).map(Number)
  const idle = (v[3] ?? 0) + (v[4] ?? 0)
  const total = v.reduce((a, b) => a + b, 0)
  return { busy: total - idle, total }
}

export function machineBusyPercent(before: { busy: number; total: number }): number {
  const now = machineCpu()
  const total = now.total - before.total
  return total > 0 ? round(((now.busy - before.busy) / total) * 100, 1) : Number.NaN
}

/** Runs `work` over `items` with at most `limit` in flight. */
export async function mapLimit<T, R>(items: T[], limit: number, work: (item: T, i: number) => Promise<R>) {
  const out = new Array<R>(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      out[i] = await work(items[i]!, i)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return out
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

/**
 * Waits until a process uses under `percent` of a core for two consecutive seconds (or `capMs`
 * passes); returns how long that took.
 */
export async function waitQuiet(pid: number, capMs: number, percent = 3): Promise<number> {
  const start = performance.now()
  let calm = 0
  let last = cpuSeconds(pid)
  while (performance.now() - start < capMs && calm < 2) {
    await sleep(1000)
    const now = cpuSeconds(pid)
    if (Number.isNaN(now)) break
    calm = (now - last) * 100 < percent ? calm + 1 : 0
    last = now
  }
  return round((performance.now() - start) / 1000, 1)
}

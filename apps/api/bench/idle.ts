import type WebSocket from 'ws'
import { isReadyFrame, openSocket, terminateAll, wsUrl } from './sockets.ts'
import { openFileLimit, round, rssMb, sleep } from './stats.ts'

export interface IdleResult {
  target: number
  ready: number
  failed: number
  failures: Record<string, number>
  openMs: number
  serverOpenFiles: { soft: number; hard: number } | undefined
  rssMb: { before: number; atReady: number; settled: number; afterClose: number }
  /** (settled − before) ÷ ready sockets. */
  kbPerSocket: number
  /** (settled − RSS at the first tenth of the sockets) ÷ the other nine tenths: start-up costs left out. */
  kbPerSocketMarginal: number
}

/**
 * Opens `tokens.length` visitor sockets (at most `concurrency` handshakes in flight), waits for
 * every `ready`, holds them for `holdMs` and reads the server's RSS.
 */
export async function runIdle(
  o: {
    baseUrl: string
    pid: number
    tokens: string[]
    concurrency: number
    holdMs: number
    deadlineMs: number
  },
  log: (line: string) => void,
): Promise<IdleResult> {
  const sockets: WebSocket[] = []
  const failures: Record<string, number> = {}
  const before = rssMb(o.pid)
  const start = performance.now()
  const deadline = start + o.deadlineMs
  let next = 0
  let ready = 0
  let lastReport = start
  const tenth = Math.max(1, Math.floor(o.tokens.length / 10))
  let atTenth: { ready: number; rss: number } | undefined
  try {
    const worker = async () => {
      while (next < o.tokens.length && performance.now() < deadline) {
        const token = o.tokens[next++]!
        try {
          const ws = await openSocket(wsUrl(o.baseUrl, '/v1/widget/ws'), {
            firstFrame: JSON.stringify({ type: 'auth', token }),
            isReady: isReadyFrame,
            timeoutMs: 30_000,
          })
          sockets.push(ws)
          ready++
          if (ready === tenth) atTenth = { ready, rss: rssMb(o.pid) }
        } catch (err) {
          const key = (err as Error).message.slice(0, 60)
          failures[key] = (failures[key] ?? 0) + 1
        }
        if (performance.now() - lastReport > 5000) {
          lastReport = performance.now()
          log(`  … ${ready} ready, server RSS ${rssMb(o.pid)} MB`)
        }
      }
    }
    await Promise.all(Array.from({ length: o.concurrency }, worker))
    const openMs = round(performance.now() - start, 0)
    const atReady = rssMb(o.pid)
    log(
      `  ${ready}/${o.tokens.length} idle sockets ready in ${openMs} ms, server RSS ${atReady} MB; holding ${o.holdMs} ms`,
    )
    await sleep(o.holdMs)
    const stillOpen = sockets.filter((ws) => ws.readyState === ws.OPEN).length
    if (stillOpen !== ready) failures[`closed while idle`] = ready - stillOpen
    const settled = rssMb(o.pid)
    const serverOpenFiles = openFileLimit(o.pid)
    terminateAll(sockets)
    sockets.length = 0
    await sleep(3000)
    const afterClose = rssMb(o.pid)
    return {
      target: o.tokens.length,
      ready: stillOpen,
      failed: o.tokens.length - stillOpen,
      failures,
      openMs,
      serverOpenFiles,
      rssMb: { before, atReady, settled, afterClose },
      kbPerSocket: stillOpen ? round(((settled - before) * 1024) / stillOpen, 1) : Number.NaN,
      kbPerSocketMarginal:
        atTenth && stillOpen > atTenth.ready
          ? round(((settled - atTenth.rss) * 1024) / (stillOpen - atTenth.ready), 1)
          : Number.NaN,
    }
  } finally {
    terminateAll(sockets)
  }
}

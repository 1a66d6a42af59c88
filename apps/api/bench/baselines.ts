import { openDatabase } from '@kefu/db'
import type WebSocket from 'ws'
import { spawnNode } from './kefu.ts'
import { openSocket, terminateAll } from './sockets.ts'
import { mapLimit, round, rssMb, type Summary, sleep, summarise } from './stats.ts'

export interface InsertResult {
  clients: number
  seconds: number
  rows: number
  rowsPerSecond: number
  latencyMs: Summary
}

/** Single-row INSERTs through `pg` (the pool Kefu uses), one after another or from `clients` at once. */
export async function insertBaseline(
  url: string,
  clientsList: number[],
  seconds: number,
): Promise<InsertResult[]> {
  const database = await openDatabase({ url, driver: 'postgres', maxConnections: Math.max(...clientsList) })
  if (database.raw.driver !== 'postgres') throw new Error('expected the pg driver')
  const pool = database.raw.pool
  try {
    await pool.query(
      'CREATE TABLE bench_insert (id bigserial PRIMARY KEY, conversation_id text NOT NULL, body text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())',
    )
    const results: InsertResult[] = []
    for (const clients of clientsList) {
      // Open the connections first so connecting is not measured.
      await Promise.all(Array.from({ length: clients }, () => pool.query('SELECT 1')))
      const latencies: number[] = []
      const start = performance.now()
      const end = start + seconds * 1000
      await Promise.all(
        Array.from({ length: clients }, async (_, c) => {
          let n = 0
          while (performance.now() < end) {
            const t = performance.now()
            await pool.query('INSERT INTO bench_insert (conversation_id, body) VALUES ($1, $2)', [
              `conv_${c}`,
              `baseline row ${n++} from client ${c}`,
            ])
            latencies.push(performance.now() - t)
          }
        }),
      )
      const elapsed = (performance.now() - start) / 1000
      results.push({
        clients,
        seconds: round(elapsed, 2),
        rows: latencies.length,
        rowsPerSecond: round(latencies.length / elapsed, 0),
        latencyMs: summarise(latencies),
      })
    }
    await pool.query('DROP TABLE bench_insert')
    return results
  } finally {
    await database.close()
  }
}

export interface EchoResult {
  connections: number
  rate: number
  roundTrips: number
  completed: number
  sentPerSecond: number
  rttMs: Summary
  idle: { sockets: number; rssBeforeMb: number; rssMb: number; kbPerSocket: number } | undefined
}

const FRAME_PAD = 'x'.repeat(120)

/**
 * A bare `ws` server in a child process: `count` round trips sent open-loop at `rate`/s over
 * `connections` sockets, then (if `idleSockets`) that many idle sockets and the child's RSS.
 */
export async function echoBaseline(
  o: { rate: number; count: number; connections: number; idleSockets: number; nofile: number },
  log: (line: string) => void,
): Promise<EchoResult> {
  const server = spawnNode('bench/echo-server.ts', {}, o.nofile)
  const sockets: WebSocket[] = []
  try {
    await server.waitFor('echo listening', 30_000)
    const port = /echo listening (\d+)/.exec(server.output())![1]
    const url = `ws://127.0.0.1:${port}`
    const sentAt = new Float64Array(o.count)
    const rtt: number[] = []
    const onMessage = (raw: string, at: number) => {
      const i = Number(raw.slice(0, raw.indexOf(':')))
      if (sentAt[i]) rtt.push(at - sentAt[i]!)
    }
    for (let c = 0; c < o.connections; c++) sockets.push(await openSocket(url, { onMessage }))
    await sleep(200)
    const t0 = performance.now()
    let sent = 0
    await new Promise<void>((resolve) => {
      const tick = () => {
        const due = Math.min(o.count, Math.floor(((performance.now() - t0) / 1000) * o.rate) + 1)
        while (sent < due) {
          const i = sent++
          sentAt[i] = performance.now()
          sockets[i % sockets.length]!.send(`${i}:{"type":"message.send","text":"${FRAME_PAD}"}`)
        }
        if (sent >= o.count) resolve()
        else setTimeout(tick, 1)
      }
      tick()
    })
    const sentPerSecond = round(o.count / ((performance.now() - t0) / 1000), 1)
    const drainUntil = performance.now() + 5000
    while (rtt.length < o.count && performance.now() < drainUntil) await sleep(20)
    terminateAll(sockets.splice(0))

    let idle: EchoResult['idle']
    if (o.idleSockets > 0) {
      await sleep(1000)
      const rssBefore = rssMb(server.pid)
      const opened = await mapLimit(Array.from({ length: o.idleSockets }), 100, () =>
        openSocket(url).then(
          (ws) => {
            sockets.push(ws)
            return true
          },
          () => false,
        ),
      )
      const ok = opened.filter(Boolean).length
      await sleep(3000)
      const rss = rssMb(server.pid)
      idle = {
        sockets: ok,
        rssBeforeMb: rssBefore,
        rssMb: rss,
        kbPerSocket: round(((rss - rssBefore) * 1024) / ok, 1),
      }
      log(`  raw ws: ${ok} idle sockets, echo server RSS ${rssBefore} → ${rss} MB`)
    }
    return {
      connections: o.connections,
      rate: o.rate,
      roundTrips: o.count,
      completed: rtt.length,
      sentPerSecond,
      rttMs: summarise(rtt),
      idle,
    }
  } finally {
    terminateAll(sockets)
    await server.stop()
  }
}

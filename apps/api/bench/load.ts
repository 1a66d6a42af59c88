import { randomBytes } from 'node:crypto'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import type WebSocket from 'ws'
import type { BenchVisitor } from './kefu.ts'
import { isReadyFrame, openSocket, terminateAll, wsUrl } from './sockets.ts'
import {
  cpuSeconds,
  machineBusyPercent,
  machineCpu,
  mapLimit,
  postgresCpu,
  postgresCpuSince,
  round,
  rssMb,
  type Summary,
  sleep,
  summarise,
  waitQuiet,
} from './stats.ts'

export interface LoadOptions {
  baseUrl: string
  pid: number
  agentCookies: string[]
  visitors: BenchVisitor[]
  rate: number
  seconds: number
  warmupSeconds: number
  /** How long after the last send a message may still be acked or delivered. */
  drainMs: number
  /** A visitor token for one extra, silent socket: WebSocket ping → pong through the server's event loop. */
  probeToken: string
  /** Started with the load, stopped at the end of the drain; its result goes into `database`. */
  sampler?: { start(): void; stop(): Promise<Record<string, number>> }
}

interface Rec {
  scheduledAt: number
  sentAt: number
  ackAt: number
  agentAt: number
  agents: number
  error: string | undefined
  measured: boolean
}

export interface LoadResult {
  visitors: number
  agents: number
  targetRate: number
  seconds: number
  warmupSeconds: number
  connectMs: number
  sent: number
  /** Messages per second the visitors sent, acked and the agents received, measured window only. */
  sentPerSecond: number
  ackedPerSecond: number
  deliveredPerSecond: number
  sendToAgentMs: Summary
  sendToAckMs: Summary
  lost: number
  lostDetail: { noAck: number; noAgent: number; rejected: Record<string, number>; notSent: number }
  deliveredToEveryAgent: number
  socketsClosedDuringLoad: Record<string, number>
  /** Client-side sanity: how late the scheduler sent, and the bench's own event-loop delay. */
  clientSendLagMs: Summary
  clientEventLoopDelayMs: { p50: number; p99: number; max: number }
  rssMb: {
    beforeConnect: number
    beforeLoad: number
    max: number
    end: number
    samples: Array<[number, number]>
  }
  cpu: { serverPercent: number; postgresPercent: number; benchPercent: number; machineBusyPercent: number }
  /** WebSocket ping round trips on an idle socket during the load: how late the server's event loop answers. */
  serverPingMs: Summary
  /** After the drain: how long the server stayed busy, and what had arrived by then. */
  backlog: {
    busySeconds: number
    ackedEventually: number
    deliveredEventually: number
    everyAgentEventually: number
  }
  /** Samples of the server's connections in pg_stat_activity: state/wait event → share of samples. */
  database: Record<string, number>
  perSecond: Array<{ second: number; sent: number; p50: number; p99: number; max: number }>
}

const TEXT = '你好，请问这张卡还有货吗？ Is this card still in stock, and can it ship today?'

/** V visitor sockets and A agent sockets; visitors send `message.send` at an aggregate rate, open loop. */
export async function runLoad(o: LoadOptions, log: (line: string) => void): Promise<LoadResult> {
  const tag = randomBytes(3).toString('hex')
  const total = Math.round(o.rate * (o.warmupSeconds + o.seconds))
  const firstMeasured = Math.round(o.rate * o.warmupSeconds)
  const recs: Rec[] = []
  const indexOf = (clientId: string) => {
    // clientId = b<tag>_<index>
    if (!clientId.startsWith(`b${tag}_`)) return -1
    return Number(clientId.slice(tag.length + 2))
  }
  const rejectedNoId: Record<string, number> = {}
  const closed: Record<string, number> = {}
  let loadRunning = false
  const sockets: WebSocket[] = []
  let pinger: NodeJS.Timeout | undefined

  const onAgentMessage = (raw: string, at: number) => {
    if (!raw.includes('message.created')) return
    const e = JSON.parse(raw) as { type: string; message?: { clientId?: string | null } }
    if (e.type !== 'message.created' || !e.message?.clientId) return
    const r = recs[indexOf(e.message.clientId)]
    if (!r) return
    if (!r.agentAt) r.agentAt = at
    r.agents++
  }
  const onVisitorMessage = (raw: string, at: number) => {
    if (raw.startsWith('{"type":"ack"')) {
      const e = JSON.parse(raw) as { clientId: string }
      const r = recs[indexOf(e.clientId)]
      if (r && !r.ackAt) r.ackAt = at
    } else if (raw.startsWith('{"type":"error"')) {
      const e = JSON.parse(raw) as { code: string; clientId?: string }
      const r = e.clientId ? recs[indexOf(e.clientId)] : undefined
      if (r) r.error ??= e.code
      else rejectedNoId[e.code] = (rejectedNoId[e.code] ?? 0) + 1
    }
  }
  const watchClose = (ws: WebSocket, who: string) =>
    ws.on('close', (code) => {
      if (loadRunning) closed[`${who}:${code}`] = (closed[`${who}:${code}`] ?? 0) + 1
    })

  const rssBeforeConnect = rssMb(o.pid)
  const connectStart = performance.now()
  try {
    const agentSockets = await Promise.all(
      o.agentCookies.map((cookie) =>
        openSocket(wsUrl(o.baseUrl, '/v1/ws'), {
          headers: { cookie, origin: o.baseUrl },
          onMessage: onAgentMessage,
          isReady: isReadyFrame,
        }),
      ),
    )
    sockets.push(...agentSockets)
    for (const ws of agentSockets) watchClose(ws, 'agent')
    const visitorSockets = await mapLimit(o.visitors, 50, (v) =>
      openSocket(wsUrl(o.baseUrl, '/v1/widget/ws'), {
        firstFrame: JSON.stringify({ type: 'auth', token: v.token }),
        onMessage: onVisitorMessage,
        isReady: isReadyFrame,
      }).then((ws) => {
        sockets.push(ws)
        watchClose(ws, 'visitor')
        return ws
      }),
    )
    const probe = await openSocket(wsUrl(o.baseUrl, '/v1/widget/ws'), {
      firstFrame: JSON.stringify({ type: 'auth', token: o.probeToken }),
      isReady: isReadyFrame,
    })
    sockets.push(probe)
    const pings: number[] = []
    let pingSentAt = 0
    probe.on('pong', () => {
      if (pingSentAt) pings.push(performance.now() - pingSentAt)
      pingSentAt = 0
    })
    pinger = setInterval(() => {
      if (pingSentAt || probe.readyState !== probe.OPEN) return
      pingSentAt = performance.now()
      probe.ping()
    }, 100)
    const connectMs = round(performance.now() - connectStart, 0)
    log(
      `  ${agentSockets.length} agent and ${visitorSockets.length} visitor sockets ready in ${connectMs} ms`,
    )
    await sleep(1000)

    const rssSamples: Array<[number, number]> = []
    const rssBeforeLoad = rssMb(o.pid)
    const loop = monitorEventLoopDelay({ resolution: 5 })
    const serverCpu0 = cpuSeconds(o.pid)
    const pg0 = postgresCpu()
    const bench0 = process.cpuUsage()
    const machine0 = machineCpu()
    loop.enable()
    o.sampler?.start()
    pings.length = 0
    loadRunning = true
    const t0 = performance.now()
    const sampler = setInterval(
      () => rssSamples.push([round((performance.now() - t0) / 1000, 1), rssMb(o.pid)]),
      500,
    )
    let sent = 0
    let notSent = 0
    log(
      `  sending ${total} messages at ${o.rate}/s (${o.warmupSeconds} s warm-up + ${o.seconds} s measured), ${round(o.rate / o.visitors.length, 2)}/s per visitor`,
    )
    await new Promise<void>((resolve) => {
      const tick = () => {
        const due = Math.min(total, Math.floor(((performance.now() - t0) / 1000) * o.rate) + 1)
        while (sent < due) {
          const i = sent++
          const v = o.visitors[i % o.visitors.length]!
          const ws = visitorSockets[i % visitorSockets.length]!
          const scheduledAt = t0 + (i / o.rate) * 1000
          const rec: Rec = {
            scheduledAt,
            sentAt: 0,
            ackAt: 0,
            agentAt: 0,
            agents: 0,
            error: undefined,
            measured: i >= firstMeasured,
          }
          recs[i] = rec
          if (ws.readyState !== ws.OPEN) {
            notSent++
            continue
          }
          rec.sentAt = performance.now()
          ws.send(
            JSON.stringify({
              type: 'message.send',
              conversationId: v.conversationId,
              clientId: `b${tag}_${i}`,
              text: `${TEXT} #${i}`,
            }),
          )
        }
        if (sent >= total) resolve()
        else setTimeout(tick, 1)
      }
      tick()
    })
    const lastSendAt = performance.now()
    const measuredRecs = recs.slice(firstMeasured)
    const settled = (r: Rec) => !r.sentAt || !!r.error || (r.ackAt && r.agents >= agentSockets.length)
    while (performance.now() - lastSendAt < o.drainMs && !measuredRecs.every(settled)) await sleep(50)
    clearInterval(sampler)
    clearInterval(pinger)
    const database = (await o.sampler?.stop()) ?? {}
    loadRunning = false
    const elapsed = (performance.now() - t0) / 1000
    const cpu = {
      serverPercent: round(((cpuSeconds(o.pid) - serverCpu0) / elapsed) * 100, 1),
      postgresPercent: round((postgresCpuSince(pg0) / elapsed) * 100, 1),
      benchPercent: round(
        (() => {
          const u = process.cpuUsage(bench0)
          return ((u.user + u.system) / 1e6 / elapsed) * 100
        })(),
        1,
      ),
      machineBusyPercent: machineBusyPercent(machine0),
    }
    loop.disable()
    const rssEnd = rssMb(o.pid)
    rssSamples.push([round(elapsed, 1), rssEnd])

    const agentLatency: number[] = []
    const ackLatency: number[] = []
    const lag: number[] = []
    const rejected: Record<string, number> = { ...rejectedNoId }
    let noAck = 0
    let noAgent = 0
    let lost = 0
    let everyAgent = 0
    let firstSent = Number.POSITIVE_INFINITY
    let lastSent = 0
    let lastAck = 0
    let lastAgent = 0
    let acked = 0
    let delivered = 0
    for (const r of measuredRecs) {
      if (!r.sentAt) {
        lost++
        continue
      }
      firstSent = Math.min(firstSent, r.sentAt)
      lastSent = Math.max(lastSent, r.sentAt)
      lag.push(r.sentAt - r.scheduledAt)
      if (r.error) rejected[r.error] = (rejected[r.error] ?? 0) + 1
      if (r.ackAt) {
        acked++
        lastAck = Math.max(lastAck, r.ackAt)
        ackLatency.push(r.ackAt - r.sentAt)
      } else noAck++
      if (r.agentAt) {
        delivered++
        lastAgent = Math.max(lastAgent, r.agentAt)
        agentLatency.push(r.agentAt - r.sentAt)
      } else noAgent++
      if (r.agents >= agentSockets.length) everyAgent++
      if (!r.ackAt || !r.agentAt) lost++
    }
    const perSecond: LoadResult['perSecond'] = []
    for (let s = 0; s < Math.ceil(o.warmupSeconds + o.seconds); s++) {
      const inSecond = recs.filter(
        (r) => r.sentAt && r.scheduledAt - t0 >= s * 1000 && r.scheduledAt - t0 < (s + 1) * 1000,
      )
      const l = summarise(inSecond.filter((r) => r.agentAt).map((r) => r.agentAt - r.sentAt))
      perSecond.push({ second: s, sent: inSecond.length, p50: l.p50, p99: l.p99, max: l.max })
    }
    // Late is not lost: keep listening until the server has worked off its backlog.
    const busySeconds = await waitQuiet(o.pid, 120_000)
    const backlog = {
      busySeconds,
      ackedEventually: measuredRecs.filter((r) => r.ackAt).length,
      deliveredEventually: measuredRecs.filter((r) => r.agentAt).length,
      everyAgentEventually: measuredRecs.filter((r) => r.agents >= agentSockets.length).length,
    }
    const window = (end: number) => Math.max(1e-3, (end - firstSent) / 1000)
    const ms = (n: number) => round(n / 1e6, 1)
    const result: LoadResult = {
      visitors: visitorSockets.length,
      agents: agentSockets.length,
      targetRate: o.rate,
      seconds: o.seconds,
      warmupSeconds: o.warmupSeconds,
      connectMs,
      sent: measuredRecs.filter((r) => r.sentAt).length,
      sentPerSecond: round(measuredRecs.filter((r) => r.sentAt).length / window(lastSent + 1000 / o.rate), 1),
      ackedPerSecond: round(acked / window(lastAck), 1),
      deliveredPerSecond: round(delivered / window(lastAgent), 1),
      sendToAgentMs: summarise(agentLatency),
      sendToAckMs: summarise(ackLatency),
      lost,
      lostDetail: { noAck, noAgent, rejected, notSent },
      deliveredToEveryAgent: everyAgent,
      socketsClosedDuringLoad: closed,
      clientSendLagMs: summarise(lag),
      clientEventLoopDelayMs: {
        p50: ms(loop.percentile(50)),
        p99: ms(loop.percentile(99)),
        max: ms(loop.max),
      },
      rssMb: {
        beforeConnect: rssBeforeConnect,
        beforeLoad: rssBeforeLoad,
        max: Math.max(...rssSamples.map(([, v]) => v).filter((v) => !Number.isNaN(v))),
        end: rssEnd,
        samples: rssSamples,
      },
      cpu,
      serverPingMs: summarise(pings),
      backlog,
      database,
      perSecond,
    }
    return result
  } finally {
    clearInterval(pinger)
    loadRunning = false
    terminateAll(sockets)
  }
}

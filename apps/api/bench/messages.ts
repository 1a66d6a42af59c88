// pnpm bench:messages [--rate 500] [--seconds 15] [--visitors 600] [--agents 4] [--warmup 2] [--idle 5000]
//                     [--hold 5000] [--skip-baselines]
// Kefu's realtime path against PostgreSQL: one API child process, visitors → agents at a fixed rate,
// then thousands of idle visitor sockets; pg and ws baselines in the same run. A measurement: exits 0
// whether or not the targets are met (1 only if the run itself broke).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import type { Database } from '@kefu/db'
import { defaultRules } from '../src/lib/token-bucket.ts'
import { type EchoResult, echoBaseline, type InsertResult, insertBaseline } from './baselines.ts'
import { type IdleResult, runIdle } from './idle.ts'
import {
  activitySampler,
  type BenchVisitor,
  createBenchDatabase,
  createShop,
  createVisitors,
  type KefuChild,
  liveChildren,
  logInAgent,
  MASTER_KEY,
  openMigrated,
  type Scratch,
  spawnServer,
} from './kefu.ts'
import { type LoadResult, runLoad } from './load.ts'
import { loadAverage, openFileLimit, round, rssMb, type Summary, waitQuiet } from './stats.ts'

const HARD_DEADLINE_MS = 30 * 60_000
const P99_TARGET_MS = 50
const P99_TARGET_RATE = 500
const IDLE_TARGET_SOCKETS = 5000
const IDLE_TARGET_MB = 500

const { values: args } = parseArgs({
  options: {
    rate: { type: 'string', default: '500' },
    seconds: { type: 'string', default: '15' },
    visitors: { type: 'string', default: '600' },
    agents: { type: 'string', default: '4' },
    warmup: { type: 'string', default: '2' },
    idle: { type: 'string', default: String(IDLE_TARGET_SOCKETS) },
    hold: { type: 'string', default: '5000' },
    'skip-baselines': { type: 'boolean', default: false },
    /** Also open the idle sockets on a freshly started Kefu (no load-phase heap): `yes` or `no`. */
    'fresh-idle': { type: 'string', default: 'yes' },
  },
  strict: true,
})
const num = (name: keyof typeof args, min: number, max: number) => {
  const n = Number(args[name])
  if (!Number.isFinite(n) || n < min || n > max)
    throw new Error(`--${name} must be a number in [${min}, ${max}]`)
  return n
}
const opts = {
  rate: num('rate', 1, 20_000),
  seconds: num('seconds', 1, 600),
  visitors: Math.round(num('visitors', 1, 20_000)),
  agents: Math.round(num('agents', 1, 20)),
  warmup: num('warmup', 0, 60),
  idle: Math.round(num('idle', 0, 50_000)),
  holdMs: Math.round(num('hold', 0, 120_000)),
  baselines: !args['skip-baselines'],
  freshIdle: args['fresh-idle'] !== 'no',
}

const adminUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test'
const log = (line: string) => console.log(line)

// ---- cleanup, whatever happens ----
const cleanups: Array<{ name: string; run: () => Promise<unknown> }> = []
let cleaning: Promise<void> | undefined
const cleanup = () => {
  cleaning ??= (async () => {
    for (const child of liveChildren) child.kill('SIGTERM')
    for (const { name, run } of cleanups.splice(0).reverse()) {
      await Promise.race([run(), new Promise((r) => setTimeout(r, 15_000))]).catch((err) =>
        console.error(`  cleanup ${name} failed: ${(err as Error).message}`),
      )
    }
    for (const child of liveChildren) child.kill('SIGKILL')
  })()
  return cleaning
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping the benchmark and cleaning up…`)
    void cleanup().finally(() => process.exit(130))
  })
}
const deadline = setTimeout(() => {
  console.error(`\nThe benchmark ran past ${HARD_DEADLINE_MS / 60_000} minutes: stopping.`)
  void cleanup().finally(() => process.exit(1))
}, HARD_DEADLINE_MS)
deadline.unref()

async function main() {
  const startedAt = new Date()
  const loadStart = loadAverage()
  const host = new URL(adminUrl).hostname
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host))
    throw new Error(
      `DATABASE_URL must point at a local PostgreSQL (got host ${host}); the bench stays on 127.0.0.1`,
    )

  log(`Kefu message benchmark, ${startedAt.toISOString()}`)
  log(`load average at start: ${loadStart}`)

  // File descriptors: this process holds every client socket, the child every server socket.
  const needFds = opts.visitors + opts.agents + opts.idle + 500
  const selfFds = openFileLimit('self')
  // The child asks for at least what this process has (never less), more when the run needs it.
  const childFds = Math.max(needFds, Number.isFinite(selfFds?.soft) ? (selfFds?.soft ?? 0) : 0)
  if (selfFds && selfFds.soft < needFds) {
    const capped = Math.max(0, selfFds.soft - opts.visitors - opts.agents - 500)
    log(
      `! this process may open ${selfFds.soft} files; idle sockets capped at ${capped} (run with ulimit -n ${needFds})`,
    )
    opts.idle = Math.min(opts.idle, capped)
  }

  // The server's per-visitor token bucket would reject a load that outruns it.
  const rule = defaultRules.visitorMessage
  const duration = opts.warmup + opts.seconds
  const perVisitor = Math.ceil((opts.rate * duration) / opts.visitors)
  const allowance = Math.floor(rule.capacity + rule.refillPerSecond * duration)
  if (perVisitor > allowance) {
    const need = Math.ceil((opts.rate * duration) / (allowance - 1))
    log(
      `! ${perVisitor} messages per visitor exceed the server's visitorMessage bucket (${rule.capacity} burst, ` +
        `${rule.refillPerSecond}/s ≈ ${allowance} in ${duration} s): expect rate_limited rejections; use --visitors ${need} or more`,
    )
  }

  const scratch: Scratch = await createBenchDatabase(adminUrl)
  cleanups.push({ name: `drop ${scratch.name}`, run: () => scratch.drop() })
  log(`scratch database ${scratch.name}`)
  const dataDir = mkdtempSync(join(tmpdir(), 'kefu-bench-'))
  cleanups.push({ name: 'data dir', run: async () => rmSync(dataDir, { recursive: true, force: true }) })

  let setupDb: Database | undefined = await openMigrated(scratch.url, 8)
  cleanups.push({ name: 'setup pool', run: async () => setupDb?.close() })
  const env = await describeEnvironment(setupDb)

  // ---- baselines, before Kefu runs, so they have the machine to themselves ----
  let inserts: InsertResult[] = []
  let echo: EchoResult | undefined
  if (opts.baselines) {
    log('baseline: pg single-row INSERT, 1 then 10 clients, 5 s each')
    inserts = await insertBaseline(scratch.url, [1, 10], 5)
    for (const r of inserts)
      log(`  ${r.clients} client(s): ${r.rowsPerSecond} rows/s, p50 ${r.latencyMs.p50} ms`)
    log(`baseline: raw ws echo, 5000 round trips at ${opts.rate}/s over 10 sockets`)
    echo = await echoBaseline(
      { rate: opts.rate, count: 5000, connections: 10, idleSockets: opts.idle, nofile: childFds },
      log,
    )
    log(`  p50 ${echo.rttMs.p50} ms, p99 ${echo.rttMs.p99} ms`)
  }

  // ---- data: one shop, agents, visitors (with conversations for the load, without for idle) ----
  const t = performance.now()
  const shop = await createShop(setupDb, opts.agents)
  const loadVisitors: BenchVisitor[] = await createVisitors(setupDb, shop, opts.visitors, true)
  const idleVisitors: BenchVisitor[] = await createVisitors(setupDb, shop, opts.idle, false)
  log(
    `data: tenant, ${opts.agents} agents, ${opts.visitors} visitors with a conversation, ${opts.idle} idle visitors in ${round((performance.now() - t) / 1000, 1)} s`,
  )
  await setupDb.close()
  setupDb = undefined

  // ---- Kefu, one process ----
  const server: KefuChild = await spawnServer(
    { DATABASE_URL: scratch.url, KEFU_MASTER_KEY: MASTER_KEY, KEFU_DATA_DIR: dataDir },
    childFds,
  )
  cleanups.push({ name: 'stop Kefu', run: () => server.stop() })
  const serverFds = openFileLimit(server.pid)
  log(
    `Kefu pid ${server.pid} at ${server.url}, RSS ${rssMb(server.pid)} MB, open-file limit ${serverFds?.soft}`,
  )
  const rssAtStart = rssMb(server.pid)

  const cookies: string[] = []
  for (const agent of shop.agents) cookies.push(await logInAgent(server.url, agent, shop.tenantId))

  log(`load: ${opts.visitors} visitors, ${opts.agents} agents, ${opts.rate} msg/s`)
  const load = await runLoad(
    {
      baseUrl: server.url,
      pid: server.pid,
      agentCookies: cookies,
      visitors: loadVisitors,
      rate: opts.rate,
      seconds: opts.seconds,
      warmupSeconds: opts.warmup,
      drainMs: 5000,
      probeToken: idleVisitors[0]?.token ?? loadVisitors[0]!.token,
      sampler: activitySampler(scratch.url),
    },
    log,
  )
  log(`  send→agent p99 ${load.sendToAgentMs.p99} ms, lost ${load.lost}`)

  let idle: IdleResult | undefined
  if (opts.idle > 0) {
    // The load's sockets are gone; let the server settle so the idle figures are the sockets' own.
    const settle = await waitQuiet(server.pid, 60_000)
    log(`  server quiet ${settle} s after the load sockets closed, RSS ${rssMb(server.pid)} MB`)
    log(`idle: ${opts.idle} visitor sockets`)
    idle = await runIdle(
      {
        baseUrl: server.url,
        pid: server.pid,
        tokens: idleVisitors.map((v) => v.token),
        concurrency: 100,
        holdMs: opts.holdMs,
        deadlineMs: 180_000,
      },
      log,
    )
  }

  // Every acknowledged message is stored: count the rows before the database goes.
  const check = await openMigrated(scratch.url, 1)
  const stored = await countMessages(check)
  await check.close()

  const serverLog = summariseServerLog(server.output())
  const serverAlive = server.child.exitCode === null && server.child.signalCode === null

  // The load leaves the heap grown, so the same process shows little per idle socket; a fresh
  // process (still one at a time) shows what the sockets themselves cost.
  let idleFresh: (IdleResult & { rssAtStartMb: number }) | undefined
  if (opts.idle > 0 && opts.freshIdle) {
    await server.stop()
    const fresh = await spawnServer(
      { DATABASE_URL: scratch.url, KEFU_MASTER_KEY: MASTER_KEY, KEFU_DATA_DIR: dataDir },
      childFds,
    )
    cleanups.push({ name: 'stop fresh Kefu', run: () => fresh.stop() })
    const rssAtStartMb = rssMb(fresh.pid)
    await waitQuiet(fresh.pid, 30_000)
    log(`idle on a fresh Kefu (pid ${fresh.pid}, RSS ${rssMb(fresh.pid)} MB): ${opts.idle} visitor sockets`)
    idleFresh = {
      rssAtStartMb,
      ...(await runIdle(
        {
          baseUrl: fresh.url,
          pid: fresh.pid,
          tokens: idleVisitors.map((v) => v.token),
          concurrency: 100,
          holdMs: opts.holdMs,
          deadlineMs: 180_000,
        },
        log,
      )),
    }
    const freshLog = summariseServerLog(fresh.output())
    serverLog.troubleLines += freshLog.troubleLines
    serverLog.samples.push(...freshLog.samples.map((x) => ({ ...x, line: `[fresh] ${x.line}` })))
  }
  await cleanup()
  const loadEnd = loadAverage()

  const report = {
    startedAt: startedAt.toISOString(),
    options: opts,
    environment: {
      ...env,
      loadAverageStart: loadStart,
      loadAverageEnd: loadEnd,
      openFiles: { self: selfFds, server: serverFds },
    },
    baselines: { inserts, echo },
    server: { rssAtStartMb: rssAtStart, aliveAtEnd: serverAlive, log: serverLog, messagesStored: stored },
    load,
    idle,
    idleFresh,
  }
  const targets = judge(load, idle)
  printTable(report, targets)
  const dir = new URL('./results/', import.meta.url).pathname
  mkdirSync(dir, { recursive: true })
  const file = join(dir, `messages-${startedAt.toISOString().replace(/:/g, '-').replace(/\..+/, '')}.json`)
  writeFileSync(file, `${JSON.stringify({ ...report, targets }, null, 2)}\n`)
  log(`\nresults written to ${file}`)
}

async function describeEnvironment(database: Database) {
  if (database.raw.driver !== 'postgres') throw new Error('expected the pg driver')
  const pool = database.raw.pool
  const q = async (sql: string) =>
    String(((await pool.query(sql)) as { rows: Array<Record<string, unknown>> }).rows[0]?.v)
  return {
    node: process.version,
    cores: availableParallelism(),
    postgres: await q('SELECT version() AS v'),
    synchronousCommit: await q('SELECT current_setting($$synchronous_commit$$) AS v'),
    sharedBuffers: await q('SELECT current_setting($$shared_buffers$$) AS v'),
    serverPoolSize: 10,
  }
}

async function countMessages(database: Database): Promise<number> {
  if (database.raw.driver !== 'postgres') return Number.NaN
  const res = (await database.raw.pool.query('SELECT count(*)::int AS n FROM messages')) as {
    rows: Array<{ n: number }>
  }
  return res.rows[0]?.n ?? Number.NaN
}

/** Lines the server printed that look like trouble, grouped, the first of each with what followed it. */
function summariseServerLog(output: string) {
  const all = output.split('\n')
  const trouble = /error|fail|warn|\[ws\]|\[hub\]|\[bus\]|\[db\]|unhandled/i
  const groups = new Map<string, { count: number; line: string; context: string[] }>()
  let lines = 0
  all.forEach((l, i) => {
    if (!trouble.test(l)) return
    lines++
    const key = l.replace(/\d+/g, 'N').slice(0, 160)
    const group = groups.get(key)
    if (group) group.count++
    else groups.set(key, { count: 1, line: l.slice(0, 400), context: all.slice(i + 1, i + 9) })
  })
  return { bytes: output.length, troubleLines: lines, samples: [...groups.values()].slice(0, 8) }
}

interface Target {
  name: string
  value: string
  verdict: 'PASS' | 'FAIL' | 'n/a'
  note?: string
}

function judge(load: LoadResult, idle: IdleResult | undefined): Target[] {
  const atRate = load.targetRate >= P99_TARGET_RATE
  const kept =
    load.ackedPerSecond >= 0.98 * P99_TARGET_RATE && load.deliveredPerSecond >= 0.98 * P99_TARGET_RATE
  const p99 = load.sendToAgentMs.p99
  const targets: Target[] = [
    {
      name: `send→agent p99 ≤ ${P99_TARGET_MS} ms at ${P99_TARGET_RATE} msg/s`,
      value: `${p99} ms at ${load.deliveredPerSecond}/s, lost ${load.lost}`,
      verdict: !atRate ? 'n/a' : p99 <= P99_TARGET_MS && kept && load.lost === 0 ? 'PASS' : 'FAIL',
      ...(!atRate && { note: `--rate ${load.targetRate} is below ${P99_TARGET_RATE}` }),
    },
  ]
  if (idle) {
    const full = idle.ready >= IDLE_TARGET_SOCKETS
    targets.push({
      name: `${IDLE_TARGET_SOCKETS.toLocaleString('en')} idle visitor sockets < ${IDLE_TARGET_MB} MB RSS`,
      value: `${idle.rssMb.settled} MB with ${idle.ready} sockets`,
      verdict:
        !full && idle.target < IDLE_TARGET_SOCKETS
          ? 'n/a'
          : full && idle.rssMb.settled < IDLE_TARGET_MB
            ? 'PASS'
            : 'FAIL',
    })
  }
  return targets
}

function printTable(
  r: {
    environment: Record<string, unknown> & { loadAverageStart: string; loadAverageEnd: string }
    baselines: { inserts: InsertResult[]; echo: EchoResult | undefined }
    server: {
      rssAtStartMb: number
      aliveAtEnd: boolean
      log: ReturnType<typeof summariseServerLog>
      messagesStored: number
    }
    load: LoadResult
    idle: IdleResult | undefined
    idleFresh: (IdleResult & { rssAtStartMb: number }) | undefined
  },
  targets: Target[],
) {
  const pct = (s: Summary) => `p50 ${s.p50}  p90 ${s.p90}  p99 ${s.p99}  max ${s.max} ms`
  const row = (label: string, value: string) => log(`  ${label.padEnd(34)} ${value}`)
  const { load, idle, idleFresh, baselines } = r
  log('\n================ Kefu bench:messages ================')
  log(
    `node ${r.environment.node}, ${r.environment.cores} cores, ${String(r.environment.postgres).split(' on ')[0]}, synchronous_commit=${r.environment.synchronousCommit}`,
  )
  log(`load average  start ${r.environment.loadAverageStart}   end ${r.environment.loadAverageEnd}`)
  if (baselines.inserts.length || baselines.echo) {
    log('\nBaselines')
    for (const i of baselines.inserts)
      row(
        `pg INSERT, ${i.clients} client${i.clients > 1 ? 's' : ''}`,
        `${i.rowsPerSecond} rows/s  (${pct(i.latencyMs)})`,
      )
    if (baselines.echo) {
      const e = baselines.echo
      row(`raw ws echo @ ${e.rate}/s`, `${pct(e.rttMs)}  (${e.completed}/${e.roundTrips})`)
      if (e.idle)
        row(
          `raw ws ${e.idle.sockets} idle sockets`,
          `RSS ${e.idle.rssBeforeMb} → ${e.idle.rssMb} MB (${e.idle.kbPerSocket} KB/socket)`,
        )
    }
  }
  log(
    `\nLoad: ${load.visitors} visitors, ${load.agents} agents, ${load.targetRate} msg/s for ${load.seconds} s (+${load.warmupSeconds} s warm-up)`,
  )
  row(
    'achieved msg/s',
    `sent ${load.sentPerSecond}  acked ${load.ackedPerSecond}  at agent ${load.deliveredPerSecond}`,
  )
  row(`send → first agent (of ${load.agents})`, pct(load.sendToAgentMs))
  row('send → ack', pct(load.sendToAckMs))
  const d = load.lostDetail
  row(
    'lost (no ack or no agent in 5 s)',
    `${load.lost} of ${load.sent}  (no ack ${d.noAck}, no agent ${d.noAgent}, rejected ${JSON.stringify(d.rejected)}, not sent ${d.notSent})`,
  )
  row('reached every agent socket', `${load.deliveredToEveryAgent} of ${load.sent}`)
  row('messages stored (incl. warm-up)', `${r.server.messagesStored}`)
  row(
    'server RSS',
    `start ${r.server.rssAtStartMb}, before load ${load.rssMb.beforeLoad}, max ${load.rssMb.max}, end ${load.rssMb.end} MB`,
  )
  row(
    'CPU during load (of one core)',
    `server ${load.cpu.serverPercent}%  postgres ${load.cpu.postgresPercent}%  bench ${load.cpu.benchPercent}%  machine ${load.cpu.machineBusyPercent}% busy`,
  )
  row('server ws ping RTT during load', pct(load.serverPingMs))
  row(
    'after the drain',
    `server busy ${load.backlog.busySeconds} s more; then acked ${load.backlog.ackedEventually}, at an agent ${load.backlog.deliveredEventually}, at every agent ${load.backlog.everyAgentEventually} of ${load.sent}`,
  )
  row(
    'server pg connections (avg)',
    Object.entries(load.database)
      .slice(0, 5)
      .map(([k, v]) => `${k} ${v}`)
      .join(', '),
  )
  row(
    'bench client health',
    `send lag p99 ${load.clientSendLagMs.p99} ms, event-loop delay p99 ${load.clientEventLoopDelayMs.p99} ms`,
  )
  if (Object.keys(load.socketsClosedDuringLoad).length)
    row('sockets closed during load', JSON.stringify(load.socketsClosedDuringLoad))
  const idleRows = (i: IdleResult) => {
    row(
      'ready',
      `${i.ready}/${i.target} in ${round(i.openMs / 1000, 1)} s${i.failed ? `  failures ${JSON.stringify(i.failures)}` : ''}`,
    )
    row(
      'server RSS',
      `before ${i.rssMb.before} → all ready ${i.rssMb.atReady} → held ${i.rssMb.settled} MB; after close ${i.rssMb.afterClose} MB`,
    )
    row('per socket', `${i.kbPerSocket} KB (held − before); ${i.kbPerSocketMarginal} KB past the first tenth`)
  }
  if (idle) {
    log(`\nIdle: ${idle.target} visitor sockets on the same Kefu, after the load`)
    idleRows(idle)
  }
  if (idleFresh) {
    log(
      `\nIdle: ${idleFresh.target} visitor sockets on a freshly started Kefu (RSS ${idleFresh.rssAtStartMb} MB at start)`,
    )
    idleRows(idleFresh)
  }
  log('\nServer')
  row('alive at the end', String(r.server.aliveAtEnd))
  row('error/warning lines in its output', String(r.server.log.troubleLines))
  for (const s of r.server.log.samples) log(`    ${s.count}× ${s.line.slice(0, 160)}`)
  if (baselines.echo || baselines.inserts.length) {
    log('\nRatios')
    if (baselines.echo)
      row(
        'Kefu send→agent p99 / raw ws p99',
        `${round(load.sendToAgentMs.p99 / baselines.echo.rttMs.p99, 1)}×`,
      )
    const seq = baselines.inserts.find((i) => i.clients === 1)
    const par = baselines.inserts.find((i) => i.clients === 10)
    if (seq) row('acked msg/s ÷ INSERT/s, 1 client', `${round(load.ackedPerSecond / seq.rowsPerSecond, 3)}`)
    if (par) row('acked msg/s ÷ INSERT/s, 10 clients', `${round(load.ackedPerSecond / par.rowsPerSecond, 3)}`)
    const perSocket = idleFresh ?? idle
    if (perSocket && baselines.echo?.idle)
      row(
        `KB/socket (${idleFresh ? 'fresh ' : ''}Kefu ÷ raw ws)`,
        `${round(perSocket.kbPerSocket / baselines.echo.idle.kbPerSocket, 1)}×`,
      )
  }
  log('\nTargets')
  for (const t of targets)
    log(`  ${t.verdict.padEnd(4)}  ${t.name.padEnd(44)} ${t.value}${t.note ? `  (${t.note})` : ''}`)
}

main()
  .then(() => process.exit(0))
  .catch(async (err) => {
    console.error('\nThe benchmark failed:', err instanceof Error ? (err.stack ?? err.message) : err)
    await cleanup()
    process.exit(1)
  })

import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { type Database, migrate, openDatabase } from '@kefu/db'
import { addAgent } from '../src/domain/agents.ts'
import { startConversation } from '../src/domain/conversations.ts'
import { createTenant } from '../src/domain/tenants.ts'
import { openVisitorSession } from '../src/domain/visitors.ts'
import { SecretBox } from '../src/lib/master-key.ts'
import { SESSION_COOKIE } from '../src/middleware/agent-auth.ts'
import { freePort } from '../src/testing/process.ts'
import { mapLimit } from './stats.ts'

const apiDir = new URL('..', import.meta.url).pathname

/** A fixed key: the bench and the server must seal and open the same secrets. */
export const MASTER_KEY = Buffer.alloc(32, 7).toString('base64')
export const SHOP_ORIGIN = 'https://shop.bench.example'
const AGENT_PASSWORD = 'bench password 0123'

export interface Scratch {
  name: string
  url: string
  drop(): Promise<void>
}

/** `kefu_bench_<random>` on the admin server, dropped (with FORCE) by `drop`. */
export async function createBenchDatabase(adminUrl: string): Promise<Scratch> {
  const name = `kefu_bench_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`
  const admin = await openDatabase({ url: adminUrl, driver: 'postgres', maxConnections: 1 })
  try {
    if (admin.raw.driver !== 'postgres') throw new Error('expected the pg driver')
    await admin.raw.pool.query(`CREATE DATABASE ${name}`)
  } finally {
    await admin.close()
  }
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return {
    name,
    url: url.toString(),
    async drop() {
      const again = await openDatabase({ url: adminUrl, driver: 'postgres', maxConnections: 1 })
      try {
        if (again.raw.driver === 'postgres')
          await again.raw.pool.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      } finally {
        await again.close()
      }
    },
  }
}

export async function openMigrated(url: string, maxConnections = 10): Promise<Database> {
  const database = await openDatabase({ url, driver: 'postgres', maxConnections })
  await migrate(database)
  return database
}

export interface Shop {
  tenantId: string
  publicKey: string
  agents: Array<{ agentId: string; email: string; password: string }>
}

export async function createShop(database: Database, agentCount: number): Promise<Shop> {
  const secrets = SecretBox.parse(MASTER_KEY)
  const { tenant, keys } = await createTenant(database.db, secrets, {
    name: 'Bench shop',
    allowedOrigins: [SHOP_ORIGIN],
    actor: { type: 'system' },
  })
  const agents: Shop['agents'] = []
  for (let i = 0; i < agentCount; i++) {
    const email = `agent${i}@bench.kefu.local`
    const { agentId } = await addAgent(database.db, {
      tenantId: tenant.id,
      email,
      name: `Agent ${i}`,
      role: 'agent',
      password: AGENT_PASSWORD,
      actor: { type: 'system' },
    })
    agents.push({ agentId, email, password: AGENT_PASSWORD })
  }
  return { tenantId: tenant.id, publicKey: keys.publicKey, agents }
}

export interface BenchVisitor {
  visitorId: string
  token: string
  conversationId?: string
}

/**
 * Visitor tokens straight through the domain layer (the HTTP route is limited to 60 sessions a
 * minute per IP), optionally each with an open conversation.
 */
export async function createVisitors(
  database: Database,
  shop: Shop,
  count: number,
  withConversation: boolean,
): Promise<BenchVisitor[]> {
  return mapLimit(Array.from({ length: count }), 8, async () => {
    const session = await openVisitorSession(database.db, {
      publicKey: shop.publicKey,
      origin: SHOP_ORIGIN,
      trustedOrigin: true,
    })
    const visitor: BenchVisitor = { visitorId: session.visitorId, token: session.token }
    if (withConversation) {
      const started = await startConversation(database.db, {
        tenantId: shop.tenantId,
        visitorId: session.visitorId,
        verified: false,
        tokenHash: '',
      })
      visitor.conversationId = started.value
    }
    return visitor
  })
}

/** Logs an agent in over HTTP and returns the session cookie (`name=value`). */
export async function logInAgent(baseUrl: string, agent: Shop['agents'][number], tenantId: string) {
  const res = await fetch(`${baseUrl}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: agent.email, password: agent.password, tenantId }),
  })
  if (res.status !== 200) throw new Error(`agent login failed: ${res.status} ${await res.text()}`)
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
  if (!cookie.startsWith(`${SESSION_COOKIE}=`))
    throw new Error(`no session cookie in login answer: ${cookie}`)
  return cookie
}

/** Children not yet stopped, so an interrupted run can still stop them. */
export const liveChildren = new Set<ChildProcess>()

export interface KefuChild {
  child: ChildProcess
  pid: number
  url: string
  output(): string
  stop(): Promise<void>
}

/**
 * `node --import tsx <script>` in apps/api as a child, through `sh` so the child's open-file limit
 * can be raised to `nofile` first (`exec` keeps the pid: it is node's). Output is kept, trimmed.
 */
export function spawnNode(script: string, env: Record<string, string>, nofile: number) {
  const child = spawn(
    '/bin/sh',
    [
      '-c',
      `ulimit -n ${nofile} 2>/dev/null || ulimit -n "$(ulimit -Hn)"; exec "$0" "$@"`,
      process.execPath,
      '--import',
      'tsx',
      script,
    ],
    { cwd: apiDir, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  liveChildren.add(child)
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      liveChildren.delete(child)
      resolve()
    }),
  )
  let out = ''
  const keep = (d: Buffer) => {
    out += d
    // Keep the head (start-up) and the tail; a flood of errors must not grow without bound.
    if (out.length > 2_000_000)
      out = `${out.slice(0, 200_000)}\n[… output trimmed …]\n${out.slice(-1_000_000)}`
  }
  child.stdout!.on('data', keep)
  child.stderr!.on('data', keep)
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    child.kill('SIGTERM')
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000)
    await exited
    clearTimeout(killer)
  }
  const waitFor = async (text: string, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs
    while (!out.includes(text)) {
      if (Date.now() > deadline || child.exitCode !== null) {
        await stop()
        throw new Error(`${script} did not start:\n${out}`)
      }
      await new Promise((r) => setTimeout(r, 100))
    }
  }
  return { child, pid: child.pid!, output: () => out, stop, waitFor }
}

/** Kefu as ONE child process, like testing/process.ts spawnKefu, waiting until it serves. */
export async function spawnServer(env: Record<string, string>, nofile: number): Promise<KefuChild> {
  const port = await freePort()
  const node = spawnNode(
    'src/main.ts',
    { HOST: '127.0.0.1', KEFU_SEED_DEMO: 'false', ...env, PORT: String(port) },
    nofile,
  )
  await node.waitFor('Kefu is running', 60_000)
  return {
    child: node.child,
    pid: node.pid,
    url: `http://127.0.0.1:${port}`,
    output: node.output,
    stop: node.stop,
  }
}

/**
 * Samples pg_stat_activity for the scratch database every `everyMs`: how many of the server's
 * connections sit in each state / wait event, on average over the samples.
 */
export function activitySampler(url: string, everyMs = 250) {
  let timer: NodeJS.Timeout | undefined
  let samples = 0
  const totals: Record<string, number> = {}
  let database: Database | undefined
  let busy = false
  return {
    start() {
      timer = setInterval(async () => {
        if (busy) return
        busy = true
        try {
          database ??= await openDatabase({ url, driver: 'postgres', maxConnections: 1 })
          if (database.raw.driver !== 'postgres') return
          const res = (await database.raw.pool.query(
            `SELECT coalesce(state, '?') || ' / ' || coalesce(wait_event_type || ':' || wait_event, 'on CPU') AS k, count(*)::int AS n
               FROM pg_stat_activity
              WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'
              GROUP BY 1`,
          )) as { rows: Array<{ k: string; n: number }> }
          samples++
          for (const r of res.rows) totals[r.k] = (totals[r.k] ?? 0) + r.n
        } catch {
          // a missed sample
        } finally {
          busy = false
        }
      }, everyMs)
    },
    async stop(): Promise<Record<string, number>> {
      clearInterval(timer)
      while (busy) await new Promise((r) => setTimeout(r, 20))
      await database?.close()
      database = undefined
      const out: Record<string, number> = {}
      for (const [k, v] of Object.entries(totals).sort((a, b) => b[1] - a[1]))
        out[k] = Math.round((v / Math.max(1, samples)) * 100) / 100
      return out
    },
  }
}

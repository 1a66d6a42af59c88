import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

const apiDir = new URL('..', import.meta.url).pathname

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => resolve(port))
    })
  })
}

function run(script: string, args: string[], env: Record<string, string>) {
  return spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: apiDir,
    env: { ...process.env, DATABASE_URL: '', KEFU_MASTER_KEY: '', ...env },
  })
}

function collect(child: ChildProcess): { text: () => string; exit: Promise<number | null> } {
  let out = ''
  child.stdout?.on('data', (d) => {
    out += d
  })
  child.stderr?.on('data', (d) => {
    out += d
  })
  return { text: () => out, exit: new Promise((resolve) => child.on('exit', (code) => resolve(code))) }
}

async function waitFor(check: () => boolean, ms: number, output: () => string) {
  const end = Date.now() + ms
  while (Date.now() < end) {
    if (check()) return
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`timed out; the process printed:\n${output()}`)
}

describe('pnpm start and pnpm kefu on the embedded database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kefu-start-'))
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

  it('starts on an empty folder, seeds the demo, guards the folder, and hands it to the CLI after stopping', async () => {
    const port = await freePort()
    const shopPort = await freePort()
    const env = { PORT: String(port), SHOP_PORT: String(shopPort), KEFU_DATA_DIR: dataDir, HOST: '127.0.0.1' }
    const server = run('src/main.ts', [], env)
    const out = collect(server)
    try {
      await waitFor(() => out.text().includes('Demo card shop'), 90_000, out.text)
      const banner = out.text()
      expect(banner).toContain(`http://localhost:${port}`)
      expect(banner).toMatch(/Demo login {3}owner@demo\.kefu\.local \/ \S+/)
      expect(banner).toMatch(
        new RegExp(
          `<script async src="http://localhost:${port}/widget.js" data-key="pk_live_\\w+"></script>`,
        ),
      )

      // The demo card shop runs beside Kefu, embeds the snippet, and is wired to the demo tenant.
      expect(banner).toContain(`Demo card shop http://localhost:${shopPort}`)
      const shopPage = await (await fetch(`http://127.0.0.1:${shopPort}/`)).text()
      expect(shopPage).toContain(`<script async src="http://localhost:${port}/widget.js" data-key="pk_live_`)

      const health = await fetch(`http://127.0.0.1:${port}/healthz`)
      expect(await health.json()).toEqual({ status: 'ok', database: 'ok' })
      const password = banner.match(/owner@demo\.kefu\.local \/ (\S+)/)![1]
      const login = await fetch(`http://127.0.0.1:${port}/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'owner@demo.kefu.local', password }),
      })
      expect(login.status).toBe(200)

      // The CLI must not open a folder the server holds: it says who holds it.
      const busy = collect(run('src/cli/main.ts', ['tenant', 'list'], env))
      expect(await busy.exit).toBe(1)
      expect(busy.text()).toContain(`in use by a running Kefu server (pid ${server.pid}, port ${port})`)
    } finally {
      server.kill('SIGTERM')
      await out.exit
    }

    const created = collect(
      run(
        'src/cli/main.ts',
        ['tenant', 'create', '--name', 'Second Shop', '--origin', 'https://two.example'],
        env,
      ),
    )
    expect(await created.exit).toBe(0)
    expect(created.text()).toMatch(/sk_live_\w+/)
    const list = collect(run('src/cli/main.ts', ['tenant', 'list'], env))
    expect(await list.exit).toBe(0)
    expect(list.text()).toContain('星河数卡 Galaxy Cards')
    expect(list.text()).toContain('Second Shop')

    // A restart keeps the data and does not seed twice.
    const again = run('src/main.ts', [], env)
    const out2 = collect(again)
    try {
      await waitFor(() => out2.text().includes('<script async src='), 60_000, out2.text)
      expect(out2.text()).toContain('Demo login')
    } finally {
      again.kill('SIGTERM')
      await out2.exit
    }
    const list2 = collect(run('src/cli/main.ts', ['tenant', 'list'], env))
    await list2.exit
    expect(list2.text().match(/星河数卡 Galaxy Cards/g)).toHaveLength(1)
  }, 120_000)

  it('refuses to start with DATABASE_URL but no master key, saying why', async () => {
    const child = collect(
      run('src/main.ts', [], { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test', PORT: '0' }),
    )
    expect(await child.exit).toBe(1)
    expect(child.text()).toContain('KEFU_MASTER_KEY is required with DATABASE_URL')
  }, 30_000)
})

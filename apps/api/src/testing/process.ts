import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:net'

const apiDir = new URL('../..', import.meta.url).pathname

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => resolve(port))
    })
  })
}

export interface KefuProcess {
  child: ChildProcess
  url: string
  output(): string
  exited: Promise<number | null>
  stop(signal?: NodeJS.Signals): Promise<number | null>
}

/** `pnpm start` as a child process (the same entry point), waiting until it serves. */
export async function spawnKefu(env: Record<string, string>, timeoutMs = 60_000): Promise<KefuProcess> {
  const port = await freePort()
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: apiDir,
    env: { ...process.env, HOST: '127.0.0.1', KEFU_SEED_DEMO: 'false', ...env, PORT: String(port) },
  })
  let out = ''
  child.stdout.on('data', (d) => {
    out += d
  })
  child.stderr.on('data', (d) => {
    out += d
  })
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + timeoutMs
  while (!out.includes('Kefu is running')) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`Kefu did not start:\n${out}`)
    await new Promise((r) => setTimeout(r, 100))
  }
  return {
    child,
    url,
    output: () => out,
    exited,
    stop(signal = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal)
      return exited
    },
  }
}

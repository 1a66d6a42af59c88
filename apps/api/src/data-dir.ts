import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Env } from './env.ts'
import { SecretBox } from './lib/master-key.ts'

export interface LockInfo {
  pid: number
  /** `server` or `cli`. */
  holder: string
  port?: number
  startedAt: string
}

/** Thrown when another live Kefu process holds the embedded database. */
export class DataDirBusyError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockInfo,
  ) {
    const who =
      holder.holder === 'server'
        ? `a running Kefu server (pid ${holder.pid}${holder.port ? `, port ${holder.port}` : ''})`
        : `another kefu command (pid ${holder.pid})`
    super(
      `The embedded database in ${dataDir} is in use by ${who}. The embedded database allows one process at a time: ` +
        'stop that process (Ctrl+C in its terminal) and run this again, or run Kefu on PostgreSQL (DATABASE_URL) ' +
        'where the server and the CLI can work side by side.',
    )
    this.name = 'DataDirBusyError'
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Takes the embedded database folder for this process, or throws `DataDirBusyError` naming who
 * has it. A lock left by a process that died is taken over.
 */
export function lockDataDir(dataDir: string, info: Omit<LockInfo, 'pid' | 'startedAt'>): () => void {
  mkdirSync(dataDir, { recursive: true })
  const file = join(dataDir, 'kefu.lock')
  if (existsSync(file)) {
    try {
      const held = JSON.parse(readFileSync(file, 'utf8')) as LockInfo
      if (held.pid !== process.pid && isAlive(held.pid)) throw new DataDirBusyError(dataDir, held)
    } catch (err) {
      if (err instanceof DataDirBusyError) throw err
      // An unreadable lock file is a leftover; take it over.
    }
  }
  const lock: LockInfo = { pid: process.pid, startedAt: new Date().toISOString(), ...info }
  writeFileSync(file, JSON.stringify(lock))
  let released = false
  const release = () => {
    if (released) return
    released = true
    try {
      const held = JSON.parse(readFileSync(file, 'utf8')) as LockInfo
      if (held.pid === process.pid) rmSync(file)
    } catch {
      // Already gone.
    }
  }
  process.once('exit', release)
  return release
}

/**
 * The key that encrypts webhook and identity secrets. From KEFU_MASTER_KEY, or for a deployment
 * without DATABASE_URL generated once into the data folder.
 */
export function loadSecretBox(env: Env): SecretBox {
  if (env.KEFU_MASTER_KEY) return SecretBox.parse(env.KEFU_MASTER_KEY)
  if (env.DATABASE_URL) {
    throw new Error(
      'KEFU_MASTER_KEY is required with DATABASE_URL: every Kefu process must decrypt the same secrets. ' +
        'Generate one with `openssl rand -base64 32` and keep it with your other production secrets.',
    )
  }
  mkdirSync(env.dataDir, { recursive: true })
  const file = join(env.dataDir, 'master.key')
  if (!existsSync(file)) writeFileSync(file, `${SecretBox.generateKeyText()}\n`, { mode: 0o600 })
  return SecretBox.parse(readFileSync(file, 'utf8'))
}

export const pgliteFolder = (dataDir: string) => join(dataDir, 'pgdata')

import { mkdirSync } from 'node:fs'
import type { PGlite } from '@electric-sql/pglite'
import type { Pool as NeonPool } from '@neondatabase/serverless'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import type pg from 'pg'
import * as schema from './schema/index.ts'

export type Schema = typeof schema
/** The drizzle handle every domain function takes; the same type whatever the driver. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>
export type Driver = 'pglite' | 'postgres' | 'neon'

/** Options for reaching Neon (or a local WebSocket→TCP proxy that speaks Neon's protocol). */
export interface NeonOptions {
  /** `host:port/path` of a WebSocket proxy; `{host}`/`{port}` placeholders are filled in. */
  wsProxy?: string
  useSecureWebSocket?: boolean
  pipelineTLS?: boolean
  pipelineConnect?: false | 'password'
}

export interface DatabaseOptions {
  /** `postgres://…`; absent means the embedded database. */
  url?: string
  /** Force a driver; by default Neon URLs use `neon`, other URLs `postgres`. */
  driver?: Driver
  /** Folder for the embedded database; absent means in memory. */
  dataDir?: string
  neon?: NeonOptions
  /** Pool size for server drivers. */
  maxConnections?: number
}

export type RawClient =
  | { driver: 'pglite'; pglite: PGlite }
  | { driver: 'postgres'; pool: pg.Pool; url: string }
  | { driver: 'neon'; pool: NeonPool; url: string }

export interface Database {
  db: Db
  driver: Driver
  raw: RawClient
  close(): Promise<void>
}

export function chooseDriver(options: Pick<DatabaseOptions, 'url' | 'driver'>): Driver {
  if (options.driver) return options.driver
  if (!options.url) return 'pglite'
  const host = safeHost(options.url)
  return host?.endsWith('.neon.tech') || host?.endsWith('.neon.build') ? 'neon' : 'postgres'
}

function safeHost(url: string): string | undefined {
  try {
    return new URL(url).hostname
  } catch {
    return undefined
  }
}

/** Opens the database for the chosen driver. It does not migrate: call `migrate()` for that. */
export async function openDatabase(options: DatabaseOptions = {}): Promise<Database> {
  const driver = chooseDriver(options)
  if (driver === 'pglite') return openPglite(options.dataDir)
  if (!options.url) throw new Error(`The ${driver} driver needs a DATABASE_URL`)
  return driver === 'neon' ? openNeon(options.url, options) : openPostgres(options.url, options)
}

async function openPglite(dataDir: string | undefined): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite')
  const { drizzle } = await import('drizzle-orm/pglite')
  if (dataDir) mkdirSync(dataDir, { recursive: true })
  const pglite = await PGlite.create(dataDir ? { dataDir } : {})
  const db = drizzle({ client: pglite, schema }) as unknown as Db
  return { db, driver: 'pglite', raw: { driver: 'pglite', pglite }, close: () => pglite.close() }
}

async function openPostgres(url: string, options: DatabaseOptions): Promise<Database> {
  const { default: pgModule } = await import('pg')
  const { drizzle } = await import('drizzle-orm/node-postgres')
  const pool = new pgModule.Pool({ connectionString: url, max: options.maxConnections ?? 10 })
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on('error', (err) => console.error('[db] idle client error:', err.message))
  const db = drizzle({ client: pool, schema }) as unknown as Db
  return { db, driver: 'postgres', raw: { driver: 'postgres', pool, url }, close: () => pool.end() }
}

async function openNeon(url: string, options: DatabaseOptions): Promise<Database> {
  const { Pool, neonConfig } = await import('@neondatabase/serverless')
  const { default: WebSocket } = await import('ws')
  const { drizzle } = await import('drizzle-orm/neon-serverless')
  neonConfig.webSocketConstructor = WebSocket
  const neon = options.neon
  if (neon?.wsProxy) {
    const proxy = neon.wsProxy
    neonConfig.wsProxy = (host, port) => proxy.replace('{host}', host).replace('{port}', String(port))
  }
  if (neon?.useSecureWebSocket !== undefined) neonConfig.useSecureWebSocket = neon.useSecureWebSocket
  if (neon?.pipelineTLS !== undefined) neonConfig.pipelineTLS = neon.pipelineTLS
  if (neon?.pipelineConnect !== undefined) neonConfig.pipelineConnect = neon.pipelineConnect
  const pool = new Pool({ connectionString: url, max: options.maxConnections ?? 10 })
  pool.on('error', (err: Error) => console.error('[db] idle neon client error:', err.message))
  const db = drizzle({ client: pool, schema }) as unknown as Db
  return { db, driver: 'neon', raw: { driver: 'neon', pool, url }, close: () => pool.end() }
}

/** A single connection (not pooled) for LISTEN, which a pool would lose between queries. */
export interface DirectClient {
  connect(): Promise<unknown>
  query(text: string, values?: unknown[]): Promise<unknown>
  on(event: 'notification', fn: (n: { channel: string; payload?: string }) => void): unknown
  on(event: 'error' | 'end', fn: (err?: Error) => void): unknown
  end(): Promise<void>
}

export async function createDirectClient(
  raw: Exclude<RawClient, { driver: 'pglite' }>,
): Promise<DirectClient> {
  if (raw.driver === 'postgres') {
    const { default: pgModule } = await import('pg')
    return new pgModule.Client({ connectionString: raw.url }) as unknown as DirectClient
  }
  const { Client } = await import('@neondatabase/serverless')
  return new Client({ connectionString: raw.url }) as unknown as DirectClient
}

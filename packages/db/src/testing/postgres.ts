import pg from 'pg'

export const defaultTestDatabaseUrl = 'postgres://postgres@127.0.0.1:5432/test'

export function testDatabaseUrl(): string {
  return process.env.TEST_DATABASE_URL || defaultTestDatabaseUrl
}

export interface ScratchDatabase {
  url: string
  drop(): Promise<void>
}

/**
 * Creates an empty database on the test PostgreSQL server, so a suite never sees another run's
 * rows. Fails loudly, never skips, when the server cannot be reached.
 */
export async function createScratchDatabase(adminUrl = testDatabaseUrl()): Promise<ScratchDatabase> {
  const name = `kefu_t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 })
  try {
    await admin.connect()
  } catch (err) {
    throw new Error(
      `PostgreSQL is not reachable at ${redact(adminUrl)} (${(err as Error).message}). ` +
        'Every data suite runs on PGlite AND on a real PostgreSQL server. Start it ' +
        '(pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start) or set TEST_DATABASE_URL.',
    )
  }
  try {
    await admin.query(`CREATE DATABASE ${name}`)
  } finally {
    await admin.end()
  }
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl })
      await c.connect()
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      } finally {
        await c.end()
      }
    },
  }
}

function redact(url: string): string {
  try {
    const u = new URL(url)
    if (u.password) u.password = '***'
    return u.toString()
  } catch {
    return '(unparseable URL)'
  }
}

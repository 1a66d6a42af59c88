import { afterAll, beforeAll, describe } from 'vitest'
import { type Database, type Driver, openDatabase } from '../client.ts'
import { migrate } from '../migrate.ts'
import { startNeonProxy } from './neon-proxy.ts'
import { createScratchDatabase } from './postgres.ts'

export { startNeonProxy } from './neon-proxy.ts'
export {
  createScratchDatabase,
  defaultTestDatabaseUrl,
  type ScratchDatabase,
  testDatabaseUrl,
} from './postgres.ts'

export interface TestDatabase {
  database: Database
  cleanup(): Promise<void>
}

/** A migrated, empty database of the given driver that only this caller uses. */
export async function openTestDatabase(driver: Driver): Promise<TestDatabase> {
  if (driver === 'pglite') {
    const database = await openDatabase()
    await migrate(database)
    return { database, cleanup: () => database.close() }
  }
  const scratch = await createScratchDatabase()
  const proxy = driver === 'neon' ? await startNeonProxy() : undefined
  const database = await openDatabase({
    url: scratch.url,
    driver,
    maxConnections: 5,
    ...(proxy && {
      neon: { wsProxy: proxy.wsProxy, useSecureWebSocket: false, pipelineTLS: false, pipelineConnect: false },
    }),
  })
  await migrate(database)
  return {
    database,
    async cleanup() {
      await database.close()
      await proxy?.close()
      await scratch.drop()
    },
  }
}

export const serverDrivers: Driver[] = ['pglite', 'postgres']

/**
 * Runs a suite once per driver (PGlite and PostgreSQL by default; add `neon` to go through the
 * Neon driver and a local WebSocket proxy). The body gets a getter because the database opens
 * in `beforeAll`.
 */
export function describeEachDatabase(
  title: string,
  body: (database: () => Database, driver: Driver) => void,
  drivers: Driver[] = serverDrivers,
): void {
  for (const driver of drivers) {
    describe(`${title} [${driver}]`, () => {
      let opened: TestDatabase | undefined
      beforeAll(async () => {
        opened = await openTestDatabase(driver)
      }, 120_000)
      afterAll(async () => {
        await opened?.cleanup()
      }, 60_000)
      body(() => {
        if (!opened) throw new Error(`the ${driver} test database did not open`)
        return opened.database
      }, driver)
    })
  }
}

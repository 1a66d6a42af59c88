import { sql } from 'drizzle-orm'
import { expect, it } from 'vitest'
import { chooseDriver } from './client.ts'
import { rows } from './rows.ts'
import { tenants } from './schema/index.ts'
import { describeEachDatabase } from './testing/index.ts'

it('chooses the driver from the URL', () => {
  expect(chooseDriver({})).toBe('pglite')
  expect(chooseDriver({ url: 'postgres://u@127.0.0.1/x' })).toBe('postgres')
  expect(chooseDriver({ url: 'postgres://u:p@ep-cool-1.eu-central-1.aws.neon.tech/db' })).toBe('neon')
  expect(chooseDriver({ url: 'postgres://u@127.0.0.1/x', driver: 'neon' })).toBe('neon')
})

describeEachDatabase(
  'database',
  (database, driver) => {
    it('is migrated and round-trips rows', async () => {
      const { db } = database()
      const id = `ten_${driver}_${Date.now()}`
      await db.insert(tenants).values({ id, name: '测试店铺', allowedOrigins: ['https://shop.example'] })
      const [row] = await db.select().from(tenants).where(sql`${tenants.id} = ${id}`)
      expect(row?.name).toBe('测试店铺')
      expect(row?.allowedOrigins).toEqual(['https://shop.example'])
      expect(row?.requireVerifiedIdentity).toBe(false)
    })

    it('reports which server answered', async () => {
      const { db } = database()
      const [row] = await rows<{ name: string; version: string }>(
        db,
        sql`select current_database() as name, version() as version`,
      )
      if (!row) throw new Error('no row')
      expect(row.version).toMatch(/PostgreSQL/)
      if (driver !== 'pglite') expect(row.name).toMatch(/^kefu_t_/)
    })

    it('rolls back a failed transaction', async () => {
      const { db } = database()
      const id = `ten_tx_${driver}_${Date.now()}`
      await expect(
        db.transaction(async (tx) => {
          await tx.insert(tenants).values({ id, name: 'x' })
          throw new Error('boom')
        }),
      ).rejects.toThrow('boom')
      expect(await db.select().from(tenants).where(sql`${tenants.id} = ${id}`)).toEqual([])
    })
  },
  ['pglite', 'postgres', 'neon'],
)

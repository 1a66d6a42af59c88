export * from './client.ts'
export * from './migrate.ts'
export * from './rows.ts'
export * from './schema/index.ts'

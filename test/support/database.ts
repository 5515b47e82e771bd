import { openDatabase, type DatabaseHandle } from '../../src/db/client.js'

let database: Promise<DatabaseHandle> | undefined

/**
 * One database per test worker: an in-memory PGlite, migrated here, or the PostgreSQL server
 * named by DATABASE_URL (migrated once by the global setup). Tests never truncate: each makes its own network.
 */
export function testDatabase(): Promise<DatabaseHandle> {
  database ??= (async () => {
    const handle = await openDatabase({ databaseUrl: process.env.DATABASE_URL, poolSize: 4 })
    if (handle.kind === 'pglite') await handle.migrate()
    return handle
  })()
  return database
}

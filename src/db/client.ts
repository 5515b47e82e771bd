import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { PGlite } from '@electric-sql/pglite'
import { citext } from '@electric-sql/pglite/contrib/citext'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto'
import { unaccent } from '@electric-sql/pglite/contrib/unaccent'
import type { ExtractTablesWithRelations } from 'drizzle-orm'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator'
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core'
import pg from 'pg'
import * as schema from './schema/index.js'

export type Schema = typeof schema
export type Database = PgDatabase<PgQueryResultHKT, Schema>
export type Transaction = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>
/** Anything a repository can run a query on: the database or a transaction a service opened. */
export type Executor = Database | Transaction

export interface SqlResult {
  rows: Record<string, unknown>[]
}

export interface DatabaseHandle {
  db: Database
  kind: 'pglite' | 'postgres'
  /** Raw SQL for libraries that bring their own (pg-boss). */
  executeSql(text: string, values?: unknown[]): Promise<SqlResult>
  connectionString?: string
  migrate(): Promise<void>
  close(): Promise<void>
}

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations')

/** Every extension the schema uses must be passed to every PGlite. */
export const pgliteExtensions = { citext, pg_trgm, pgcrypto, unaccent }

export interface OpenOptions {
  /** postgres://… to use a server; otherwise PGlite. */
  databaseUrl?: string
  /** PGlite data directory; omitted means in memory. */
  dataDir?: string
  poolSize?: number
  /**
   * An idle pooled connection that fails (the server restarted, or an administrator ended it) is dropped
   * by the pool and reported here; without a listener pg would crash the process.
   */
  onConnectionError?: (error: Error) => void
}

export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10, options.onConnectionError)
  return openPglite(options.dataDir)
}

async function openPglite(dataDir?: string): Promise<DatabaseHandle> {
  if (dataDir) mkdirSync(dataDir, { recursive: true })
  const client = await PGlite.create(dataDir ?? 'memory://', { extensions: pgliteExtensions })
  const db = drizzlePglite({ client, schema }) as unknown as Database
  return {
    db,
    kind: 'pglite',
    async executeSql(text, values) {
      if (!values || values.length === 0) {
        const results = await client.exec(text)
        return (results[results.length - 1] as SqlResult | undefined) ?? { rows: [] }
      }
      return (await client.query(text, values)) as SqlResult
    },
    migrate: () => migratePglite(drizzlePglite({ client, schema }), { migrationsFolder }),
    close: () => client.close(),
  }
}

async function openPostgres(
  connectionString: string,
  max: number,
  onConnectionError: (error: Error) => void = (error) => process.emitWarning(`database connection lost: ${error.message}`),
): Promise<DatabaseHandle> {
  // JIT off: compiling a query took 60–70 ms, more than it saved on any query here, even the hub's (decision 0017).
  const pool = new pg.Pool({ connectionString, max, options: '-c jit=off' })
  pool.on('error', onConnectionError)
  const db = drizzlePg({ client: pool, schema }) as unknown as Database
  return {
    db,
    kind: 'postgres',
    connectionString,
    async executeSql(text, values) {
      return (await pool.query(text, values)) as SqlResult
    },
    migrate: () => migratePg(drizzlePg({ client: pool, schema }), { migrationsFolder }),
    close: () => pool.end(),
  }
}

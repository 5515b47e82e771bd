import { sql, type SQL } from 'drizzle-orm'
import type { Executor } from './client.js'

/*
 * Statements of one fixed shape that PostgreSQL plans once per connection and reuses (named prepared statements),
 * for the queries every request or send runs whose planning costs more than running them: the session with its
 * user is planned in ~0.45 ms and runs in ~0.08 (decision 0018); an intake with its client, consents and who holds
 * referrals is planned in ~0.57 ms, as long as it runs (decision 0022). Values go in as placeholders. Only for
 * queries whose best plan does not depend on the values (lookups by key): a generic plan is used after five runs.
 * PGlite ignores the name. Behind a pooler in transaction mode, named statements need its prepared-statement support.
 *
 * Each statement's SQL text is built once for the process, and prepared (a cheap object) on each handle it runs
 * on: the database, or a transaction, which is a new handle every time.
 */

/** Where a statement built once takes each run's value: drizzle's builders expect values, so a placeholder stands in. */
export const runValue = <T>(name: string): T => sql.placeholder(name) as unknown as T

/** A list of ids (or of an enum's values) as one value, so the statement's text does not change with how many there are. */
export const anyOf = (name: string, type: 'uuid' | 'organisation_role' = 'uuid'): SQL => sql`any(${sql.placeholder(name)}::${sql.raw(type)}[])`

/** The value for `anyOf` (or any `$n::type[]`): ids or codes, which hold no commas, quotes or braces. */
export const listValue = (values: readonly string[]): string => `{${values.join(',')}}`

interface Executable {
  execute(values: Record<string, unknown>): Promise<unknown>
  joinsNotNullableMap?: unknown
}

/** What drizzle's prepared query keeps of the statement it built: enough to prepare the same on another handle. */
interface Built extends Executable {
  queryString: string
  params: unknown[]
  fields: unknown
  _isResponseInArrayMode: boolean
  customResultMapper: unknown
}

interface Session {
  prepareQuery(query: { sql: string; params: unknown[] }, fields: unknown, name: string, arrayMode: boolean, mapper?: unknown): Executable
}
const sessionOf = (db: Executor): Session => (db as unknown as { _: { session: Session } })._.session

/** Prepares what was built on one handle on another, without building it again. */
function onHandle(db: Executor, built: Built, name: string): Executable {
  const prepared = sessionOf(db).prepareQuery({ sql: built.queryString, params: built.params }, built.fields, name, built._isResponseInArrayMode, built.customResultMapper)
  prepared.joinsNotNullableMap = built.joinsNotNullableMap
  return prepared
}

function cachedPerHandle<Result>(name: string, buildOn: (db: Executor) => Built): (db: Executor, values: Record<string, unknown>) => Promise<Result> {
  let built: Built | undefined
  const byHandle = new WeakMap<object, Executable>()
  return async (db, values) => {
    let prepared = byHandle.get(db)
    if (!prepared) {
      prepared = built ? onHandle(db, built, name) : (built = buildOn(db))
      byHandle.set(db, prepared)
    }
    return (await prepared.execute(values)) as Result
  }
}

/** An unexecuted drizzle query, which knows the type of its result. */
interface Preparable {
  prepare(name: string): unknown
  readonly _: { readonly result: unknown }
}

/**
 * A drizzle query (select, or insert/update/delete with returning) built once with placeholders, its rows mapped and
 * typed as drizzle maps them: `build` is given a handle to build on and returns the unexecuted query.
 */
export function preparedQuery<Query extends Preparable>(name: string, build: (db: Executor) => Query): (db: Executor, values: Record<string, unknown>) => Promise<Query['_']['result']> {
  return cachedPerHandle<Query['_']['result']>(name, (db) => build(db).prepare(name) as Built)
}

/** Raw SQL built once (given, or built on a handle, for SQL with drizzle subqueries); its rows come as PostgreSQL names them. */
export function preparedStatement<Row>(name: string, query: SQL | ((db: Executor) => SQL)): (db: Executor, values: Record<string, unknown>) => Promise<Row[]> {
  const run = cachedPerHandle<{ rows: Row[] }>(name, (db) => {
    // drizzle's own way to prepare a query it built; raw SQL has no public `prepare`.
    const { dialect } = db as unknown as { dialect: { sqlToQuery(sql: SQL): { sql: string; params: unknown[] } } }
    return sessionOf(db).prepareQuery(dialect.sqlToQuery(typeof query === 'function' ? query(db) : query), undefined, name, false) as Built
  })
  return async (db, values) => (await run(db, values)).rows
}

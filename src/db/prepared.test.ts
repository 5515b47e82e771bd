import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { testDatabase } from '../../test/support/database.js'
import { preparedQuery, preparedStatement } from './prepared.js'

const name = `test_prepared_${process.pid}`
const plusOne = preparedStatement<{ answer: number }>(name, sql`select ${sql.placeholder('n')}::int + 1 as answer`)

describe('preparedStatement', () => {
  it('answers with each run’s own values', async () => {
    const { db } = await testDatabase()
    for (const n of [1, 41, 7, 1, 99, 0, 5]) expect(await plusOne(db, { n })).toEqual([{ answer: n + 1 }])
  })

  it('is named on the connection it ran on, once, however often it runs there', async () => {
    const { db, kind } = await testDatabase()
    // A transaction keeps one connection, so what it prepared can be seen from it.
    const statements = await db.transaction(async (tx) => {
      for (const n of [2, 3, 4]) expect(await plusOne(tx, { n })).toEqual([{ answer: n + 1 }])
      const result = (await tx.execute(sql`select name from pg_prepared_statements where name = ${name}`)) as unknown as { rows: unknown[] }
      return result.rows
    })
    // PGlite runs statements without names.
    expect(statements).toHaveLength(kind === 'postgres' ? 1 : 0)
  })
})

describe('preparedQuery', () => {
  let builds = 0
  const queryName = `test_prepared_query_${process.pid}`
  // A drizzle select with a nested selection: its rows must come back mapped as drizzle maps them.
  const pair = preparedQuery(queryName, (db) => {
    builds++
    const n = sql<number>`${sql.placeholder('n')}::int`.mapWith(Number)
    return db.select({ pair: { n, twice: sql<number>`${sql.placeholder('n')}::int * 2`.mapWith(Number) } }).from(sql`(select 1) as one`)
  })

  it('maps each run’s rows, on the database and in transactions, building the statement once', async () => {
    const { db } = await testDatabase()
    expect(await pair(db, { n: 3 })).toEqual([{ pair: { n: 3, twice: 6 } }])
    for (const n of [4, 5]) expect(await db.transaction((tx) => pair(tx, { n }))).toEqual([{ pair: { n, twice: n * 2 } }])
    expect(await pair(db, { n: 8 })).toEqual([{ pair: { n: 8, twice: 16 } }])
    expect(builds).toBe(1)
  })
})

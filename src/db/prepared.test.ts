import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { testDatabase } from '../../test/support/database.js'
import { preparedStatement } from './prepared.js'

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

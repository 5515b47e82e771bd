import { afterAll, describe, expect, it } from 'vitest'
import { PreparingClient, statementsPerConnection } from './prepared-statements.js'

// Needs a server: the client is PostgreSQL's; PGlite has no connections to prepare on.
const databaseUrl = process.env.DATABASE_URL

describe.skipIf(!databaseUrl)('statements prepared once per connection', () => {
  // Each test has its own connection, so what one prepares never counts in another's.
  const clients: PreparingClient[] = []
  afterAll(() => Promise.all(clients.map((one) => one.end())))
  async function connect(): Promise<PreparingClient> {
    const one = new PreparingClient({ connectionString: databaseUrl })
    clients.push(one)
    await one.connect()
    return one
  }

  async function prepared(client: PreparingClient): Promise<string[]> {
    const { rows } = await client.query<{ statement: string }>({ text: 'select statement from pg_prepared_statements order by prepare_time' })
    return rows.map((row) => row.statement)
  }

  it('prepares a statement with parameters once, and reuses it with new values', async () => {
    const client = await connect()
    const text = `select $1::int + 1 as answer -- ${Math.random()}`
    expect((await client.query(text, [1])).rows).toEqual([{ answer: 2 }])
    expect((await client.query({ text, values: [41] })).rows).toEqual([{ answer: 42 }])
    expect((await prepared(client)).filter((statement) => statement === text)).toHaveLength(1)
  })

  it('leaves statements without parameters alone, so several in one text still run', async () => {
    const client = await connect()
    const before = (await prepared(client)).length
    await client.query('select 1; select 2')
    expect(await prepared(client)).toHaveLength(before)
  })

  it('names no more than its limit of texts, and still runs the rest unnamed', async () => {
    const client = await connect()
    for (let i = 0; i < statementsPerConnection + 5; i++) {
      expect((await client.query(`select $1::int as n, ${i} as i`, [i])).rows).toEqual([{ n: i, i }])
    }
    expect((await prepared(client)).length).toBe(statementsPerConnection)
  })
})

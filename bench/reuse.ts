import type { DatabaseHandle } from '../src/db/client.js'
import type { BenchDirectory } from './seed-directory.js'
import type { BenchPeople } from './seed.js'

/**
 * BENCH_REUSE=1: measure the data a previous run left in DATABASE_URL instead of seeding again (seeding 100,000
 * services takes minutes of a shared machine). Finds the newest run's networks by their `bench-<run>-<n>` slugs and
 * rebuilds what the measurements need. Null when there is nothing to reuse, so the caller seeds as usual.
 */
export async function reuseBenchData(database: DatabaseHandle): Promise<{ people: BenchPeople; directory: BenchDirectory } | null> {
  const sql = database.executeSql.bind(database)
  const newest = await sql(`select slug from networks where slug like 'bench-%' order by created_at desc limit 1`)
  if (newest.rows.length === 0) return null
  const run = String((newest.rows[0] as { slug: string }).slug).split('-')[1]
  const { rows: networkRows } = await sql(
    `select id, slug, name from networks where slug like $1 order by split_part(slug, '-', 3)::int`,
    [`bench-${run}-%`],
  )
  const people: BenchPeople = { referrerEmail: '', referrerId: '', networkId: '', organisationId: '', networks: [] }
  const directory: BenchDirectory = { networks: [] }
  for (const network of networkRows as { id: string; slug: string; name: string }[]) {
    const { rows: organisationRows } = await sql(`select id from organisations where network_id = $1 order by (regexp_match(name, '^Organisation (\\d+)'))[1]::int`, [
      network.id,
    ])
    const organisationIds = (organisationRows as { id: string }[]).map((row) => row.id)
    people.networks.push({ id: network.id, slug: network.slug, organisationIds })
    const { rows: terms } = await sql(`select id, code from taxonomy_terms where network_id = $1`, [network.id])
    const { rows: postcodes } = await sql(`select a.postal_code from addresses a where a.network_id = $1 order by a.postal_code limit 1`, [network.id])
    const { rows: samples } = await sql(
      `select id from (select id, row_number() over (order by id) as n from services where network_id = $1) s where n % 97 = 1`,
      [network.id],
    )
    directory.networks.push({
      id: network.id,
      slug: network.slug,
      postcode: String((postcodes[0] as { postal_code: string }).postal_code),
      termIds: Object.fromEntries((terms as { id: string; code: string }[]).map((term) => [term.code, term.id])),
      sampleServiceIds: (samples as { id: string }[]).map((row) => row.id),
    })
  }
  const [first] = people.networks
  const email = `u0-${first.organisationIds[0]}@bench.example`
  const { rows: users } = await sql(`select id from users where email = $1`, [email])
  Object.assign(people, {
    referrerEmail: email,
    referrerId: (users[0] as { id: string }).id,
    networkId: first.id,
    organisationId: first.organisationIds[0],
  })
  return { people, directory }
}

/**
 * npx tsx bench/search-timing.ts: one search at a time against a database `npm run bench` seeded (DATABASE_URL),
 * the service's time per kind of search (median of 15), to see where a search spends its time without load. The first
 * call of each finds the candidates; the others reuse them (search/candidate-cache.ts), so both are shown.
 */
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { openDatabase } from '../src/db/client.js'
import { loadActor } from '../src/platform/access/actor.js'
import { reuseBenchData } from './reuse.js'

const config = loadConfig({ ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'silent', RUN_JOBS: 'false' })
const database = await openDatabase({ databaseUrl: config.DATABASE_URL, poolSize: 2 })
const reused = await reuseBenchData(database)
if (!reused) throw new Error('nothing seeded: run npm run bench with DATABASE_URL first')
const app = await buildApp({ config, database })
const [first] = reused.directory.networks
const caller = { actor: await loadActor(database.db, reused.people.referrerId), language: 'en' as const }
const { debt, housing } = first.termIds
const kinds = {
  'words: debt advice': { text: 'debt advice', issueIds: [] },
  'words: advice': { text: 'advice', issueIds: [] },
  'typo: housng': { text: 'housng', issueIds: [] },
  'issue + postcode (debt)': { issueIds: [debt], postcode: first.postcode },
  'issue + postcode (housing)': { issueIds: [housing], postcode: first.postcode },
  everything: { text: 'advice', issueIds: [debt], age: 34, postcode: first.postcode, nrpf: 'yes' as const, channel: 'phone' as const, language: 'pl', day: 'MO' as const, time: '10:00' },
}
for (const [name, query] of Object.entries(kinds)) {
  const times: number[] = []
  let shown = 0
  for (let i = 0; i < 15; i++) {
    const started = performance.now()
    const outcome = await app.services.directorySearch.search(caller, query)
    times.push(performance.now() - started)
    shown = outcome.fitting.length + outcome.notFitting.length
  }
  const first = times[0]
  times.sort((a, b) => a - b)
  process.stdout.write(`${name.padEnd(28)} first ${first.toFixed(1)} ms, then median ${times[7].toFixed(1)} ms, min ${times[0].toFixed(1)} ms (${shown} judged)\n`)
}
await app.server.close()
await database.close()

/**
 * npm run bench: generated data at national scale, then each page, API and service measured beside two bare
 * baselines in the same process and run: an empty Fastify route, and a Fastify route doing one indexed lookup on
 * the same database (the issue's yardstick). Reports p50/p95/p99 from every response and req/s as a ratio.
 * Not a test: nothing is asserted. Uses DATABASE_URL if set (recommended: a throwaway database), else a temporary
 * embedded database (PGlite is one connection, so its figures say little about a server).
 *
 * Scale by environment: BENCH_SERVICES (100000), BENCH_NETWORKS (10), BENCH_ORGANISATIONS per network (500),
 * BENCH_USERS per organisation (20), BENCH_CENTROIDS per network (300); load: BENCH_SECONDS (10), BENCH_CONNECTIONS (10).
 * BENCH_REUSE=1 measures the data an earlier run left in DATABASE_URL instead of seeding again; BENCH_ONLY=<regex>
 * measures only the figures whose names match (the two baselines always run, so ratios stay meaningful).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import Fastify from 'fastify'
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { openDatabase } from '../src/db/client.js'
import { loadActor } from '../src/platform/access/actor.js'
import { markdownTable, measureCalls, measureHttp, type Figure, type LoadOptions } from './measure.js'
import { seedBenchData } from './seed.js'
import { signIn } from './sign-in.js'
import { seedBenchDirectory } from './seed-directory.js'
import { reuseBenchData } from './reuse.js'
import { referralBenchPlan } from './referrals/plan.js'
import { hubBenchPlan } from './hub.js'

const load: LoadOptions = {
  durationSeconds: Number(process.env.BENCH_SECONDS ?? 10),
  connections: Number(process.env.BENCH_CONNECTIONS ?? 10),
}
const scale = {
  networks: Number(process.env.BENCH_NETWORKS ?? 10),
  organisationsPerNetwork: Number(process.env.BENCH_ORGANISATIONS ?? 500),
  usersPerOrganisation: Number(process.env.BENCH_USERS ?? 20),
  services: Number(process.env.BENCH_SERVICES ?? 100_000),
  centroidsPerNetwork: Number(process.env.BENCH_CENTROIDS ?? 300),
}
const bareLookup = 'baseline: bare Fastify route, one indexed lookup (service by id)'


/** Measures a page or API only when it answers 200, so a part not built yet shows as missing, not as a figure. */
async function measureIfThere(name: string, base: string, paths: string[], headers: Record<string, string> = {}): Promise<Figure> {
  const probe = await fetch(`${base}${paths[0]}`, { headers, redirect: 'manual' })
  await probe.arrayBuffer()
  if (probe.status !== 200) return { name, requestsPerSecond: 0, p50: 0, p95: 0, p99: 0, errors: 0, skipped: `not measured: ${paths[0]} answered ${probe.status}` }
  return measureHttp(name, base, paths, load, headers)
}

async function main(): Promise<void> {
  const dataDir = process.env.DATABASE_URL ? undefined : mkdtempSync(path.join(tmpdir(), 'nwd-bench-'))
  const config = loadConfig({ ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'silent', RUN_JOBS: 'false', AUTH_RATE_LIMIT: '100000', DATA_DIR: dataDir ?? './data' })
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir, poolSize: 20 })
  await database.migrate()
  const seedStarted = Date.now()
  const reused = process.env.BENCH_REUSE === '1' && process.env.DATABASE_URL ? await reuseBenchData(database) : null
  const people = reused?.people ?? (await seedBenchData(database.db, scale))
  const peopleSeconds = (Date.now() - seedStarted) / 1000
  const directoryStarted = Date.now()
  const directory = reused?.directory ?? (await seedBenchDirectory(database.db, people.networks, scale))
  // As a live database would be once autovacuum has been by (the bench can't wait for it, and it may be off):
  // planner statistics, and the visibility map that lets index-only scans skip the table.
  await database.executeSql('vacuum (analyze)')
  const directorySeconds = (Date.now() - directoryStarted) / 1000
  const only = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY, 'i') : null
  const [first] = directory.networks
  const lookupIds = directory.networks.flatMap((network) => network.sampleServiceIds)

  const baseline = Fastify()
  baseline.get('/', async () => 'ok')
  baseline.get<{ Params: { id: string } }>('/services/:id', async (request) => {
    const { rows } = await database.executeSql('select id, name, capacity_status from services where id = $1', [request.params.id])
    return rows[0] ?? null
  })
  const baselineUrl = await baseline.listen({ port: 0, host: '127.0.0.1' })
  const app = await buildApp({ config, database })
  const base = await app.server.listen({ port: 0, host: '127.0.0.1' })
  const cookie = await signIn(base, people.referrerEmail)
  const signedIn = { cookie }

  const debt = first.termIds.debt
  const housing = first.termIds.housing
  const searches = {
    text: ['/search?q=debt+advice', '/search?q=food+parcels', '/search?q=benefits+appeal', '/search?q=carers'],
    issuePostcode: [`/search?issue=${debt}&postcode=${encodeURIComponent(first.postcode)}`, `/search?issue=${housing}&postcode=${encodeURIComponent(first.postcode)}`],
    typo: ['/search?q=housng', '/search?q=welfair+benefit', '/search?q=imigration'],
    everything: [
      `/search?q=advice&issue=${debt}&age=34&postcode=${encodeURIComponent(first.postcode)}&nrpf=yes&channel=phone&language=pl&day=MO&time=10:00`,
    ],
  }
  const caller = { actor: await loadActor(database.db, people.referrerId), language: 'en' as const }
  const searchCalls = [
    { text: 'debt advice', issueIds: [] },
    { issueIds: [debt], postcode: first.postcode },
    { text: 'housng', issueIds: [] },
  ]
  const oruk = `/api/networks/${first.slug}/oruk/services`

  // Each figure as [name, measure]; the two baselines always run so every ratio has its yardstick.
  const everySearch = [...searches.text, ...searches.issuePostcode, ...searches.typo, ...searches.everything]
  const plan: [string, (name: string) => Promise<Figure>][] = [
    ['baseline: bare Fastify route, no database', (name) => measureHttp(name, baselineUrl, ['/'], load)],
    [bareLookup, (name) => measureHttp(name, baselineUrl, lookupIds.map((id) => `/services/${id}`), load)],
    ['GET /healthz (database round trip)', (name) => measureHttp(name, base, ['/healthz'], load)],
    ['GET /sign-in (page, signed out)', (name) => measureHttp(name, base, ['/sign-in'], load)],
    ['GET / (home, signed in)', (name) => measureHttp(name, base, ['/'], load, signedIn)],
    [`GET /organisations (${scale.organisationsPerNetwork} in the network)`, (name) => measureHttp(name, base, ['/organisations'], load, signedIn)],
    ['GET /organisations/:id', (name) => measureHttp(name, base, [`/organisations/${people.organisationId}`], load, signedIn)],
    ['GET /search page, signed in: words (4 queries)', (name) => measureIfThere(name, base, searches.text, signedIn)],
    ['GET /search page, signed in: issue + postcode', (name) => measureIfThere(name, base, searches.issuePostcode, signedIn)],
    ['GET /search page, signed in: typo (housng, welfair, imigration)', (name) => measureIfThere(name, base, searches.typo, signedIn)],
    ['GET /search page, signed in: words + issue + age + postcode + NRPF + channel + language + day/time', (name) => measureIfThere(name, base, searches.everything, signedIn)],
    ['GET /search page, signed in: all of the above in turn', (name) => measureIfThere(name, base, everySearch, signedIn)],
    ['directorySearch.search() (service, no HTTP): words / issue + postcode / typo', (name) => measureCalls(name, (index) => app.services.directorySearch.search(caller, searchCalls[index % searchCalls.length]), load)],
    ['GET ORUK /services?search=debt', (name) => measureIfThere(name, base, [`${oruk}?search=debt`, `${oruk}?search=housing&page=2`])],
    ['GET ORUK /services?taxonomy_term_id&postcode&proximity', (name) => measureIfThere(name, base, [`${oruk}?taxonomy_term_id=${debt}&postcode=${encodeURIComponent(first.postcode)}&proximity=5000`])],
    ['GET ORUK /services/:id', (name) => measureIfThere(name, base, first.sampleServiceIds.map((id) => `${oruk}/${id}`))],
    // Referrals (issue 4): work lists among 2,000,000 referrals and sustained sending; seeds what they need.
    ...(await referralBenchPlan({ database, services: app.services, base, people, directory, load, only })),
    // Intelligence hub (issue 5): the roll-up job and the dashboard pages over the same 2,000,000 referrals.
    ...(await hubBenchPlan({ database, services: app.services, config, base, people, directory, load, only })),
  ]
  const figures: Figure[] = []
  for (const [index, [name, measure]] of plan.entries()) {
    if (index < 2 || !only || only.test(name)) figures.push(await measure(name))
  }
  process.stdout.write(
    `\nNo Wrong Door bench — ${database.kind}; ${scale.networks} networks × ${scale.organisationsPerNetwork} organisations × ${scale.usersPerOrganisation} users ` +
      `(seeded in ${peopleSeconds.toFixed(1)} s); ${scale.services} services, ${scale.networks * scale.centroidsPerNetwork} postcodes (seeded in ${directorySeconds.toFixed(1)} s); ` +
      `${load.connections} connections × ${load.durationSeconds} s each. Targets: search p95 ≤ 30 ms and ≥ 0.40 of the bare indexed lookup's req/s.\n\n` +
      `${markdownTable(figures, bareLookup)}\n`,
  )
  await app.server.close()
  await baseline.close()
  await database.close()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`)
  process.exit(1)
})

import { generateSecret, generateSync } from 'otplib'
import type { Config } from '../src/config.js'
import type { DatabaseHandle } from '../src/db/client.js'
import { hashPassword } from '../src/platform/auth/passwords.js'
import { encryptText } from '../src/platform/crypto.js'
import type { Services } from '../src/services.js'
import { figureFrom, measureHttp, type Figure, type LoadOptions } from './measure.js'
import type { BenchDirectory } from './seed-directory.js'
import { benchPassword, type BenchPeople } from './seed.js'
import { signIn } from './sign-in.js'

/*
 * The intelligence hub's figures (issue 5; target: each dashboard page ≤ 500 ms with 2,000,000 referrals). First the
 * roll-up job over every referral (full, then with nothing changed, then with 1,000 changed; each run also prepares
 * the network dashboard's default views), then each page: "cold" is one request at a time, each with filters not
 * asked for since the roll-up (the network page's first two, its default views, were prepared by the job); "warm" is the usual load on
 * the same addresses again, answered from the stored snapshots. Needs the referral figures' data (bench/referrals).
 */

export type PlanEntry = [string, (name: string) => Promise<Figure>]

export const hubFigureNames = {
  refreshFull: 'hub roll-up job: every referral (first run), ms',
  refreshNone: 'hub roll-up job: nothing changed, ms',
  refreshSome: 'hub roll-up job: 1,000 referrals changed, ms',
  networkCold: 'GET /hub (network dashboard, analyst), cold: each request new filters',
  networkWarm: 'GET /hub (network dashboard, analyst), warm',
  organisationCold: 'GET /hub/organisation (busiest organisation, its admin), cold',
  organisationWarm: 'GET /hub/organisation, warm',
  impactCold: 'GET /hub/impact (busiest organisation), cold',
}

interface PlanInput {
  database: DatabaseHandle
  services: Services
  config: Config
  base: string
  people: BenchPeople
  directory: BenchDirectory
  load: LoadOptions
  only: RegExp | null
}

/** An analyst of the first network, and a (two-factor) admin of its busiest organisation, made once. */
async function hubPeople(input: PlanInput): Promise<{ analyst: string; admin: string; adminSecret: string }> {
  const sql = input.database.executeSql.bind(input.database)
  const analyst = `hub-analyst-${input.people.networkId}@bench.example`
  const admin = `hub-admin-${input.people.organisationId}@bench.example`
  const adminSecret = generateSecret()
  const hash = await hashPassword(benchPassword)
  await sql(`insert into users (email, name, password_hash) values ($1, 'Bench Analyst', $2) on conflict (email) do nothing`, [analyst, hash])
  await sql(
    `insert into network_roles (network_id, user_id, role) select $1, id, 'analyst' from users where email = $2 on conflict do nothing`,
    [input.people.networkId, analyst],
  )
  await sql(`insert into users (email, name, password_hash) values ($1, 'Bench Admin', $2) on conflict (email) do nothing`, [admin, hash])
  await sql(`update users set totp_secret = $2, totp_enabled_at = now(), totp_last_step = null where email = $1`, [admin, encryptText(adminSecret, input.config.ENCRYPTION_KEY)])
  await sql(
    `insert into memberships (network_id, organisation_id, user_id, role) select $1, $2, id, 'organisation_admin' from users where email = $3 on conflict do nothing`,
    [input.people.networkId, input.people.organisationId, admin],
  )
  return { analyst, admin, adminSecret }
}

/** The password form, then the two-factor form with the code an authenticator would show. */
async function signInWithCode(base: string, email: string, secret: string): Promise<string> {
  const cookie = await signIn(base, email)
  const form = await fetch(`${base}/sign-in/two-factor`, { headers: { cookie } })
  const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? ''
  const response = await fetch(`${base}/sign-in/two-factor`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ code: generateSync({ secret }), _csrf: token }).toString(),
  })
  const jar = new Map(cookie.split('; ').map((pair) => [pair.split('=')[0], pair.slice(pair.indexOf('=') + 1)]))
  for (const set of response.headers.getSetCookie()) {
    const [pair] = set.split(';')
    jar.set(pair.split('=')[0], pair.slice(pair.indexOf('=') + 1))
  }
  if (response.status !== 303) throw new Error(`two-factor sign-in as ${email} failed with ${response.status}`)
  return [...jar].map(([key, value]) => `${key}=${value}`).join('; ')
}

async function timed(name: string, work: () => Promise<unknown>): Promise<Figure> {
  const started = performance.now()
  await work()
  const ms = performance.now() - started
  process.stdout.write(`${name}: ${(ms / 1000).toFixed(1)} s\n`)
  return { ...figureFrom(name, [ms], ms / 1000, 0), requestsPerSecond: 0 }
}

/**
 * One request at a time over `paths`, each answered from the database (new filters each time). First one untimed
 * request with filters nothing matches, so the figure is the data's cost and not this process's first compiling
 * of the page's templates and code. BENCH_TRACE=1 prints each request's time.
 */
async function measureSequential(name: string, base: string, paths: string[], cookie: string): Promise<Figure> {
  const [page] = paths[0].split('?')
  await (await fetch(`${base}${page}?area=ZZ99`, { headers: { cookie }, redirect: 'manual' })).arrayBuffer()
  const latencies: number[] = []
  let errors = 0
  const started = performance.now()
  for (const path of paths) {
    const begun = performance.now()
    const response = await fetch(`${base}${path}`, { headers: { cookie }, redirect: 'manual' })
    await response.arrayBuffer()
    latencies.push(performance.now() - begun)
    if (process.env.BENCH_TRACE === '1') process.stdout.write(`  ${(performance.now() - begun).toFixed(0)} ms ${path}\n`)
    if (response.status !== 200) errors += 1
  }
  return figureFrom(name, latencies, (performance.now() - started) / 1000, errors)
}

export async function hubBenchPlan(input: PlanInput): Promise<PlanEntry[]> {
  const wanted = Object.values(hubFigureNames).filter((name) => !input.only || input.only.test(name))
  if (wanted.length === 0) return []
  const sql = input.database.executeSql.bind(input.database)
  const { analyst, admin, adminSecret } = await hubPeople(input)
  const [first] = input.directory.networks
  const terms = Object.values(first.termIds)
  const organisations = input.people.networks[0].organisationIds
  const { rows: districtRows } = await sql(`select distinct upper(split_part(postcode, ' ', 1)) as d from clients where network_id = $1 and postcode is not null limit 5`, [first.id])
  const districts = (districtRows as { d: string }[]).map((row) => row.d)
  // Distinct filter sets, so each cold request misses the result cache: every issue, a few organisations,
  // districts, organisation types, weeks, and shorter ranges.
  const queries = [
    '',
    'by=week',
    ...terms.map((issue) => `issue=${issue}`),
    ...organisations.slice(0, 8).map((organisation) => `organisation=${organisation}`),
    ...districts.map((area) => `area=${encodeURIComponent(area)}`),
    'organisationType=local_authority',
    'organisationType=nhs',
    ...[1, 3, 6, 9].map((months) => {
      const from = new Date(Date.now() - months * 30 * 86_400_000)
      return `fromDay=${from.getUTCDate()}&fromMonth=${from.getUTCMonth() + 1}&fromYear=${from.getUTCFullYear()}`
    }),
  ]
  const forgetResults = async (): Promise<void> => {
    await sql(`delete from hub_snapshots`)
  }
  const sessions: { analyst?: string; admin?: string } = {}
  const analystCookie = async (): Promise<string> => (sessions.analyst ??= await signIn(input.base, analyst))
  const adminCookie = async (): Promise<string> => (sessions.admin ??= await signInWithCode(input.base, admin, adminSecret))

  return [
    [
      hubFigureNames.refreshFull,
      async (name) => {
        await sql(`delete from hub_referral_facts where network_id in (select id from networks where slug like 'bench-%')`)
        await sql(`delete from hub_refresh_state`)
        const figure = await timed(name, () => input.services.hubDashboard.refreshAll())
        // As autovacuum would leave it (it may be off): statistics, and the visibility map for index-only scans.
        await sql('vacuum (analyze) hub_referral_facts')
        return figure
      },
    ],
    [
      hubFigureNames.refreshNone,
      async (name) => {
        // Catch up first (a run before may have left changes or no prepared views), then time a run with nothing new.
        await input.services.hubDashboard.refreshAll()
        return timed(name, () => input.services.hubDashboard.refreshAll())
      },
    ],
    [
      hubFigureNames.refreshSome,
      async (name) => {
        await sql(`update referrals set updated_at = now() where id in (select id from referrals where network_id = $1 limit 1000)`, [first.id])
        return timed(name, () => input.services.hubDashboard.refreshAll())
      },
    ],
    [
      hubFigureNames.networkCold,
      async (name) => {
        // Stored results outlive a run (they last until the roll-up next runs): cold means none are left but the
        // default views (by month and by week) that the roll-up job itself prepares after every run, as it does live.
        await forgetResults()
        await input.services.hubDashboard.refreshAll()
        return measureSequential(name, input.base, queries.map((query) => `/hub?${query}`), await analystCookie())
      },
    ],
    [hubFigureNames.networkWarm, async (name) => measureHttp(name, input.base, queries.slice(0, 10).map((query) => `/hub?${query}`), input.load, { cookie: await analystCookie() })],
    [
      hubFigureNames.organisationCold,
      async (name) => {
        await forgetResults()
        return measureSequential(name, input.base, queries.filter((query) => !query.startsWith('organisation')).map((query) => `/hub/organisation?${query}`), await adminCookie())
      },
    ],
    [hubFigureNames.organisationWarm, async (name) => measureHttp(name, input.base, ['/hub/organisation', '/hub/organisation?by=week'], input.load, { cookie: await adminCookie() })],
    [
      hubFigureNames.impactCold,
      async (name) => {
        await forgetResults()
        const paths = [3, 4, 5, 7, 8, 10, 11].map((months) => {
          const from = new Date(Date.now() - months * 30 * 86_400_000)
          return `/hub/impact?fromDay=${from.getUTCDate()}&fromMonth=${from.getUTCMonth() + 1}&fromYear=${from.getUTCFullYear()}`
        })
        return measureSequential(name, input.base, paths, await adminCookie())
      },
    ],
  ]
}

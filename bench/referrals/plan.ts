import type { DatabaseHandle } from '../../src/db/client.js'
import type { Services } from '../../src/services.js'
import { measureHttp, type Figure, type LoadOptions } from '../measure.js'
import type { BenchDirectory } from '../seed-directory.js'
import type { BenchPeople } from '../seed.js'
import { signIn } from '../sign-in.js'
import { measureSending, prepareCreation } from './creation.js'
import { seedBenchReferrals } from './seed-referrals.js'

/*
 * The referral figures of `npm run bench`: the incoming and outgoing work lists of a big organisation among
 * 2,000,000 referrals (target p95 ≤ 50 ms), and sustained referral creation through the real send form (target
 * ≥ 200/s, no errors). run.ts adds them to its plan, so they sit beside its bare baselines in the same run.
 * BENCH_REFERRALS sets the total (2,000,000); seeding is skipped where a network already has its referrals.
 */

export type PlanEntry = [string, (name: string) => Promise<Figure>]

export const referralFigureNames = {
  incoming: 'GET /referrals/incoming, receiver of the busiest organisation: open tab, by due date',
  incomingMixed: 'GET /referrals/incoming: tabs (new, overdue, due soon, closed), sorting, filters, page 5',
  outgoing: 'GET /referrals/outgoing, referrer of the busiest organisation: open tab',
  outgoingMixed: 'GET /referrals/outgoing: tabs (overdue, closed), sorting, filters, page 5',
  sending: 'POST /intakes/:id/send (sending): referrals created/s (one service per form, each a new intake with consent)',
  incomingAlone: 'GET /referrals/incoming, open tab, one user at a time (1 connection): the latency a person waits',
  outgoingAlone: 'GET /referrals/outgoing, open tab, one user at a time (1 connection)',
  sendingAlone: 'POST /intakes/:id/send, one user at a time (1 connection)',
}

interface PlanInput {
  database: DatabaseHandle
  services: Services
  base: string
  people: BenchPeople
  directory: BenchDirectory
  load: LoadOptions
  only: RegExp | null
}

/** Seeds what the chosen figures need (nothing if none is chosen) and returns them to measure. */
export async function referralBenchPlan(input: PlanInput): Promise<PlanEntry[]> {
  const wanted = Object.values(referralFigureNames).filter((name) => !input.only || input.only.test(name))
  if (wanted.length === 0) return []
  const total = Number(process.env.BENCH_REFERRALS ?? 2_000_000)
  const seeded = await seedBenchReferrals(
    input.database,
    input.directory.networks.map((network, index) => ({ id: network.id, organisationIds: input.people.networks[index].organisationIds, termIds: network.termIds })),
    total,
  )
  process.stdout.write(seeded.skipped ? `Referrals: ${total} already there.\n` : `Referrals: ${total} seeded in ${seeded.seconds.toFixed(1)} s.\n`)
  // As a live database would be once autovacuum has been by (run.ts did the same before these tables were filled):
  // statistics and the visibility map; a reused database also has the rows earlier runs' sending left.
  await input.database.executeSql('vacuum (analyze)')

  const [first] = input.directory.networks
  const organisationId = input.people.organisationId
  const receiver = await signIn(input.base, `u1-${organisationId}@bench.example`)
  const referrer = await signIn(input.base, input.people.referrerEmail)
  const debt = first.termIds.debt
  // Sending is measured from another organisation: what it makes would otherwise pile up in the outgoing list measured
  // here, and each run (or a reused database) would measure a longer list than the last.
  const sendingOrganisationId = input.people.networks[0].organisationIds[1]
  const senderEmail = `u0-${sendingOrganisationId}@bench.example`
  const sender = (await input.database.executeSql(`select id from users where email = $1`, [senderEmail])).rows[0] as { id: string }
  const sendersCookie = await signIn(input.base, senderEmail)
  const service = (await input.database.executeSql(`select id from services where organisation_id = $1 limit 1`, [organisationId])).rows[0] as { id: string } | undefined
  const incoming = ['/referrals/incoming?view=new', '/referrals/incoming?view=overdue', '/referrals/incoming?view=due-soon', '/referrals/incoming?view=closed&sort=sent', `/referrals/incoming?view=open&issue=${debt}`, '/referrals/incoming?view=open&urgency=urgent', '/referrals/incoming?view=open&page=5', `/referrals/incoming?view=closed&service=${service?.id ?? ''}`]
  const outgoing = ['/referrals/outgoing?view=overdue', '/referrals/outgoing?view=closed&sort=sent', `/referrals/outgoing?view=open&issue=${debt}`, '/referrals/outgoing?view=closed&page=5', '/referrals/outgoing?view=open&sort=sent&order=desc']
  const list = (cookie: string, paths: string[], load = input.load) => (name: string) => measureIfThere(name, input.base, paths, load, cookie)
  const alone: LoadOptions = { ...input.load, connections: 1 }
  const sending = async (name: string, load: LoadOptions): Promise<Figure> => {
    const setup = await prepareCreation(
      input.database,
      input.services,
      { networkId: input.people.networkId, organisationId: sendingOrganisationId, userId: sender.id, postcode: first.postcode, debtTermId: debt },
      Math.max(2000, 500 * load.durationSeconds),
    )
    const form = await fetch(`${input.base}/intakes/${setup.intakeIds[0]}/send`, { headers: { cookie: sendersCookie } })
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1]
    if (form.status !== 200 || !csrf) return skipped(name, `GET /intakes/:id/send answered ${form.status}`)
    return measureSending(name, input.base, sendersCookie, csrf, setup, load)
  }

  return [
    [referralFigureNames.incoming, list(receiver, ['/referrals/incoming'])],
    [referralFigureNames.incomingMixed, list(receiver, incoming)],
    [referralFigureNames.outgoing, list(referrer, ['/referrals/outgoing'])],
    [referralFigureNames.outgoingMixed, list(referrer, outgoing)],
    [referralFigureNames.sending, (name) => sending(name, input.load)],
    // The same with one user, so the latency a person waits is seen apart from the queue ten at once make.
    [referralFigureNames.incomingAlone, list(receiver, ['/referrals/incoming'], alone)],
    [referralFigureNames.outgoingAlone, list(referrer, ['/referrals/outgoing'], alone)],
    [referralFigureNames.sendingAlone, (name) => sending(name, alone)],
  ]
}

const skipped = (name: string, why: string): Figure => ({ name, requestsPerSecond: 0, p50: 0, p95: 0, p99: 0, errors: 0, skipped: `not measured: ${why}` })

/** As run.ts does: measured only when the page answers 200, so a list not built yet shows as missing, not as a figure. */
async function measureIfThere(name: string, base: string, paths: string[], load: LoadOptions, cookie: string): Promise<Figure> {
  for (const path of paths) {
    const probe = await fetch(`${base}${path}`, { headers: { cookie }, redirect: 'manual' })
    await probe.arrayBuffer()
    if (probe.status !== 200) return skipped(name, `${path} answered ${probe.status}`)
  }
  return measureHttp(name, base, paths, load, { cookie })
}


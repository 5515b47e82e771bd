import { describe, expect, it } from 'vitest'
import type { ServiceDependencies } from '../../../services.js'
import { clientFactory } from '../../../../test/referral-factories.js'
import { hubCaller, hubReferral, hubWorld, type HubWorld } from '../../../../test/hub-factories.js'
import { testConfig } from '../../../../test/support/app.js'
import { testDatabase } from '../../../../test/support/database.js'
import type { HubTable } from '../hub-table.js'
import { createDashboardService, type HubPage } from './dashboard.service.js'
import { createListingsService } from '../../directory/listings/listings.service.js'

/** "Today" for every test here: Monday 15 June 2026, so the default range is 16 June 2025 – 15 June 2026. */
const now = new Date('2026-06-15T11:00:00Z')

async function dashboard() {
  const database = await testDatabase()
  const deps: ServiceDependencies = { db: database.db, database, config: testConfig(), now: () => now }
  return createDashboardService(deps)
}

function table(page: HubPage, id: string): HubTable {
  for (const section of page.sections) {
    for (const figure of section.figures) {
      const found = 'table' in figure ? figure.table : figure
      if (found.id === id) return found
    }
  }
  throw new Error(`no table ${id}`)
}

const fewer = { suppressed: true }

describe('intelligence hub measures on a hand-built network', () => {
  it('counts SLA compliance in working days across the Easter bank holidays, and the median and 90th percentile to first contact', async () => {
    const w = await hubWorld()
    const base = { from: w.foodbank, to: w.debt, status: 'completed' as const }
    // Sent Wednesday 1 April 2026 with 2 working days: Good Friday and Easter Monday don't count, so due Tuesday 7 April.
    await hubReferral(w.network.id, { ...base, sentAt: '2026-04-01T10:00:00Z', contactDueOn: '2026-04-07', contactedAt: '2026-04-07T15:00:00Z', acceptedAt: '2026-04-02T09:00:00Z' })
    await hubReferral(w.network.id, { ...base, sentAt: '2026-04-01T10:00:00Z', contactDueOn: '2026-04-07', contactedAt: '2026-04-08T09:00:00Z', acceptedAt: '2026-04-02T09:00:00Z' })
    // Still waiting long after its due date: counts, as not in time.
    await hubReferral(w.network.id, { ...base, status: 'received', sentAt: '2026-04-01T10:00:00Z', contactDueOn: '2026-04-07' })
    // Not due yet, and declined before contact: neither counts.
    await hubReferral(w.network.id, { ...base, status: 'received', sentAt: '2026-06-12T10:00:00Z', contactDueOn: '2026-06-24' })
    await hubReferral(w.network.id, { ...base, status: 'declined', declineReason: 'no_capacity', sentAt: '2026-04-01T10:00:00Z', contactDueOn: '2026-04-07' })
    // Monday 11 May: contacted after 1, 2, 3, 4 and 10 working days (the spring bank holiday, 25 May, skipped).
    for (const contacted of ['2026-05-12', '2026-05-13', '2026-05-14', '2026-05-15', '2026-05-26']) {
      await hubReferral(w.network.id, { ...base, sentAt: '2026-05-11T09:00:00Z', contactDueOn: '2026-05-21', contactedAt: `${contacted}T12:00:00Z`, acceptedAt: '2026-05-11T12:00:00Z' })
    }

    const page = await (await dashboard()).network(await hubCaller(w.coordinator), {})
    // Working days: 2, 3 (Easter) and 1, 2, 3, 4, 10 → median 3, 90th percentile 4 + 0.4 × 6 = 6.4.
    // Due: 2 Easter contacted + 1 overdue + 5 May = 8; in time: 1 Easter + 4 May = 5.
    expect(table(page, 'response-times').rows).toEqual([{ contacted: 7, median: 3, p90: 6.4, due: 8, onTime: 5, compliance: 62.5 }])
    const byOrganisation = table(page, 'sla-by-organisation').rows
    expect(byOrganisation).toEqual([{ name: w.advice.name, due: 8, onTime: 5, compliance: 62.5 }])
  })

  it('works out acceptance, decline reasons, outcomes and the share to and from the council', async () => {
    const w = await hubWorld()
    const sentAt = '2026-03-02T10:00:00Z'
    for (let i = 0; i < 6; i++) await hubReferral(w.network.id, { from: w.council, to: w.debt, sentAt, status: 'completed', acceptedAt: sentAt, contactedAt: sentAt, outcome: 'advice_given,debt_managed' })
    for (let i = 0; i < 3; i++) await hubReferral(w.network.id, { from: w.foodbank, to: w.housing, sentAt, status: 'declined', declineReason: 'no_capacity' })
    await hubReferral(w.network.id, { from: w.foodbank, to: w.housing, sentAt, status: 'declined', declineReason: 'not_eligible' })
    await hubReferral(w.network.id, { from: w.advice, to: w.food, sentAt, status: 'sent' })
    await hubReferral(w.network.id, { from: w.advice, to: w.food, sentAt, status: 'withdrawn' })

    const page = await (await dashboard()).network(await hubCaller(w.analyst), {})
    expect(table(page, 'acceptance').rows).toEqual([{ referrals: 12, accepted: 6, declined: 4, acceptanceRate: 60 }])
    expect(table(page, 'decline-reasons').rows).toEqual([
      { name: 'No capacity', referrals: 3, share: 75 },
      { name: 'Not eligible', referrals: 1, share: 25 },
    ])
    expect(table(page, 'decline-reasons').summary).toContain('3 referrals were declined for lack of capacity')
    expect(table(page, 'outcomes').rows).toEqual([
      { name: 'Advice given', referrals: 6 },
      { name: 'Debt dealt with or managed', referrals: 6 },
    ])
    // 6 from the council, 4 to it, of 12.
    expect(table(page, 'statutory-share').rows).toEqual([
      { name: 'To the local authority', referrals: 4, share: 33.3 },
      { name: 'From the local authority', referrals: 6, share: 50 },
      { name: 'To statutory bodies', referrals: 4, share: 33.3 },
      { name: 'From statutory bodies', referrals: 6, share: 50 },
    ])
  })

  it('gives the repeat-crisis rate: a second crisis referral on an earlier day within 6 months', async () => {
    const w = await hubWorld()
    const crisis = (clientId: string, sentAt: string) => hubReferral(w.network.id, { from: w.advice, to: w.food, sentAt: `${sentAt}T10:00:00Z`, issues: ['food-support'], clientId })
    const client = async () => (await clientFactory.create({ networkId: w.network.id, organisationId: w.advice.id })).id
    const [a, b, c, d, e] = [await client(), await client(), await client(), await client(), await client()]
    await crisis(a, '2026-01-10')
    await crisis(a, '2026-03-10') // repeat: January is within 6 months
    await crisis(b, '2025-06-01')
    await crisis(b, '2026-03-15') // not: more than 6 months since
    await crisis(c, '2026-03-20')
    await crisis(c, '2026-03-20') // not: the same day is one crisis
    await hubReferral(w.network.id, { from: w.advice, to: w.debt, sentAt: '2026-02-01T10:00:00Z', issues: ['debt'], clientId: d })
    await crisis(d, '2026-03-05') // not: the earlier referral was not for crisis support
    await crisis(e, '2025-10-01')
    await crisis(e, '2026-03-25') // repeat

    const page = await (await dashboard()).network(await hubCaller(w.coordinator), {})
    const rows = table(page, 'repeat-crisis').rows
    expect(rows).toContainEqual({ period: '2026-03', crisisClients: 5, repeatClients: 2, repeatRate: 40 })
    expect(rows).toContainEqual({ period: '2026-01', crisisClients: 1, repeatClients: 0, repeatRate: 0 })
    expect(rows).toContainEqual({ period: '2025-10', crisisClients: 1, repeatClients: 0, repeatRate: 0 })
  })

  it('suppresses counts of 1 to 4 by area, and the next smallest when only one would be hidden', async () => {
    const w = await hubWorld()
    const sentAt = '2026-02-02T10:00:00Z'
    const send = async (postcode: string, times: number) => {
      for (let i = 0; i < times; i++) await hubReferral(w.network.id, { from: w.advice, to: w.food, sentAt, postcode })
    }
    await send('E1 6AN', 6)
    await send('E2 7QB', 2)
    await send('E3 2AA', 9)
    const service = await dashboard()
    const page = await service.network(await hubCaller(w.coordinator), {})
    // E2 alone would be "fewer than 5"; E1 goes too, or 17 − 9 − 6 would give it back.
    expect(table(page, 'referrals-by-area').rows).toEqual([
      { name: 'E3', referrals: 9 },
      { name: 'E1', referrals: fewer },
      { name: 'E2', referrals: fewer },
    ])
    // Narrowed to one area, every count and the rates made from them follow the rule.
    const narrowed = await service.network(await hubCaller(w.coordinator), { area: 'e2' })
    expect(narrowed.filters.area).toBe('E2')
    expect(table(narrowed, 'referrals-over-time').rows).toEqual([{ period: '2026-02', sent: fewer, received: fewer }])
    expect(table(narrowed, 'acceptance').rows).toEqual([{ referrals: fewer, accepted: 0, declined: 0, acceptanceRate: null }])
    expect(JSON.stringify(narrowed.sections)).not.toMatch(/E1 6AN|E2 7QB|Client \d/)
  })

  it('narrows every measure by date range, issue, area, organisation type and organisation', async () => {
    const w = await hubWorld()
    const base = { from: w.advice, to: w.housing }
    await hubReferral(w.network.id, { ...base, sentAt: '2026-01-15T10:00:00Z', issues: ['debt'], postcode: 'E1 6AN' })
    await hubReferral(w.network.id, { ...base, sentAt: '2026-01-20T10:00:00Z', issues: ['housing'], postcode: 'E1 6AN' })
    await hubReferral(w.network.id, { from: w.foodbank, to: w.debt, sentAt: '2026-02-10T10:00:00Z', issues: ['housing'], postcode: 'N1 9GU' })
    await hubReferral(w.network.id, { ...base, sentAt: '2024-01-10T10:00:00Z', issues: ['housing'], postcode: 'E1 6AN' })
    const terms = Object.fromEntries(
      table(await (await dashboard()).network(await hubCaller(w.coordinator), {}), 'referrals-by-issue').rows.map((row) => [row.name, row.referrals]),
    )
    expect(terms).toEqual({ Housing: 2, Debt: 1 })

    const service = await dashboard()
    const volume = async (query: Record<string, string>) => table(await service.network(await hubCaller(w.coordinator), query), 'referrals-over-time').rows
    const issueId = (await service.network(await hubCaller(w.coordinator), {})).choices.issues.find((issue) => issue.name === 'Housing')?.id ?? ''
    expect(await volume({ issue: issueId })).toEqual([
      { period: '2026-01', sent: 1, received: 1 },
      { period: '2026-02', sent: 1, received: 1 },
    ])
    // The 2024 referral only appears when the range reaches back to it.
    expect(await volume({ fromDay: '1', fromMonth: '1', fromYear: '2024', toDay: '31', toMonth: '1', toYear: '2024' })).toEqual([{ period: '2024-01', sent: 1, received: 1 }])
    // Narrowed filters suppress counts under 5, so compare what is left: which periods have referrals.
    const periods = async (query: Record<string, string>) => (await volume(query)).map((row) => row.period)
    expect(await periods({ area: 'N1' })).toEqual(['2026-02'])
    expect(await periods({ organisationType: 'local_authority' })).toEqual(['2026-01'])
    expect(await periods({ organisation: w.foodbank.id })).toEqual(['2026-02'])
    // A bad date is reported and the default range kept.
    const bad = await service.network(await hubCaller(w.coordinator), { fromDay: '31', fromMonth: '2', fromYear: '2026' })
    expect(bad.errors).toEqual([{ field: 'fromDay', message: 'intelligence:errors.fromInvalid' }])
    expect(bad.filters.from).toBe('2025-06-16')
  })

  it('shows an organisation admin the demand on their own services and where it comes from', async () => {
    const w: HubWorld = await hubWorld()
    const sentAt = '2026-03-02T10:00:00Z'
    for (let i = 0; i < 5; i++) await hubReferral(w.network.id, { from: w.council, to: w.debt, sentAt })
    await hubReferral(w.network.id, { from: w.foodbank, to: w.debt, sentAt })
    await hubReferral(w.network.id, { from: w.advice, to: w.food, sentAt })
    await hubReferral(w.network.id, { from: w.foodbank, to: w.housing, sentAt }) // not theirs
    const page = await (await dashboard()).organisation(await hubCaller(w.adviceAdmin), {})
    expect(page.organisationId).toBe(w.advice.id)
    expect(table(page, 'referrals-over-time').rows).toEqual([{ period: '2026-03', sent: 1, received: 6 }])
    expect(table(page, 'referrals-by-source').rows).toEqual([
      // 5 would stay, but the 6 received (shown above) less 5 would give the foodbank's 1 back.
      { name: w.council.name, referrals: fewer },
      { name: w.foodbank.name, referrals: fewer },
    ])
    expect(table(page, 'referrals-by-destination').rows).toEqual([{ name: w.foodbank.name, referrals: fewer }])
  })

  it('lists paused services and how long they stayed paused, from the listings’ capacity changes', async () => {
    const w = await hubWorld()
    const database = await testDatabase()
    let clock = new Date('2026-03-02T09:00:00Z')
    const listings = createListingsService({ db: database.db, database, config: testConfig(), now: () => clock })
    const admin = await hubCaller(w.coordinator)
    const pause = { capacityStatus: 'paused' as const, pausedReason: 'Adviser on leave', expectedReopening: null, waitingList: false }
    await listings.changeCapacity(admin, w.debt.id, pause)
    clock = new Date('2026-03-05T09:00:00Z')
    await listings.changeCapacity(admin, w.debt.id, { ...pause, pausedReason: 'Still on leave' }) // same status: the same stretch
    clock = new Date('2026-03-12T09:00:00Z')
    await listings.changeCapacity(admin, w.debt.id, { ...pause, capacityStatus: 'active', pausedReason: null })
    await listings.changeCapacity(admin, w.food.id, { ...pause, capacityStatus: 'closed', pausedReason: null })

    const rows = table(await (await dashboard()).network(await hubCaller(w.coordinator), {}), 'paused-services').rows
    expect(rows).toEqual([
      { name: 'Food parcels', organisation: w.foodbank.name, status: 'Closed', startedOn: '2026-03-12', endedOn: 'Not reopened yet', days: 95 },
      { name: 'Debt advice', organisation: w.advice.name, status: 'Paused', startedOn: '2026-03-02', endedOn: '2026-03-12', days: 10 },
    ])
  })

  it('refreshes the roll-up for referrals that changed since it last ran', async () => {
    const w = await hubWorld()
    const referral = await hubReferral(w.network.id, { from: w.advice, to: w.housing, sentAt: '2026-03-02T10:00:00Z' })
    const service = await dashboard()
    const caller = await hubCaller(w.coordinator)
    expect(table(await service.network(caller, {}), 'acceptance').rows).toEqual([{ referrals: 1, accepted: 0, declined: 0, acceptanceRate: null }])
    const { db } = await testDatabase()
    const { referrals } = await import('../../../db/schema/index.js')
    const { eq } = await import('drizzle-orm')
    await db.update(referrals).set({ status: 'declined', declineReason: 'no_capacity', updatedAt: new Date('2026-03-03T10:00:00Z') }).where(eq(referrals.id, referral.id))
    // Not yet seen: the page reads the roll-up as it was.
    expect(table(await service.network(caller, {}), 'acceptance').rows[0].declined).toBe(0)
    const result = await service.refreshAll()
    expect(result.referrals).toBeGreaterThanOrEqual(1)
    expect(table(await service.network(caller, {}), 'acceptance').rows).toEqual([{ referrals: 1, accepted: 0, declined: 1, acceptanceRate: 0 }])
    // Nothing changed since: this network derives nothing more.
    expect(await service.refresh(w.network.id)).toBe(0)
  })
})

import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../../app.js'
import { searchGaps } from '../../../db/schema/index.js'
import { serviceFactory, termIdsByCode } from '../../../../test/directory-factories.js'
import { organisationFactory } from '../../../../test/factories.js'
import { testApp } from '../../../../test/support/app.js'
import { testDatabase } from '../../../../test/support/database.js'
import { uniquePostcode } from '../postcodes/postcodes.test-support.js'
import { ageBand } from './search.service.js'
import type { SearchQuery } from './search.schemas.js'
import { locateService, openService, placedPostcode, referrerInNewNetwork } from './search.test-support.js'

const query = (fields: Partial<SearchQuery>): SearchQuery => ({ issueIds: [], ...fields })
const names = (items: { name: string }[]): string[] => items.map((item) => item.name)

// 1 km is about 0.009° of latitude.
const centre = { latitude: 52.6, longitude: -1.1 }

describe('directory search', () => {
  let app: App
  beforeAll(async () => {
    app = await testApp()
  })
  afterAll(async () => {
    await app.server.close()
  })

  it('never shows another network’s services', async () => {
    const mine = await referrerInNewNetwork()
    const theirs = await referrerInNewNetwork()
    await serviceFactory.create({ networkId: theirs.networkId, organisationId: theirs.organisationId, name: 'Pension Credit Helpline' })
    const own = await serviceFactory.create({ networkId: mine.networkId, organisationId: mine.organisationId, name: 'Pension Credit Advice' })
    const result = await app.services.directorySearch.search(mine.caller, query({ text: 'pension credit' }))
    expect(names([...result.fitting, ...result.notFitting])).toEqual([own.name])
    const browse = await app.services.directorySearch.search(mine.caller, query({}))
    expect(names(browse.fitting)).toEqual([own.name])
  })

  it('ranks a name match above a description match', async () => {
    const { networkId, organisationId, caller } = await referrerInNewNetwork()
    await serviceFactory.create({ networkId, organisationId, name: 'Money Matters', description: 'Help with pension forms and other letters.' })
    await serviceFactory.create({ networkId, organisationId, name: 'Pension Advice Line', description: 'Free advice for older people.' })
    const result = await app.services.directorySearch.search(caller, query({ text: 'pension' }))
    expect(names(result.fitting)).toEqual(['Pension Advice Line', 'Money Matters'])
  })

  it('finds services despite typos: "housng" and "det advise"', async () => {
    const { networkId, organisationId, caller } = await referrerInNewNetwork()
    await serviceFactory.create({ networkId, organisationId, name: 'Riverside Housing Advice', description: 'Homelessness and tenancy help.' })
    await serviceFactory.create({ networkId, organisationId, name: 'Debt Advice Service', description: 'Free money advice.' })
    await serviceFactory.transient({ issues: ['housing'] }).create({ networkId, organisationId, name: 'Tenancy Sustainment Team', description: 'Keeping a roof over your head.' })
    await serviceFactory.create({ networkId, organisationId, name: 'Community Food Bank', description: 'Food parcels.' })
    const housing = await app.services.directorySearch.search(caller, query({ text: 'housng' }))
    // The name is a near spelling; the team is tagged with the Housing issue, whose name is a near spelling too.
    expect(names(housing.fitting).sort()).toEqual(['Riverside Housing Advice', 'Tenancy Sustainment Team'])
    const debt = await app.services.directorySearch.search(caller, query({ text: 'det advise' }))
    expect(names(debt.fitting)[0]).toBe('Debt Advice Service')
    expect(names(debt.fitting)).not.toContain('Community Food Bank')
  })

  it('within fitting services, the closer comes first, and shows its distance', async () => {
    const { networkId, organisationId, caller } = await referrerInNewNetwork()
    const far = await serviceFactory.transient({ issues: ['debt'] }).create({ networkId, organisationId, name: 'Far Debt Clinic' })
    const near = await serviceFactory.transient({ issues: ['debt'] }).create({ networkId, organisationId, name: 'Near Debt Clinic' })
    await locateService(far, centre.latitude + 0.09, centre.longitude)
    await locateService(near, centre.latitude + 0.018, centre.longitude)
    const postcode = await placedPostcode(centre.latitude, centre.longitude)
    const { debt } = await termIdsByCode(networkId)
    const result = await app.services.directorySearch.search(caller, query({ issueIds: [debt], postcode }))
    expect(result.postcode).toMatchObject({ status: 'found', postcode })
    expect(names(result.fitting)).toEqual(['Near Debt Clinic', 'Far Debt Clinic'])
    expect(result.fitting[0].distanceKm).toBeCloseTo(2.0, 1)
    expect(result.fitting[1].distanceKm).toBeCloseTo(10.0, 1)
  })

  it('judges the area by district and by radius from the client’s postcode', async () => {
    const { networkId, organisationId, caller } = await referrerInNewNetwork()
    const postcode = await placedPostcode(centre.latitude, centre.longitude)
    const outcode = postcode.split(' ')[0]
    const make = (name: string, fields: object) => serviceFactory.transient({ issues: ['housing'] }).create({ networkId, organisationId, name, ...fields })
    await make('Covers the district', { areaDistricts: [outcode, 'RV2'] })
    await make('Covers other districts', { areaDistricts: ['RV2', 'RV3'] })
    await make('Within its radius', { areaRadiusKm: 5, areaCentreLatitude: centre.latitude + 0.036, areaCentreLongitude: centre.longitude })
    await make('Beyond its radius', { areaRadiusKm: 3, areaCentreLatitude: centre.latitude + 0.036, areaCentreLongitude: centre.longitude })
    await make('Whole network area', {})
    const { housing } = await termIdsByCode(networkId)
    const result = await app.services.directorySearch.search(caller, query({ issueIds: [housing], postcode }))
    expect(names(result.fitting).sort()).toEqual(['Covers the district', 'Whole network area', 'Within its radius'])
    const reasonOf = (name: string) => [...result.fitting, ...result.notFitting].find((item) => item.name === name)?.reasons.find((reason) => reason.criterion === 'area')
    expect(reasonOf('Covers the district')).toMatchObject({ ok: true, key: 'areaDistrict', params: { district: outcode } })
    expect(reasonOf('Covers other districts')).toMatchObject({ ok: false, params: { districts: ['RV2', 'RV3'] } })
    expect(reasonOf('Within its radius')).toMatchObject({ ok: true, key: 'areaRadius', params: { km: 5 } })
    expect(reasonOf('Beyond its radius')).toMatchObject({ ok: false, key: 'areaRadius', params: { km: 3 } })
    expect(reasonOf('Whole network area')).toMatchObject({ ok: true, key: 'areaWhole' })
  })

  it('lists paused, closed and ineligible services separately with their reasons, never hiding them', async () => {
    const { networkId, organisationId, caller } = await referrerInNewNetwork()
    const debtService = (name: string, fields: object) => serviceFactory.transient({ issues: ['debt'] }).create({ networkId, organisationId, name, ...fields })
    await debtService('Open Debt Advice', { minimumAge: 18, acceptsNrpf: true, languages: ['en', 'bn'], deliveryChannels: ['phone'] })
    await debtService('Paused Debt Advice', { capacityStatus: 'paused', expectedReopening: '2026-01-03', acceptsNrpf: true, languages: ['bn'] })
    await debtService('Closed Debt Advice', { capacityStatus: 'closed', acceptsNrpf: true, languages: ['bn'] })
    await debtService('Young People Debt Advice', { minimumAge: 16, maximumAge: 17, acceptsNrpf: true, languages: ['bn'] })
    await debtService('No NRPF Debt Advice', { acceptsNrpf: false, languages: ['bn'] })
    const weekend = await debtService('Weekday Debt Advice', { acceptsNrpf: true, languages: ['bn'] })
    await openService(weekend, 'MO,TU,WE,TH,FR', '09:00', '17:00')
    const { debt } = await termIdsByCode(networkId)
    const result = await app.services.directorySearch.search(
      caller,
      query({ issueIds: [debt], age: 18, nrpf: 'yes', language: 'bn', channel: 'phone', day: 'TU', time: '10:00' }),
    )
    expect(names(result.fitting).sort()).toEqual(['Open Debt Advice', 'Weekday Debt Advice'])
    const failing = Object.fromEntries(result.notFitting.map((item) => [item.name, item.reasons.filter((reason) => !reason.ok).map((reason) => reason.key)]))
    expect(failing).toEqual({
      'Paused Debt Advice': ['pausedUntil'],
      'Closed Debt Advice': ['closed'],
      'Young People Debt Advice': ['ageBetween'],
      'No NRPF Debt Advice': ['nrpfRefused'],
    })
    expect(result.gapRecorded).toBe(false)
    const saturday = await app.services.directorySearch.search(caller, query({ issueIds: [debt], day: 'SA' }))
    expect(saturday.notFitting.find((item) => item.name === 'Weekday Debt Advice')?.reasons).toContainEqual(
      expect.objectContaining({ criterion: 'open', ok: false, key: 'openOn' }),
    )
  })

  it('records a gap with no personal data when nothing fits, and offers the nearest partial matches', async () => {
    const { networkId, organisationId, caller } = await referrerInNewNetwork()
    await serviceFactory.transient({ issues: ['immigration'] }).create({ networkId, organisationId, name: 'Adults Immigration Advice', minimumAge: 18 })
    await serviceFactory.transient({ issues: ['immigration'] }).create({ networkId, organisationId, name: 'Paused Immigration Advice', minimumAge: 18, capacityStatus: 'paused' })
    const postcode = uniquePostcode()
    const { immigration } = await termIdsByCode(networkId)
    const result = await app.services.directorySearch.search(caller, query({ text: 'asylum appeal Mo Ahmed', issueIds: [immigration], age: 17, postcode, nrpf: 'yes', language: 'ar' }))
    expect(result.fitting).toEqual([])
    expect(result.gapRecorded).toBe(true)
    expect(names(result.nearestPartial)).toEqual(['Adults Immigration Advice', 'Paused Immigration Advice'])
    const { db } = await testDatabase()
    const gaps = await db.select().from(searchGaps).where(eq(searchGaps.networkId, networkId))
    expect(gaps).toHaveLength(1)
    expect(gaps[0]).toMatchObject({
      organisationId,
      termIds: [immigration],
      district: postcode.split(' ')[0],
      circumstances: { searchedWords: true, ageBand: '16-17', nrpf: 'yes', language: 'ar' },
      partialMatches: 2,
    })
    const stored = JSON.stringify(gaps[0])
    expect(stored).not.toContain(postcode)
    expect(stored).not.toContain('Ahmed')
    expect(stored).not.toContain('"17"')

    // The same search again (a reload) is the same unmet need, not a second one.
    const again = await app.services.directorySearch.search(caller, query({ text: 'asylum appeal Mo Ahmed', issueIds: [immigration], age: 17, postcode, nrpf: 'yes', language: 'ar' }))
    expect(again.gapRecorded).toBe(true)
    expect(await db.select().from(searchGaps).where(eq(searchGaps.networkId, networkId))).toHaveLength(1)
    await app.services.directorySearch.search(caller, query({ text: 'asylum appeal', issueIds: [immigration], age: 30, postcode, nrpf: 'yes', language: 'ar' }))
    expect(await db.select().from(searchGaps).where(eq(searchGaps.networkId, networkId))).toHaveLength(2)
  })

  it('records no gap when something fits, nor for a search with neither words nor issues', async () => {
    const { networkId, organisationId, caller } = await referrerInNewNetwork()
    await serviceFactory.transient({ issues: ['debt'] }).create({ networkId, organisationId, name: 'Debt Help', minimumAge: 18 })
    const { debt } = await termIdsByCode(networkId)
    expect((await app.services.directorySearch.search(caller, query({ issueIds: [debt], age: 30 }))).gapRecorded).toBe(false)
    expect((await app.services.directorySearch.search(caller, query({ age: 10 }))).gapRecorded).toBe(false)
    const { db } = await testDatabase()
    expect(await db.select().from(searchGaps).where(eq(searchGaps.networkId, networkId))).toEqual([])
  })

  it('runs without distance when the postcode is unknown, still matching the district', async () => {
    const { networkId, organisationId, caller } = await referrerInNewNetwork()
    const postcode = uniquePostcode()
    const service = await serviceFactory.transient({ issues: ['debt'] }).create({ networkId, organisationId, name: 'District Debt Help', areaDistricts: [postcode.split(' ')[0]] })
    await locateService(service, centre.latitude, centre.longitude)
    const { debt } = await termIdsByCode(networkId)
    const result = await app.services.directorySearch.search(caller, query({ issueIds: [debt], postcode: postcode.toLowerCase() }))
    expect(result.postcode).toEqual({ status: 'unknown', postcode, district: postcode.split(' ')[0] })
    expect(names(result.fitting)).toEqual(['District Debt Help'])
    expect(result.fitting[0].distanceKm).toBeNull()
  })

  it('only searches issues of the caller’s own network', async () => {
    const mine = await referrerInNewNetwork()
    const theirs = await referrerInNewNetwork()
    const other = await organisationFactory.create({ networkId: theirs.networkId })
    await serviceFactory.transient({ issues: ['debt'] }).create({ networkId: theirs.networkId, organisationId: other.id })
    const { debt } = await termIdsByCode(theirs.networkId)
    const result = await app.services.directorySearch.search(mine.caller, query({ issueIds: [debt] }))
    expect([...result.fitting, ...result.notFitting]).toEqual([])
  })

  it('bands ages for the gap record', () => {
    expect([15, 16, 17, 18, 24, 25, 64, 65, 75, 90].map(ageBand)).toEqual(['0-15', '16-17', '16-17', '18-24', '18-24', '25-34', '50-64', '65-74', '75+', '75+'])
  })
})

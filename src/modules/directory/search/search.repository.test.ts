import { describe, expect, it } from 'vitest'
import { serviceFactory, termIdsByCode } from '../../../../test/directory-factories.js'
import { testDatabase } from '../../../../test/support/database.js'
import { findCandidates } from './search.repository.js'
import { locateService, referrerInNewNetwork } from './search.test-support.js'

// Each candidate arm keeps only its own best `limit` before anything is joined (decision 0008): these searches have
// more matches than the limit, so what is kept is what the arms chose.
const centre = { latitude: 52.6, longitude: -1.1 }
const names = (rows: { name: string }[]): string[] => rows.map((row) => row.name)

describe('search candidates when more match than the cap', () => {
  it('keeps the nearest services tagged with the chosen issue, nearest first', async () => {
    const { networkId, organisationId } = await referrerInNewNetwork()
    const { debt } = await termIdsByCode(networkId)
    // Created far to near, so neither creation order nor id order can pass for distance order.
    for (const km of [20, 15, 10, 5, 1]) {
      const service = await serviceFactory.transient({ issues: ['debt'] }).create({ networkId, organisationId, name: `Debt clinic ${km} km away` })
      await locateService(service, centre.latitude + km * 0.009, centre.longitude)
    }
    // Only an area centre, no location: measured from the centre, 3 km away.
    await serviceFactory.transient({ issues: ['debt'] }).create({
      networkId,
      organisationId,
      name: 'Debt outreach around a centre 3 km away',
      areaRadiusKm: 2,
      areaCentreLatitude: centre.latitude + 0.027,
      areaCentreLongitude: centre.longitude,
    })
    const { db } = await testDatabase()
    const rows = await findCandidates(db, { networkId, text: null, issueIds: [debt], origin: centre, limit: 3 })
    expect(names(rows)).toEqual(['Debt clinic 1 km away', 'Debt outreach around a centre 3 km away', 'Debt clinic 5 km away'])
  })

  it('keeps the services whose own words match ahead of those only tagged with an issue named in the words', async () => {
    const { networkId, organisationId } = await referrerInNewNetwork()
    for (let n = 0; n < 4; n++) {
      await serviceFactory.transient({ issues: ['debt'] }).create({ networkId, organisationId, name: `Money Help ${n}`, description: 'Budgeting support.' })
    }
    await serviceFactory.create({ networkId, organisationId, name: 'Debt Advice Line', description: 'Free debt advice by phone.' })
    const { db } = await testDatabase()
    const rows = await findCandidates(db, { networkId, text: 'debt advice', issueIds: [], origin: null, limit: 3 })
    expect(rows[0].name).toBe('Debt Advice Line')
    expect(rows).toHaveLength(3)
    expect(names(rows.slice(1)).every((name) => name.startsWith('Money Help'))).toBe(true)
  })

  it('never keeps a withdrawn service in place of a listed one', async () => {
    const { networkId, organisationId } = await referrerInNewNetwork()
    await serviceFactory.create({ networkId, organisationId, name: 'Pension Advice (closed down)', status: 'defunct' })
    await serviceFactory.create({ networkId, organisationId, name: 'Pension Advice Line' })
    await serviceFactory.create({ networkId, organisationId, name: 'Pension Credit Help' })
    const { db } = await testDatabase()
    const rows = await findCandidates(db, { networkId, text: 'pension', issueIds: [], origin: null, limit: 2 })
    expect(names(rows).sort()).toEqual(['Pension Advice Line', 'Pension Credit Help'])
  })
})

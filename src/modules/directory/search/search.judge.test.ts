import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../../app.js'
import { serviceFactory, termIdsByCode } from '../../../../test/directory-factories.js'
import { testApp } from '../../../../test/support/app.js'
import type { SearchQuery } from './search.schemas.js'
import { locateService, openService, placedPostcode, referrerInNewNetwork } from './search.test-support.js'

/** Judging chosen services by id (what sending checks a choice against) gives the verdicts the search showed. */

const centre = { latitude: 52.6, longitude: -1.1 }

describe('judging services by id', () => {
  let app: App
  beforeAll(async () => {
    app = await testApp()
  })
  afterAll(async () => {
    await app.server.close()
  })

  it('gives each service the verdict, reasons and distance the search gave it', async () => {
    const { networkId, organisationId, caller } = await referrerInNewNetwork()
    const debtService = (name: string, fields: object) => serviceFactory.transient({ issues: ['debt'] }).create({ networkId, organisationId, name, ...fields })
    const open = await debtService('Open Debt Advice', { minimumAge: 18, acceptsNrpf: true, languages: ['en', 'bn'], deliveryChannels: ['phone'] })
    const paused = await debtService('Paused Debt Advice', { capacityStatus: 'paused', expectedReopening: '2026-01-03', acceptsNrpf: true })
    const young = await debtService('Young People Debt Advice', { minimumAge: 16, maximumAge: 17, acceptsNrpf: true, languages: ['bn'] })
    const weekdays = await debtService('Weekday Debt Advice', { acceptsNrpf: true, languages: ['bn'], areaRadiusKm: 5 })
    await openService(weekdays, 'MO,TU,WE,TH,FR', '09:00', '17:00')
    await locateService(weekdays, centre.latitude + 0.018, centre.longitude)
    const housing = await serviceFactory.transient({ issues: ['housing'] }).create({ networkId, organisationId, name: 'Housing Options', acceptsNrpf: true })
    const postcode = await placedPostcode(centre.latitude, centre.longitude)
    const { debt } = await termIdsByCode(networkId)
    const query: SearchQuery = { issueIds: [debt], age: 18, postcode, nrpf: 'yes', language: 'bn', day: 'SA' }

    const searched = await app.services.directorySearch.search(caller, query)
    const judged = await app.services.directorySearch.judge(caller, query, [open.id, paused.id, young.id, weekdays.id, housing.id])

    const shown = new Map([...searched.fitting, ...searched.notFitting].map((item) => [item.serviceId, item]))
    for (const service of [open, paused, young, weekdays]) {
      const { relevance: _searchRank, ...verdict } = shown.get(service.id) ?? { relevance: 0 }
      const { relevance: _none, ...byId } = judged.get(service.id) ?? { relevance: 0 }
      expect(byId).toEqual(verdict)
    }
    expect(judged.get(weekdays.id)?.distanceKm).toBeCloseTo(2.0, 1)
    expect(judged.get(weekdays.id)?.reasons).toContainEqual(expect.objectContaining({ criterion: 'open', ok: false, key: 'openOn' }))
    expect(judged.get(paused.id)?.reasons).toContainEqual(expect.objectContaining({ criterion: 'capacity', ok: false }))
    // Not for the client's issue: judged all the same, as not fitting it.
    expect(judged.get(housing.id)?.fits).toBe(false)
    expect(judged.get(housing.id)?.reasons).toContainEqual(expect.objectContaining({ criterion: 'issue', ok: false }))
  })

  it('leaves out services of another network, unlisted ones and unknown ids', async () => {
    const mine = await referrerInNewNetwork()
    const theirs = await referrerInNewNetwork()
    const own = await serviceFactory.create({ networkId: mine.networkId, organisationId: mine.organisationId, name: 'Own Advice' })
    const withdrawn = await serviceFactory.create({ networkId: mine.networkId, organisationId: mine.organisationId, name: 'Withdrawn Advice', status: 'inactive' })
    const foreign = await serviceFactory.create({ networkId: theirs.networkId, organisationId: theirs.organisationId, name: 'Their Advice' })
    const judged = await app.services.directorySearch.judge(mine.caller, { issueIds: [] }, [own.id, withdrawn.id, foreign.id, crypto.randomUUID()])
    expect([...judged.keys()]).toEqual([own.id])
  })
})

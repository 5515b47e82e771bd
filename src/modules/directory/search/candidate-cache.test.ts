import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../../app.js'
import { loadActor } from '../../../platform/access/actor.js'
import { serviceFactory, termIdsByCode } from '../../../../test/directory-factories.js'
import { addMembership, grantNetworkRole, userFactory } from '../../../../test/factories.js'
import { testApp } from '../../../../test/support/app.js'
import { testDatabase } from '../../../../test/support/database.js'
import { createTaxonomyService } from '../taxonomy/taxonomy.service.js'
import { candidateCache } from './candidate-cache.js'
import { referrerInNewNetwork } from './search.test-support.js'

describe('candidate cache', () => {
  it('gives back a value only for the same version and within its time, dropping the least recently used', () => {
    let now = 0
    const cache = candidateCache<string>({ maxEntries: 2, ttlMs: 1000, clock: () => now })
    cache.set('a', 1, 'A')
    expect(cache.get('a', 1)).toBe('A')
    expect(cache.get('a', 2)).toBeUndefined()
    expect(cache.get('a', 1)).toBeUndefined()
    cache.set('a', 1, 'A')
    cache.set('b', 1, 'B')
    cache.get('a', 1)
    cache.set('c', 1, 'C')
    expect(cache.get('b', 1)).toBeUndefined()
    expect(cache.get('a', 1)).toBe('A')
    now = 1001
    expect(cache.get('c', 1)).toBeUndefined()
  })
})

describe('directory search after a listing changes', () => {
  let app: App
  beforeAll(async () => {
    app = await testApp()
  })
  afterAll(async () => {
    await app.server.close()
  })

  it('shows a pause at the very next search, though the same search ran just before', async () => {
    const { networkId, organisationId, caller } = await referrerInNewNetwork()
    const admin = await userFactory.create()
    await addMembership(admin, { id: organisationId, networkId }, 'organisation_admin')
    const { db } = await testDatabase()
    const adminCaller = { actor: await loadActor(db, admin.id), language: 'en' as const }
    const service = await serviceFactory.create({ networkId, organisationId, name: 'Cache Street Debt Advice' })
    const search = () => app.services.directorySearch.search(caller, { text: 'cache street', issueIds: [] })

    const before = await search()
    expect(before.fitting.map((item) => item.name)).toEqual([service.name])
    expect(before.fitting[0].verified).toBe(false)

    await app.services.listings.changeCapacity(adminCaller, service.id, { capacityStatus: 'paused', pausedReason: 'Adviser on leave', expectedReopening: null, waitingList: false })
    const paused = await search()
    expect(paused.fitting).toEqual([])
    expect(paused.notFitting.map((item) => [item.name, item.capacityStatus])).toEqual([[service.name, 'paused']])
  })

  it('stops offering a retired issue at the very next search', async () => {
    const { networkId, caller } = await referrerInNewNetwork()
    const coordinator = await userFactory.create()
    await grantNetworkRole(coordinator, { id: networkId }, 'coordinator')
    const { db } = await testDatabase()
    const coordinatorCaller = { actor: await loadActor(db, coordinator.id, { networkId, organisationId: null }), language: 'en' as const }
    const { debt } = await termIdsByCode(networkId)
    const search = () => app.services.directorySearch.search(caller, { text: 'anything', issueIds: [debt] })

    expect((await search()).terms.map((term) => term.id)).toContain(debt)
    await createTaxonomyService(app.services.deps).setRetired(coordinatorCaller, debt, true)
    expect((await search()).terms.map((term) => term.id)).not.toContain(debt)
  })
})

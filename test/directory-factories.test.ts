import { describe, expect, it } from 'vitest'
import { networkFactory, organisationFactory } from './factories.js'
import { serviceFactory, termIdsByCode } from './directory-factories.js'

describe('directory factories', () => {
  it('give every network the 19 starter issues and make services tagged with them', async () => {
    const network = await networkFactory.create()
    const organisation = await organisationFactory.create({ networkId: network.id })
    const terms = await termIdsByCode(network.id)
    expect(Object.keys(terms)).toHaveLength(19)
    const service = await serviceFactory.transient({ issues: ['debt', 'housing'] }).create({ networkId: network.id, organisationId: organisation.id })
    expect(service.networkId).toBe(network.id)
    expect(service.searchVector).toContain('advic')
  })
})

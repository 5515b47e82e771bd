import { loadActor } from '../../../platform/access/actor.js'
import { locations, schedules, serviceAtLocations } from '../../../db/schema/index.js'
import { addMembership, networkFactory, organisationFactory, userFactory } from '../../../../test/factories.js'
import { testDatabase } from '../../../../test/support/database.js'
import { upsertCentroids } from '../postcodes/postcodes.service.js'
import { uniquePostcode } from '../postcodes/postcodes.test-support.js'
import type { Caller } from '../../../platform/access/caller.js'

/** A network with one organisation and a referrer, and the referrer as a caller of the search service. */
export async function referrerInNewNetwork(): Promise<{ networkId: string; organisationId: string; caller: Caller; referrer: { id: string; email: string } }> {
  const network = await networkFactory.create()
  const organisation = await organisationFactory.create({ networkId: network.id })
  const referrer = await userFactory.create()
  await addMembership(referrer, organisation, 'referrer')
  const { db } = await testDatabase()
  const actor = await loadActor(db, referrer.id)
  return { networkId: network.id, organisationId: organisation.id, caller: { actor, language: 'en' }, referrer }
}

/** A fictional postcode of its own, placed at the given point. */
export async function placedPostcode(latitude: number, longitude: number, outcode?: string): Promise<string> {
  const { db } = await testDatabase()
  const postcode = uniquePostcode(outcode)
  await upsertCentroids(db, [{ postcode, district: postcode.split(' ')[0], latitude, longitude }])
  return postcode
}

/** Puts a service at a physical location. */
export async function locateService(service: { id: string; networkId: string; organisationId: string }, latitude: number, longitude: number): Promise<void> {
  const { db } = await testDatabase()
  const [location] = await db
    .insert(locations)
    .values({ networkId: service.networkId, organisationId: service.organisationId, name: 'Drop-in centre', latitude, longitude })
    .returning({ id: locations.id })
  await db.insert(serviceAtLocations).values({ networkId: service.networkId, serviceId: service.id, locationId: location.id })
}

export async function openService(service: { id: string; networkId: string }, byday: string, opensAt: string, closesAt: string): Promise<void> {
  const { db } = await testDatabase()
  await db.insert(schedules).values({ networkId: service.networkId, serviceId: service.id, freq: 'WEEKLY', byday, opensAt, closesAt })
}

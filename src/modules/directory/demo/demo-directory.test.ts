import { eq, inArray } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Database, type DatabaseHandle } from '../../../db/client.js'
import {
  addresses,
  contacts,
  locations,
  phones,
  postcodeCentroids,
  schedules,
  serviceAtLocations,
  serviceTaxonomy,
  services,
  taxonomyTerms,
} from '../../../db/schema/index.js'
import { testConfig } from '../../../../test/support/app.js'
import { testDatabase } from '../../../../test/support/database.js'
import { networkFactory, organisationFactory } from '../../../../test/factories.js'
import { seedDemo } from '../../networks/demo.js'
import { demoOrganisations } from '../../networks/demo-data.js'
import { parsePostcode } from '../postcodes/postcode.js'
import { isStale } from '../listings/freshness.js'
import { starterIssues } from '../taxonomy/issues.js'
import { demoPostcodeCentroids } from './demo-postcodes.js'
import { demoServices, seedDemoDirectory } from './demo-directory.js'

async function directoryOf(db: Database, networkId: string) {
  const listed = await db.select().from(services).where(eq(services.networkId, networkId))
  const tagged = await db
    .select({ serviceId: serviceTaxonomy.serviceId, code: taxonomyTerms.code })
    .from(serviceTaxonomy)
    .innerJoin(taxonomyTerms, eq(taxonomyTerms.id, serviceTaxonomy.termId))
    .where(eq(serviceTaxonomy.networkId, networkId))
  const places = await db
    .select({ location: locations, address: addresses })
    .from(locations)
    .innerJoin(addresses, eq(addresses.locationId, locations.id))
    .where(eq(locations.networkId, networkId))
  const count = async (table: typeof schedules | typeof phones | typeof contacts | typeof serviceAtLocations): Promise<number> =>
    (await db.select({ id: table.id }).from(table).where(eq(table.networkId, networkId))).length
  return {
    listed,
    tagged,
    places,
    schedules: await count(schedules),
    phones: await count(phones),
    contacts: await count(contacts),
    atLocations: await count(serviceAtLocations),
  }
}

describe('the demo directory', () => {
  // Its own database, as the demo network's slug and accounts are unique in an installation.
  let database: DatabaseHandle
  const { ENCRYPTION_KEY } = testConfig()
  beforeAll(async () => {
    database = await openDatabase({})
    await database.migrate()
  })
  afterAll(async () => {
    await database.close()
  })

  it('gives the demo network about 80 listings across all 19 issues, some paused, closed or stale, idempotently', async () => {
    const now = new Date('2026-03-02T10:00:00Z')
    const started = Date.now()
    const { networkId } = await seedDemo(database.db, { encryptionKey: ENCRYPTION_KEY, now })
    expect(Date.now() - started).toBeLessThan(15_000)

    const seeded = await directoryOf(database.db, networkId)
    const { listed } = seeded
    expect(listed.length).toBeGreaterThanOrEqual(75)
    expect(listed.length).toBeLessThanOrEqual(95)
    expect(new Set(seeded.tagged.map((tag) => tag.code))).toEqual(new Set(starterIssues.map((issue) => issue.code)))
    expect(new Set(seeded.tagged.map((tag) => tag.serviceId)).size).toBe(listed.length)

    // Capacity: paused ones say why and when they reopen; a closed one or two.
    const paused = listed.filter((service) => service.capacityStatus === 'paused')
    expect(paused.length).toBeGreaterThanOrEqual(4)
    for (const service of paused) {
      expect(service.pausedReason, service.name).toBeTruthy()
      expect(service.expectedReopening! > '2026-03-02', service.name).toBe(true)
    }
    expect(paused.some((service) => service.waitingList)).toBe(true)
    expect(paused.some((service) => !service.waitingList)).toBe(true)
    const closed = listed.filter((service) => service.capacityStatus === 'closed')
    expect(closed.length).toBeGreaterThanOrEqual(1)
    expect(closed.length).toBeLessThanOrEqual(3)

    // Freshness and trust: several stale, most not; some verified.
    const stale = listed.filter((service) => isStale(service.lastReviewedAt, now))
    expect(stale.length).toBeGreaterThanOrEqual(5)
    expect(stale.length).toBeLessThan(listed.length / 4)
    for (const service of stale) expect(service.lastReviewedAt.getTime()).toBeGreaterThan(now.getTime() - 300 * 86_400_000)
    expect(listed.filter((service) => service.verifiedAt !== null && service.verifiedBy !== null).length).toBeGreaterThanOrEqual(15)

    // Eligibility varies the way real listings do.
    expect(listed.some((service) => service.minimumAge !== null && service.maximumAge !== null)).toBe(true)
    expect(listed.some((service) => service.minimumAge === 60)).toBe(true)
    expect(listed.some((service) => service.areaDistricts.length > 0)).toBe(true)
    const radius = listed.filter((service) => service.areaRadiusKm !== null)
    expect(radius.length).toBeGreaterThanOrEqual(1)
    for (const service of radius) expect(service.areaCentreLatitude).not.toBeNull()
    expect(listed.some((service) => service.acceptsNrpf === true)).toBe(true)
    expect(listed.some((service) => service.acceptsNrpf === false)).toBe(true)
    expect(listed.some((service) => service.householdTypes.includes('carer'))).toBe(true)
    expect(listed.some((service) => service.contactSlaDays !== null)).toBe(true)
    expect(new Set(listed.flatMap((service) => service.deliveryChannels))).toEqual(new Set(['phone', 'online', 'in_person', 'home_visit']))
    for (const language of ['en', 'bn', 'pl', 'ar', 'ur', 'so', 'ro']) {
      expect(listed.some((service) => service.languages.includes(language)), language).toBe(true)
    }

    // Places sit on the demo's own postcodes, which geocode.
    expect(seeded.places.length).toBeGreaterThanOrEqual(30)
    const centroids = await database.db
      .select()
      .from(postcodeCentroids)
      .where(inArray(postcodeCentroids.postcode, seeded.places.map((place) => place.address.postalCode)))
    const byPostcode = new Map(centroids.map((centroid) => [centroid.postcode, centroid]))
    for (const { location, address } of seeded.places) {
      const centroid = byPostcode.get(address.postalCode)
      expect(centroid, address.postalCode).toBeDefined()
      expect(location.latitude).toBe(centroid!.latitude)
      expect(location.longitude).toBe(centroid!.longitude)
    }
    expect(new Set(seeded.places.map((place) => place.address.postalCode.split(' ')[0])).size).toBeGreaterThanOrEqual(8)
    expect(seeded.schedules).toBeGreaterThanOrEqual(listed.length)
    expect(seeded.phones).toBe(listed.length)
    expect(seeded.contacts).toBe(listed.length)

    // Running again adds nothing.
    await seedDemo(database.db, { encryptionKey: ENCRYPTION_KEY, now: new Date('2026-04-01T10:00:00Z') })
    const again = await directoryOf(database.db, networkId)
    expect(again.listed).toHaveLength(listed.length)
    expect(again.tagged).toHaveLength(seeded.tagged.length)
    expect(again.places).toHaveLength(seeded.places.length)
    expect([again.schedules, again.phones, again.contacts, again.atLocations]).toEqual([
      seeded.schedules,
      seeded.phones,
      seeded.contacts,
      seeded.atLocations,
    ])
  }, 60_000)

  it('ships about 150 centroids for RV1–RV9 around one centre, each a well-formed, distinct postcode', () => {
    expect(demoPostcodeCentroids.length).toBeGreaterThanOrEqual(140)
    const postcodes = demoPostcodeCentroids.map(([postcode]) => postcode)
    expect(new Set(postcodes).size).toBe(postcodes.length)
    for (const [postcode, latitude, longitude] of demoPostcodeCentroids) {
      expect(parsePostcode(postcode)?.postcode, postcode).toBe(postcode)
      expect(postcode).toMatch(/^RV[1-9] /)
      expect(Math.abs(latitude - 52.6)).toBeLessThan(0.06)
      expect(Math.abs(longitude + 1.1)).toBeLessThan(0.09)
    }
    expect(new Set(demoServices.map((service) => service.key)).size).toBe(demoServices.length)
  })
})

describe('seeding the demo directory into a network with the demo organisations', () => {
  it('works on this database too (PostgreSQL 15 when DATABASE_URL is set) and adds nothing the second time', async () => {
    const { db } = await testDatabase()
    const network = await networkFactory.create()
    for (const organisation of demoOrganisations) {
      await organisationFactory.create({ networkId: network.id, name: organisation.name, type: organisation.type })
    }
    const now = new Date()
    const first = await db.transaction((tx) => seedDemoDirectory(tx, { networkId: network.id, now }))
    expect(first.servicesAdded).toBe(demoServices.length)
    const second = await db.transaction((tx) => seedDemoDirectory(tx, { networkId: network.id, now }))
    expect(second.servicesAdded).toBe(0)
    const listed = await db.select({ id: services.id }).from(services).where(eq(services.networkId, network.id))
    expect(listed).toHaveLength(demoServices.length)
  }, 60_000)
})

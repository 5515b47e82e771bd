import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import type { App } from '../../../app.js'
import { organisations } from '../../../db/schema/index.js'
import { networkFactory, networkWithPeople, organisationFactory } from '../../../../test/factories.js'
import { serviceFactory, termIdsByCode } from '../../../../test/directory-factories.js'
import { testApp } from '../../../../test/support/app.js'
import { testDatabase } from '../../../../test/support/database.js'
import {
  addListingDetails,
  addLocation,
  addSchedule,
  centroid,
  pageValidator,
  specAvailable,
  specMissingMessage,
  specValidator,
  validationErrors,
} from './oruk.test-helpers.js'

let app: App
beforeAll(async () => {
  app = await testApp()
})
afterAll(async () => {
  await app.server.close()
})

type Json = Record<string, unknown> & { contents?: Record<string, unknown>[] }

async function get(url: string): Promise<{ status: number; body: Json; headers: Record<string, unknown> }> {
  const response = await app.server.inject({ method: 'GET', url })
  return { status: response.statusCode, body: response.json() as Json, headers: response.headers }
}

const ids = (body: Json): string[] => (body.contents ?? []).map((item) => String(item.id)).sort()

/** A network whose one organisation has a fully described service (locations, schedules, contacts…) and a plain one. */
async function describedNetwork() {
  const people = await networkWithPeople()
  const { network, organisation } = people
  const { db } = await testDatabase()
  await db.update(organisations).set({ charityNumber: '1123456', companyNumber: '07654321', email: 'hello@example.org', website: 'www.example.org' }).where(eq(organisations.id, organisation.id))
  const full = await serviceFactory.transient({ issues: ['debt', 'housing'] }).create({
    networkId: network.id,
    organisationId: organisation.id,
    name: 'Debt Advice Drop-in',
    url: 'https://example.org/debt',
    email: 'debt@example.org',
    minimumAge: 18,
    maximumAge: 99,
    languages: ['en', 'bn'],
    capacityStatus: 'paused',
    pausedReason: 'Staff training',
    expectedReopening: '2030-01-03',
  })
  const plain = await serviceFactory.create({ networkId: network.id, organisationId: organisation.id, name: 'Plain Service', url: 'not a web address' })
  const place = await addLocation(network.id, full.id, { latitude: 51.515, longitude: -0.072 })
  await addSchedule(network.id, { serviceId: full.id }, { byday: 'MO,WE', opensAt: '09:00', closesAt: '17:00' })
  await addSchedule(network.id, { serviceAtLocationId: place.serviceAtLocationId }, { byday: 'SA', opensAt: '10:00', closesAt: '12:00' })
  await addListingDetails(network.id, full.id)
  return { ...people, full, plain, place }
}

describe.skipIf(!specAvailable)(specAvailable ? 'Open Referral UK API responses validate against the spec' : specMissingMessage, () => {
  it('has validators that refuse what the spec refuses (so a pass means something)', () => {
    const service = { id: '3f7b145d-84af-42d7-8fae-eaca714b02b2', name: 'A service', status: 'active' }
    expect(validationErrors(specValidator('compiled/service.json'), service)).toEqual([])
    expect(validationErrors(specValidator('compiled/service.json'), { ...service, status: 'paused' })).not.toEqual([])
    expect(validationErrors(specValidator('compiled/service.json'), { ...service, url: 'not a uri' })).not.toEqual([])
    expect(validationErrors(specValidator('compiled/service.json'), { ...service, alert: null })).not.toEqual([])
    expect(validationErrors(pageValidator('compiled/service_list.json'), { contents: [service] })).not.toEqual([])
    expect(validationErrors(specValidator('taxonomy.json'), { id: service.id, name: 'x', description: 'y', taxonomy_terms: [{ id: 'nope' }] })).not.toEqual([])
  })

  it('answers every endpoint with JSON the compiled schemas accept', async () => {
    const { network, organisation, full, place } = await describedNetwork()
    const terms = await termIdsByCode(network.id)
    const root = `/api/networks/${network.slug}/oruk`

    const info = await get(root)
    expect(info.status).toBe(200)
    expect(info.body).toMatchObject({ version: '3.0' })
    expect(String(info.body.openapi_url)).toMatch(/^https:\/\//)

    const checks: [string, (body: Json) => string[]][] = [
      [`${root}/services`, (body) => validationErrors(pageValidator('compiled/service_list.json'), body)],
      [`${root}/services/${full.id}`, (body) => validationErrors(specValidator('compiled/service.json'), body)],
      [`${root}/service_at_locations`, (body) => validationErrors(pageValidator('compiled/service_at_location_list.json'), body)],
      [`${root}/service_at_locations/${place.serviceAtLocationId}`, (body) => validationErrors(specValidator('compiled/service_at_location.json'), body)],
      [`${root}/organizations`, (body) => validationErrors(pageValidator('compiled/organization_list.json'), body)],
      [`${root}/organizations/${organisation.id}`, (body) => validationErrors(specValidator('compiled/organization.json'), body)],
      [`${root}/taxonomies`, (body) => validationErrors(pageValidator('taxonomy.json'), body)],
      [`${root}/taxonomy_terms`, (body) => validationErrors(pageValidator('taxonomy_term.json'), body)],
      [`${root}/taxonomy_terms/${terms.debt}`, (body) => validationErrors(specValidator('taxonomy_term.json'), body)],
    ]
    const taxonomies = await get(`${root}/taxonomies`)
    checks.push([`${root}/taxonomies/${String(taxonomies.body.contents?.[0]?.id)}`, (body) => validationErrors(specValidator('taxonomy.json'), body)])
    for (const [url, validate] of checks) {
      const response = await get(url)
      expect(response.status, url).toBe(200)
      expect(validate(response.body), url).toEqual([])
    }
  })
})

describe('Open Referral UK API', () => {
  it('nests a service in full: organisation with identifiers, locations, schedules, contacts, issues, pause as an alert', async () => {
    const { network, organisation, full, place } = await describedNetwork()
    const { body, status, headers } = await get(`/api/networks/${network.slug}/oruk/services/${full.id}`)
    expect(status).toBe(200)
    expect(headers['access-control-allow-origin']).toBe('*')
    expect(headers['cache-control']).toMatch(/^public, max-age=\d+/)
    expect(body.status).toBe('active')
    expect(body.alert).toContain('Not taking new referrals')
    expect(body.alert).not.toContain('Staff training')
    expect(body.alert).toContain('2030-01-03')
    expect(body.funding).toEqual([])
    const org = body.organization as Json
    expect(org.id).toBe(organisation.id)
    expect(org.website).toBe('https://www.example.org/')
    expect(org.organization_identifiers).toEqual([
      expect.objectContaining({ identifier_scheme: 'GB-CHC', identifier: '1123456' }),
      expect.objectContaining({ identifier_scheme: 'GB-COH', identifier: '07654321' }),
    ])
    const [sal] = body.service_at_locations as Json[]
    expect(sal.id).toBe(place.serviceAtLocationId)
    expect((sal.location as Json).addresses).toHaveLength(1)
    expect((sal.location as Json).accessibility).toHaveLength(1)
    expect((body.schedules as Json[]).map((s) => s.byday).sort()).toEqual(['MO,WE', 'SA'])
    const [contact] = body.contacts as Json[]
    expect(contact.phones).toEqual([expect.objectContaining({ number: '01234 234567' })])
    expect((body.attributes as Json[]).map((a) => (a.taxonomy_term as Json).name).sort()).toEqual(['Debt', 'Housing'])
    expect((body.languages as Json[]).map((l) => l.code)).toEqual(['en', 'bn'])
    expect(body.capacities).toEqual([expect.objectContaining({ available: 4, maximum: 20, unit: expect.objectContaining({ name: 'Places' }) })])
  })

  it('leaves out an address that is not a web address rather than break the schema', async () => {
    const { network, plain } = await describedNetwork()
    const { body } = await get(`/api/networks/${network.slug}/oruk/services/${plain.id}`)
    expect(body).not.toHaveProperty('url')
  })

  it('shows only public listing data: no user, membership, staff email, contact email or referral anywhere', async () => {
    const { network, organisation, full, place, coordinator, admin, referrer, receiver } = await describedNetwork()
    const root = `/api/networks/${network.slug}/oruk`
    const urls = [
      `${root}/services`,
      `${root}/services/${full.id}`,
      `${root}/service_at_locations`,
      `${root}/service_at_locations/${place.serviceAtLocationId}`,
      `${root}/organizations`,
      `${root}/organizations/${organisation.id}`,
      `${root}/taxonomy_terms?per_page=100`,
    ]
    const forbiddenKeys = /^(user|users|user_id|membership|memberships|referral|referrals|client|clients|password.*|totp.*|verified_by|paused_reason|referral_criteria|accepts_nrpf|search_vector)$/
    const keysOf = (value: unknown, found: Set<string>): Set<string> => {
      if (Array.isArray(value)) value.forEach((item) => keysOf(item, found))
      else if (value && typeof value === 'object') {
        for (const [key, inner] of Object.entries(value)) {
          found.add(key)
          keysOf(inner, found)
        }
      }
      return found
    }
    for (const url of urls) {
      const response = await app.server.inject({ method: 'GET', url })
      expect(response.statusCode, url).toBe(200)
      const keys = [...keysOf(response.json(), new Set())]
      expect(keys.filter((key) => forbiddenKeys.test(key)), url).toEqual([])
      for (const person of [coordinator, admin, referrer, receiver]) {
        expect(response.body, url).not.toContain(person.email)
        expect(response.body, url).not.toContain(person.name)
      }
      expect(response.body).not.toMatch(/contact-[0-9a-f]{6}@example\.org/)
    }
  })

  it('answers 404 in JSON for an unknown network, an unknown id, a non-id, and another network’s service', async () => {
    const { network, full, place, organisation } = await describedNetwork()
    const other = await networkFactory.create()
    const root = `/api/networks/${network.slug}/oruk`
    const otherRoot = `/api/networks/${other.slug}/oruk`
    const notFound = [
      `/api/networks/no-such-network-${Date.now()}/oruk/services`,
      `/api/networks/no-such-network-${Date.now()}/oruk`,
      `${root}/services/00000000-0000-4000-8000-000000000000`,
      `${root}/services/not-an-id`,
      `${otherRoot}/services/${full.id}`,
      `${otherRoot}/service_at_locations/${place.serviceAtLocationId}`,
      `${otherRoot}/organizations/${organisation.id}`,
      `${otherRoot}/taxonomy_terms/${(await termIdsByCode(network.id)).debt}`,
    ]
    for (const url of notFound) {
      const response = await get(url)
      expect(response.status, url).toBe(404)
      expect(response.body, url).toHaveProperty('error')
    }
    const otherList = await get(`${otherRoot}/services`)
    expect(otherList.body.total_items).toBe(0)
  })
})

describe('Open Referral UK paging', () => {
  it('counts pages: an empty network, a first page, a last page and a page past the end', async () => {
    const network = await networkFactory.create()
    const organisation = await organisationFactory.create({ networkId: network.id })
    const root = `/api/networks/${network.slug}/oruk/services`

    const empty = await get(root)
    expect(empty.body).toEqual({ total_items: 0, total_pages: 0, page_number: 1, size: 0, first_page: true, last_page: true, empty: true, contents: [] })

    for (const name of ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo']) await serviceFactory.create({ networkId: network.id, organisationId: organisation.id, name })
    const one = await get(`${root}?per_page=10`)
    expect(one.body).toMatchObject({ total_items: 5, total_pages: 1, page_number: 1, size: 5, first_page: true, last_page: true, empty: false })

    const first = await get(`${root}?per_page=2`)
    expect(first.body).toMatchObject({ total_items: 5, total_pages: 3, page_number: 1, size: 2, first_page: true, last_page: false, empty: false })
    expect(first.body.contents?.map((s) => s.name)).toEqual(['Alpha', 'Bravo'])
    const last = await get(`${root}?per_page=2&page=3`)
    expect(last.body).toMatchObject({ total_items: 5, total_pages: 3, page_number: 3, size: 1, first_page: false, last_page: true, empty: false })
    expect(last.body.contents?.map((s) => s.name)).toEqual(['Echo'])
    const past = await get(`${root}?per_page=2&page=4`)
    expect(past.body).toMatchObject({ total_items: 5, total_pages: 3, page_number: 4, size: 0, first_page: false, last_page: true, empty: true, contents: [] })
  })

  it('pages organisations, taxonomies and terms with the same envelope', async () => {
    const network = await networkFactory.create()
    const root = `/api/networks/${network.slug}/oruk`
    const terms = await get(`${root}/taxonomy_terms?per_page=5&page=4`)
    expect(terms.body).toMatchObject({ total_items: 19, total_pages: 4, page_number: 4, size: 4, last_page: true })
    const taxonomies = await get(`${root}/taxonomies`)
    expect(taxonomies.body).toMatchObject({ total_items: 1, size: 1, first_page: true, last_page: true })
    const organisationsPage = await get(`${root}/organizations`)
    expect(organisationsPage.body).toMatchObject({ total_items: 0, empty: true })
  })
})

describe('Open Referral UK bad parameters', () => {
  it('answers 400 naming the parameter for each kind of mistake', async () => {
    const network = await networkFactory.create()
    const root = `/api/networks/${network.slug}/oruk`
    const cases: [string, string][] = [
      ['services?per_page=0', 'per_page'],
      ['services?per_page=101', 'per_page'],
      ['services?per_page=ten', 'per_page'],
      ['services?page=0', 'page'],
      ['services?page=1&page=2', 'page'],
      ['services?taxonomy_term_id=debt', 'taxonomy_term_id'],
      ['services?taxonomy_id=1', 'taxonomy_id'],
      ['services?organization_id=x', 'organization_id'],
      ['services?minimum_age=-1', 'minimum_age'],
      ['services?maximum_age=old', 'maximum_age'],
      ['services?day=Monday', 'day'],
      ['services?start_time=9am', 'start_time'],
      ['services?end_time=25:00', 'end_time'],
      ['services?postcode=NOT A POSTCODE', 'postcode'],
      ['services?proximity=1000', 'proximity'],
      ['services?postcode=E1%206AN&proximity=far', 'proximity'],
      ['services?modified_after=yesterday', 'modified_after'],
      ['service_at_locations?per_page=1000', 'per_page'],
      ['organizations?page=-2', 'page'],
      ['taxonomies?per_page=0', 'per_page'],
      ['taxonomy_terms?taxonomy_id=nope', 'taxonomy_id'],
    ]
    for (const [path, parameter] of cases) {
      const response = await get(`${root}/${path}`)
      expect(response.status, path).toBe(400)
      expect(response.body, path).toEqual({ error: expect.any(String), parameter })
    }
  })

  it('answers 400 naming the postcode when asked for proximity from a postcode we cannot place', async () => {
    const network = await networkFactory.create()
    const response = await get(`/api/networks/${network.slug}/oruk/services?postcode=ZZ99%209ZZ&proximity=500`)
    expect(response.status).toBe(400)
    expect(response.body.parameter).toBe('postcode')
  })
})

describe('Open Referral UK filters', () => {
  async function twoServices() {
    const network = await networkFactory.create()
    const organisation = await organisationFactory.create({ networkId: network.id })
    const otherOrganisation = await organisationFactory.create({ networkId: network.id })
    return { network, organisation, otherOrganisation, root: `/api/networks/${network.slug}/oruk` }
  }

  it('search finds services by full text, best match first', async () => {
    const { network, organisation, root } = await twoServices()
    const food = await serviceFactory.create({ networkId: network.id, organisationId: organisation.id, name: 'Food Bank', description: 'Emergency food parcels.' })
    await serviceFactory.create({ networkId: network.id, organisationId: organisation.id, name: 'Housing Help', description: 'Tenancy advice.' })
    expect(ids((await get(`${root}/services?search=parcels`)).body)).toEqual([food.id])
    expect(ids((await get(`${root}/service_at_locations?search=parcels`)).body)).toEqual([])
  })

  it('taxonomy_term_id and taxonomy_id narrow to services with those issues', async () => {
    const { network, organisation, root } = await twoServices()
    const terms = await termIdsByCode(network.id)
    const debt = await serviceFactory.transient({ issues: ['debt'] }).create({ networkId: network.id, organisationId: organisation.id })
    const untagged = await serviceFactory.create({ networkId: network.id, organisationId: organisation.id })
    expect(ids((await get(`${root}/services?taxonomy_term_id=${terms.debt}`)).body)).toEqual([debt.id])
    expect(ids((await get(`${root}/services?taxonomy_term_id=${terms.housing}`)).body)).toEqual([])
    const taxonomyId = String((await get(`${root}/taxonomies`)).body.contents?.[0]?.id)
    expect(ids((await get(`${root}/services?taxonomy_id=${taxonomyId}`)).body)).toEqual([debt.id])
    expect(ids((await get(`${root}/services`)).body)).toEqual([debt.id, untagged.id].sort())
  })

  it('organization_id narrows to one organisation’s services', async () => {
    const { network, organisation, otherOrganisation, root } = await twoServices()
    const mine = await serviceFactory.create({ networkId: network.id, organisationId: organisation.id })
    await serviceFactory.create({ networkId: network.id, organisationId: otherOrganisation.id })
    expect(ids((await get(`${root}/services?organization_id=${organisation.id}`)).body)).toEqual([mine.id])
  })

  it('minimum_age and maximum_age compare with the service’s own ages, as the spec words them', async () => {
    const { network, organisation, root } = await twoServices()
    const adults = await serviceFactory.create({ networkId: network.id, organisationId: organisation.id, minimumAge: 18, maximumAge: 65 })
    const young = await serviceFactory.create({ networkId: network.id, organisationId: organisation.id, minimumAge: 11, maximumAge: 25 })
    const anyone = await serviceFactory.create({ networkId: network.id, organisationId: organisation.id })
    expect(ids((await get(`${root}/services?minimum_age=16`)).body)).toEqual([adults.id])
    expect(ids((await get(`${root}/services?maximum_age=30`)).body)).toEqual([young.id])
    expect(ids((await get(`${root}/services?minimum_age=0`)).body)).toEqual([adults.id, young.id, anyone.id].sort())
  })

  it('day, start_time and end_time match one schedule of the service or of its locations', async () => {
    const { network, organisation, root } = await twoServices()
    const weekday = await serviceFactory.create({ networkId: network.id, organisationId: organisation.id })
    await addSchedule(network.id, { serviceId: weekday.id }, { byday: 'MO,TU', opensAt: '09:00', closesAt: '17:00' })
    const saturday = await serviceFactory.create({ networkId: network.id, organisationId: organisation.id })
    const place = await addLocation(network.id, saturday.id)
    await addSchedule(network.id, { serviceAtLocationId: place.serviceAtLocationId }, { byday: 'SA', opensAt: '10:00', closesAt: '12:30' })
    await serviceFactory.create({ networkId: network.id, organisationId: organisation.id })
    expect(ids((await get(`${root}/services?day=MO`)).body)).toEqual([weekday.id])
    expect(ids((await get(`${root}/services?day=sa`)).body)).toEqual([saturday.id])
    expect(ids((await get(`${root}/services?day=SU`)).body)).toEqual([])
    expect(ids((await get(`${root}/services?start_time=09:30`)).body)).toEqual([saturday.id])
    expect(ids((await get(`${root}/services?end_time=13:00`)).body)).toEqual([saturday.id])
    expect(ids((await get(`${root}/services?day=MO&end_time=13:00`)).body)).toEqual([])
    expect(ids((await get(`${root}/service_at_locations?day=SA`)).body)).toEqual([place.serviceAtLocationId])
  })

  it('postcode keeps services whose area covers it; proximity keeps those with a location that near', async () => {
    const { network, organisation, root } = await twoServices()
    const here = await centroid(51.5, -0.1)
    const wholeArea = await serviceFactory.create({ networkId: network.id, organisationId: organisation.id, name: 'Whole area' })
    const ourDistrict = await serviceFactory.create({ networkId: network.id, organisationId: organisation.id, name: 'Our district', areaDistricts: [here.district] })
    await serviceFactory.create({ networkId: network.id, organisationId: organisation.id, name: 'Elsewhere', areaDistricts: ['ZZ1'] })
    const radius = await serviceFactory.create({
      networkId: network.id,
      organisationId: organisation.id,
      name: 'Radius',
      areaDistricts: ['ZZ2'],
      areaRadiusKm: 5,
      areaCentreLatitude: 51.52,
      areaCentreLongitude: -0.1,
    })
    expect(ids((await get(`${root}/services?postcode=${encodeURIComponent(here.postcode.toLowerCase())}`)).body)).toEqual(
      [wholeArea.id, ourDistrict.id, radius.id].sort(),
    )
    // About 1.1 km north, and about 11 km north.
    const near = await addLocation(network.id, wholeArea.id, { latitude: 51.51, longitude: -0.1 })
    await addLocation(network.id, ourDistrict.id, { latitude: 51.6, longitude: -0.1 })
    const withProximity = `postcode=${encodeURIComponent(here.postcode)}&proximity=2000`
    expect(ids((await get(`${root}/services?${withProximity}`)).body)).toEqual([wholeArea.id])
    expect(ids((await get(`${root}/service_at_locations?${withProximity}`)).body)).toEqual([near.serviceAtLocationId])
    expect(ids((await get(`${root}/services?postcode=${encodeURIComponent(here.postcode)}&proximity=20000`)).body)).toEqual([wholeArea.id, ourDistrict.id].sort())
  })

  it('modified_after keeps services changed on or after the time', async () => {
    const { network, organisation, root } = await twoServices()
    await serviceFactory.create({ networkId: network.id, organisationId: organisation.id, updatedAt: new Date('2024-01-01T00:00:00Z') })
    const recent = await serviceFactory.create({ networkId: network.id, organisationId: organisation.id, updatedAt: new Date('2025-06-01T12:00:00Z') })
    expect(ids((await get(`${root}/services?modified_after=2025-06-01T12:00:00Z`)).body)).toEqual([recent.id])
    expect(ids((await get(`${root}/services?modified_after=2025-01-01`)).body)).toEqual([recent.id])
    expect(ids((await get(`${root}/services?modified_after=2025-06-01T13:00:00%2B01:00`)).body)).toEqual([recent.id])
    expect(ids((await get(`${root}/services?modified_after=2025-06-02T00:00:00Z`)).body)).toEqual([])
  })

  it('lists a service’s locations as service_at_locations, filtered by the service’s organisation', async () => {
    const { network, organisation, otherOrganisation, root } = await twoServices()
    const mine = await serviceFactory.create({ networkId: network.id, organisationId: organisation.id })
    const theirs = await serviceFactory.create({ networkId: network.id, organisationId: otherOrganisation.id })
    const a = await addLocation(network.id, mine.id)
    const b = await addLocation(network.id, mine.id, { name: 'Second site' })
    await addLocation(network.id, theirs.id)
    expect(ids((await get(`${root}/service_at_locations?organization_id=${organisation.id}`)).body)).toEqual([a.serviceAtLocationId, b.serviceAtLocationId].sort())
  })
})

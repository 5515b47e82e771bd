import { nameBasedId } from '../../../platform/ids.js'
import type { Executor } from '../../../db/client.js'
import { monthsBefore, reminderAfterMonths } from '../listings/freshness.js'
import { upsertCentroids } from '../postcodes/postcodes.service.js'
import { demoDistricts, demoPostcodeCentroids } from './demo-postcodes.js'
import type { DemoPlace, DemoService } from './demo-service.js'
import { adviceServices } from './demo-services-advice.js'
import { careServices } from './demo-services-care.js'
import { communityServices } from './demo-services-community.js'
import { findCoordinatorId, findOrganisationIdsByName, findTermIdsByCode, insertDemoDirectory, type DemoDirectoryRows } from './demo.repository.js'

/*
 * The demo network's directory: about 80 listings over the fictional Riverside area (postcode districts RV1–RV9),
 * across all 19 issues, some paused, a couple closed, several stale. Ids are derived from each listing's key and
 * the network, so seeding again adds nothing; dates are relative to `now`, so the demo never goes stale all at once.
 */

export const demoServices: DemoService[] = [...adviceServices, ...careServices, ...communityServices]

export interface DemoDirectoryOptions {
  networkId: string
  now: Date
}

/** Seeds the centroids and listings in the caller's transaction; returns how many services it added. */
export async function seedDemoDirectory(tx: Executor, options: DemoDirectoryOptions): Promise<{ servicesAdded: number }> {
  await upsertCentroids(
    tx,
    demoPostcodeCentroids.map(([postcode, latitude, longitude]) => ({ postcode, district: postcode.split(' ')[0], latitude, longitude })),
  )
  const organisationIds = await findOrganisationIdsByName(tx, options.networkId, [...new Set(demoServices.map((service) => service.organisation))])
  const termIds = await findTermIdsByCode(tx, options.networkId)
  const coordinatorId = await findCoordinatorId(tx, options.networkId)
  const rows = buildDemoDirectoryRows({ ...options, organisationIds, termIds, coordinatorId })
  return { servicesAdded: await insertDemoDirectory(tx, rows) }
}

interface BuildContext extends DemoDirectoryOptions {
  organisationIds: Map<string, string>
  termIds: Map<string, string>
  coordinatorId: string | null
}

/** A uuid fixed by the network and the row's key, so seeding twice finds the same rows. */
const demoId = (networkId: string, kind: string, key: string): string => nameBasedId('demo', networkId, kind, key)

const isoDate = (date: Date): string => date.toISOString().slice(0, 10)
const daysAfter = (date: Date, days: number): Date => new Date(date.getTime() + days * 86_400_000)
const slug = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')

/** Places postcodes of a district in turn, so places in one district get different postcodes. */
function postcodeAllocator(): (district: string) => { postcode: string; latitude: number; longitude: number } {
  const next = new Map<string, number>()
  return (district) => {
    const inDistrict = demoPostcodeCentroids.filter(([postcode]) => postcode.startsWith(`${district} `))
    if (inDistrict.length === 0) throw new Error(`the demo has no postcodes in ${district}`)
    const index = next.get(district) ?? 0
    next.set(district, index + 1)
    const [postcode, latitude, longitude] = inDistrict[index % inDistrict.length]
    return { postcode, latitude, longitude }
  }
}

export function buildDemoDirectoryRows(context: BuildContext): DemoDirectoryRows {
  const { networkId, now } = context
  const rows: DemoDirectoryRows = {
    locations: [],
    addresses: [],
    accessibility: [],
    services: [],
    serviceTaxonomy: [],
    serviceAtLocations: [],
    contacts: [],
    phones: [],
    schedules: [],
  }
  const placePostcode = postcodeAllocator()
  const places = new Map<string, { id: string; postcode: string; latitude: number; longitude: number }>()

  const placeFor = (organisationId: string, organisation: string, place: DemoPlace) => {
    const key = `${organisation}|${place.name}`
    const known = places.get(key)
    if (known) return known
    const id = demoId(networkId, 'location', key)
    const centroid = placePostcode(place.district)
    rows.locations.push({
      id,
      networkId,
      organisationId,
      locationType: 'physical',
      name: place.name,
      latitude: centroid.latitude,
      longitude: centroid.longitude,
      updatedAt: now,
    })
    rows.addresses.push({
      id: demoId(networkId, 'address', key),
      networkId,
      locationId: id,
      address1: place.street,
      address2: demoDistricts[place.district] ?? null,
      city: 'Riverside',
      postalCode: centroid.postcode,
      country: 'GB',
    })
    rows.accessibility.push({
      id: demoId(networkId, 'accessibility', key),
      networkId,
      locationId: id,
      description: places.size % 4 === 3 ? 'Steps at the entrance; please phone ahead and we will meet you.' : 'Step-free entrance and an accessible toilet.',
    })
    const made = { id, ...centroid }
    places.set(key, made)
    return made
  }

  demoServices.forEach((service, index) => {
    const organisationId = context.organisationIds.get(service.organisation)
    if (!organisationId) throw new Error(`demo organisation ${service.organisation} is missing`)
    const serviceId = demoId(networkId, 'service', service.key)
    const place = service.place ? placeFor(organisationId, service.organisation, service.place) : undefined
    const reviewedAt = daysAfter(monthsBefore(now, service.reviewedMonthsAgo ?? index % 4), -(1 + (index % 9)))
    const remindedAt = (service.reviewedMonthsAgo ?? 0) >= reminderAfterMonths ? daysAfter(reviewedAt, 183) : null
    const email = service.email ?? `referrals@${slug(service.organisation).slice(0, 40)}.example`
    rows.services.push({
      id: serviceId,
      networkId,
      organisationId,
      name: service.name,
      description: service.description,
      url: service.url ?? null,
      email,
      status: service.status ?? 'active',
      fees: service.fees ?? null,
      minimumAge: service.minimumAge ?? null,
      maximumAge: service.maximumAge ?? null,
      referralCriteria: service.referralCriteria,
      acceptsNrpf: service.acceptsNrpf ?? null,
      householdTypes: service.householdTypes ?? [],
      areaDistricts: service.areaDistricts ?? [],
      areaRadiusKm: service.areaRadiusKm ?? null,
      areaCentreLatitude: service.areaRadiusKm && place ? place.latitude : null,
      areaCentreLongitude: service.areaRadiusKm && place ? place.longitude : null,
      areaCentrePostcode: service.areaRadiusKm && place ? place.postcode : null,
      howServiceContactsClients: service.howServiceContactsClients,
      contactSlaDays: service.contactSlaDays ?? null,
      deliveryChannels: service.channels,
      languages: service.languages,
      interpreting: service.interpreting ?? null,
      capacityStatus: service.capacity?.status ?? 'active',
      pausedReason: service.capacity?.reason ?? null,
      expectedReopening: service.capacity?.status === 'paused' ? isoDate(daysAfter(now, service.capacity.reopensInDays)) : null,
      waitingList: service.capacity?.status === 'paused' ? service.capacity.waitingList : false,
      capacityChangedAt: service.capacity ? daysAfter(now, -12) : null,
      lastReviewedAt: reviewedAt,
      reviewReminderSentAt: remindedAt,
      verifiedAt: service.verified ? reviewedAt : null,
      verifiedBy: service.verified ? context.coordinatorId : null,
      createdAt: monthsBefore(now, 10),
      updatedAt: reviewedAt,
    })
    for (const code of service.issues) {
      const termId = context.termIds.get(code)
      if (!termId) throw new Error(`demo service ${service.key} has an unknown issue ${code}`)
      rows.serviceTaxonomy.push({ serviceId, termId, networkId })
    }
    if (place) rows.serviceAtLocations.push({ id: demoId(networkId, 'service-at-location', service.key), networkId, serviceId, locationId: place.id })
    const contactId = demoId(networkId, 'contact', service.key)
    rows.contacts.push({ id: contactId, networkId, serviceId, name: 'Referrals team', title: 'Referrals', email })
    rows.phones.push({
      id: demoId(networkId, 'phone', service.key),
      networkId,
      serviceId,
      number: `0116 496 0${String(100 + index).padStart(3, '0')}`,
      type: 'voice',
      description: 'Referrals and enquiries',
      languages: service.languages,
    })
    service.hours.forEach((hours, position) => {
      rows.schedules.push({
        id: demoId(networkId, 'schedule', `${service.key}:${position}`),
        networkId,
        serviceId,
        freq: 'WEEKLY',
        interval: 1,
        byday: hours.days,
        opensAt: hours.opens,
        closesAt: hours.closes,
        description: hours.description ?? null,
        attendingType: service.channels.includes('in_person') ? 'in_person' : service.channels.includes('phone') ? 'phone' : 'online',
      })
    })
  })
  return rows
}

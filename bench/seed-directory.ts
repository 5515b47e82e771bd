import { randomUUID } from 'node:crypto'
import type { Database } from '../src/db/client.js'
import {
  addresses,
  locations,
  schedules,
  serviceAtLocations,
  serviceTaxonomy,
  services,
  taxonomyTerms,
} from '../src/db/schema/index.js'
import { eq } from 'drizzle-orm'
import { upsertCentroids, type Centroid } from '../src/modules/directory/postcodes/postcodes.service.js'
import { starterIssues } from '../src/modules/directory/taxonomy/issues.js'
import { setUpNetworkDirectory } from '../src/modules/directory/taxonomy/taxonomy.service.js'
import { insertInChunks } from './seed.js'

/*
 * The directory at national scale: services spread over each network's organisations, tagged with 1–3 issues,
 * with varied eligibility, capacity and freshness, each at a location on one of the network's own postcodes.
 * Text is built from realistic phrases so full-text and trigram indexes see a believable spread of words.
 * Deterministic (seeded random), so runs are comparable.
 */

export interface BenchDirectoryScale {
  services: number
  centroidsPerNetwork: number
}

export interface BenchDirectory {
  /** Per network: a postcode with a centroid, issue ids by code, and some service ids for lookups. */
  networks: { id: string; slug: string; postcode: string; termIds: Record<string, string>; sampleServiceIds: string[] }[]
}

/** mulberry32: small, fast, good enough to spread generated data. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const towns = [
  'Ashford', 'Bramley', 'Carlton', 'Denby', 'Eastwood', 'Fairfield', 'Greenhill', 'Hartley', 'Ingleby', 'Kirkby',
  'Langley', 'Marston', 'Newbold', 'Oakwood', 'Parkside', 'Queensbury', 'Radford', 'Southgate', 'Thornton', 'Upton',
]
const kinds = ['Advice', 'Support', 'Service', 'Project', 'Helpline', 'Drop-in', 'Hub', 'Clinic', 'Club', 'Network', 'Team', 'Centre']
const openings = [
  'Free, confidential help with',
  'Specialist caseworkers who help with',
  'Trained volunteers offering support with',
  'Drop-in sessions every week for',
  'Same-day emergency help with',
  'One-to-one appointments about',
  'Home visits for people who cannot get out, about',
  'Group sessions and courses on',
]
const details = [
  'We can help fill in forms and write letters.',
  'Appointments by phone, video or face to face.',
  'Interpreters available in most community languages.',
  'We support appeals and tribunal hearings.',
  'Food parcels and fuel vouchers in a crisis.',
  'Help getting online and using email.',
  'For families with children and single parents.',
  'For older people and their carers.',
  'Step-free access and a hearing loop.',
  'We work closely with the council and local charities.',
  'Evening and Saturday sessions for people in work.',
  'Priority for people facing eviction or disconnection.',
]
const criteria = [
  'Adults living in the area.',
  'Anyone aged 16 or over.',
  'People on a low income or claiming benefits.',
  'Carers looking after a family member.',
  'Families with children under 18.',
  'People with no recourse to public funds are welcome.',
  'Residents at risk of homelessness within 56 days.',
  'Older people aged 60 and over.',
]
const otherLanguages = ['cy', 'bn', 'pl', 'ar', 'ur', 'so', 'ro', 'pa', 'gu', 'lt', 'ti', 'fa']
const channelChoices = ['phone', 'online', 'in_person', 'home_visit'] as const
const households = ['single_adult', 'couple', 'family_with_children', 'single_parent', 'older_person', 'young_person', 'carer'] as const
const weekdayPatterns = ['MO,TU,WE,TH,FR', 'MO,WE,FR', 'TU,TH', 'MO,TU,WE,TH', 'SA', 'WE']
const areaLetters = 'ABDEFGHJLNPRSTUWY'

/** The fictional postcode area of network n: ZA, ZB, … (not real areas), with its own centre somewhere in England. */
function centroidsFor(n: number, count: number, next: () => number): Centroid[] {
  const area = `Z${areaLetters[n % areaLetters.length]}${n >= areaLetters.length ? String.fromCharCode(65 + Math.floor(n / areaLetters.length)) : ''}`
  const centre = { latitude: 51 + (n % 10) * 0.35, longitude: -2.6 + (n % 7) * 0.3 }
  const seen = new Set<string>()
  const rows: Centroid[] = []
  const unitLetters = 'ABDEFGHJLNPQRSTUWXYZ'
  while (rows.length < count) {
    const district = `${area}${1 + Math.floor(next() * 20)}`
    const postcode = `${district} ${1 + Math.floor(next() * 9)}${unitLetters[Math.floor(next() * 20)]}${unitLetters[Math.floor(next() * 20)]}`
    if (seen.has(postcode)) continue
    seen.add(postcode)
    rows.push({
      postcode,
      district,
      latitude: Number((centre.latitude + (next() - 0.5) * 0.2).toFixed(5)),
      longitude: Number((centre.longitude + (next() - 0.5) * 0.3).toFixed(5)),
    })
  }
  return rows
}

export async function seedBenchDirectory(
  db: Database,
  networks: { id: string; slug: string; organisationIds: string[] }[],
  scale: BenchDirectoryScale,
): Promise<BenchDirectory> {
  const next = random(20260302)
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)]
  const now = Date.now()
  const perNetwork = Math.ceil(scale.services / networks.length)
  const result: BenchDirectory = { networks: [] }

  for (const [n, network] of networks.entries()) {
    await setUpNetworkDirectory(db, network.id)
    const terms = await db.select({ id: taxonomyTerms.id, code: taxonomyTerms.code }).from(taxonomyTerms).where(eq(taxonomyTerms.networkId, network.id))
    const termIds = Object.fromEntries(terms.map((term) => [term.code, term.id]))
    const centroids = centroidsFor(n, scale.centroidsPerNetwork, next)
    await insertInChunks(centroids, (chunk) => upsertCentroids(db, chunk))
    const districts = [...new Set(centroids.map((centroid) => centroid.district))]

    const serviceRows: (typeof services.$inferInsert)[] = []
    const taxonomyRows: (typeof serviceTaxonomy.$inferInsert)[] = []
    const locationRows: (typeof locations.$inferInsert)[] = []
    const addressRows: (typeof addresses.$inferInsert)[] = []
    const atLocationRows: (typeof serviceAtLocations.$inferInsert)[] = []
    const scheduleRows: (typeof schedules.$inferInsert)[] = []
    for (let s = 0; s < perNetwork && n * perNetwork + s < scale.services; s++) {
      const id = randomUUID()
      const organisationId = network.organisationIds[s % network.organisationIds.length]
      const issues = [...new Set(Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick(starterIssues)))]
      const place = pick(centroids)
      const town = pick(towns)
      const age = next()
      const minimumAge = age < 0.3 ? 18 : age < 0.4 ? (next() < 0.5 ? 60 : 65) : age < 0.45 ? 16 : null
      const capacity = next()
      const reviewedDaysAgo = Math.floor(next() * 300)
      const radius = next() < 0.1
      serviceRows.push({
        id,
        networkId: network.id,
        organisationId,
        name: `${town} ${issues[0].name} ${pick(kinds)}`,
        description: `${pick(openings)} ${issues.map((issue) => issue.name.toLowerCase()).join(', ')} in ${town}. ${pick(details)} ${pick(details)}`,
        referralCriteria: `${pick(criteria)} ${pick(criteria)}`,
        minimumAge,
        maximumAge: minimumAge === 16 ? 25 : null,
        acceptsNrpf: next() < 0.2 ? true : next() < 0.25 ? false : null,
        householdTypes: next() < 0.15 ? [pick(households)] : [],
        areaDistricts: next() < 0.3 ? [...new Set(Array.from({ length: 1 + Math.floor(next() * 4) }, () => pick(districts)))] : [],
        areaRadiusKm: radius ? 5 + Math.floor(next() * 10) : null,
        areaCentreLatitude: radius ? place.latitude : null,
        areaCentreLongitude: radius ? place.longitude : null,
        areaCentrePostcode: radius ? place.postcode : null,
        howServiceContactsClients: 'We phone the client within the contact time.',
        contactSlaDays: next() < 0.1 ? 2 + Math.floor(next() * 8) : null,
        deliveryChannels: [...new Set([pick(channelChoices), pick(channelChoices)])],
        languages: ['en', ...new Set(Array.from({ length: Math.floor(next() * 3) }, () => pick(otherLanguages)))],
        capacityStatus: capacity < 0.06 ? 'paused' : capacity < 0.07 ? 'closed' : 'active',
        pausedReason: capacity < 0.06 ? 'Full at the moment.' : capacity < 0.07 ? 'Not taking referrals.' : null,
        expectedReopening: capacity < 0.06 ? new Date(now + 30 * 86_400_000).toISOString().slice(0, 10) : null,
        waitingList: capacity < 0.03,
        lastReviewedAt: new Date(now - reviewedDaysAgo * 86_400_000),
        verifiedAt: next() < 0.4 ? new Date(now - reviewedDaysAgo * 86_400_000) : null,
      })
      for (const issue of issues) taxonomyRows.push({ serviceId: id, termId: termIds[issue.code], networkId: network.id })
      const locationId = randomUUID()
      locationRows.push({ id: locationId, networkId: network.id, organisationId, name: `${town} office`, latitude: place.latitude, longitude: place.longitude })
      addressRows.push({ networkId: network.id, locationId, address1: `${1 + Math.floor(next() * 200)} High Street`, city: town, postalCode: place.postcode })
      atLocationRows.push({ networkId: network.id, serviceId: id, locationId })
      scheduleRows.push({ networkId: network.id, serviceId: id, freq: 'WEEKLY', byday: pick(weekdayPatterns), opensAt: '09:00', closesAt: next() < 0.5 ? '17:00' : '13:00' })
    }
    await insertInChunks(serviceRows, (chunk) => db.insert(services).values(chunk), 500)
    await insertInChunks(taxonomyRows, (chunk) => db.insert(serviceTaxonomy).values(chunk))
    await insertInChunks(locationRows, (chunk) => db.insert(locations).values(chunk))
    await insertInChunks(addressRows, (chunk) => db.insert(addresses).values(chunk))
    await insertInChunks(atLocationRows, (chunk) => db.insert(serviceAtLocations).values(chunk))
    await insertInChunks(scheduleRows, (chunk) => db.insert(schedules).values(chunk))
    result.networks.push({
      id: network.id,
      slug: network.slug,
      postcode: centroids[0].postcode,
      termIds,
      sampleServiceIds: serviceRows.filter((_, index) => index % 97 === 0).map((row) => row.id as string),
    })
  }
  return result
}

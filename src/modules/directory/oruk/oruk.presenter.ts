import { nameBasedId } from '../../../platform/ids.js'
import type {
  LocationRow,
  OrganisationRow,
  PublicServiceRow,
  ServiceAtLocationListRow,
  ServiceAtLocationRow,
  ServiceGraph,
  TaxonomyRow,
  TermWithTaxonomy,
} from './oruk.repository.js'

/**
 * Our listings as Open Referral UK 3.0 objects. Only public listing fields: the ORUK ones, plus HSDS 3.0's
 * contact and service phones, language name and code, and HSDS 3.1 capacities (the compiled schemas allow extra
 * properties). A null is left out rather than sent, as the schemas type each field as a string or number.
 */

export type OrukObject = Record<string, unknown>
type Nation = 'england' | 'wales' | 'scotland' | 'northern_ireland'

function compact(object: Record<string, unknown>): OrukObject {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== null && value !== undefined))
}

/** An absolute web address, or nothing: 'www.x.org' becomes 'https://www.x.org'; anything else is left out. */
export function webAddress(value: string | null | undefined): string | undefined {
  if (!value) return undefined
  const candidate = /^[a-z][a-z0-9+.-]*:/i.test(value) ? value : /^[\w-]+(\.[\w-]+)+(\/\S*)?$/.test(value) ? `https://${value}` : null
  if (!candidate) return undefined
  try {
    return new URL(candidate).href
  } catch {
    return undefined
  }
}

function emailAddress(value: string | null | undefined): string | undefined {
  return value && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) ? value : undefined
}

const languageNames = new Intl.DisplayNames(['en'], { type: 'language' })
function languageName(code: string): string {
  try {
    return languageNames.of(code) ?? code
  } catch {
    return code
  }
}

/**
 * Paused and closed services stay 'active' in ORUK terms (they still run); the pause goes in the alert — without its
 * reason, which is written for the network's staff (issue 6: capacity reasons never reach the public).
 */
function alertOf(service: PublicServiceRow): string | undefined {
  const notes: string[] = []
  if (service.alert) notes.push(service.alert)
  if (service.capacityStatus === 'paused') {
    let pause = 'Not taking new referrals at the moment.'
    if (service.expectedReopening) pause += ` Expected to reopen on ${service.expectedReopening}.`
    if (service.waitingList) pause += ' A waiting list is open.'
    notes.push(pause)
  } else if (service.capacityStatus === 'closed') {
    notes.push('Not taking new referrals.')
  }
  return notes.length > 0 ? notes.join(' ') : undefined
}

export function presentOrganisationSummary(organisation: OrganisationRow): OrukObject {
  return compact({
    id: organisation.id,
    name: organisation.name,
    description: organisation.description,
    email: emailAddress(organisation.email),
    website: webAddress(organisation.website),
  })
}

/** org-id.guide schemes: Charity Commission (GB-CHC), OSCR (GB-SC), Charity Commission NI (GB-NIC), Companies House (GB-COH). */
function organisationIdentifiers(organisation: OrganisationRow, nation: Nation): OrukObject[] {
  const identifiers: OrukObject[] = []
  const charity = organisation.charityNumber?.trim()
  if (charity) {
    const [scheme, type] = /^SC/i.test(charity)
      ? ['GB-SC', 'Scottish charity number']
      : /^NIC/i.test(charity) || nation === 'northern_ireland'
        ? ['GB-NIC', 'Northern Ireland charity number']
        : nation === 'scotland'
          ? ['GB-SC', 'Scottish charity number']
          : ['GB-CHC', 'Charity number']
    identifiers.push({ id: nameBasedId('organization_identifier', organisation.id, scheme), organization_id: organisation.id, identifier_scheme: scheme, identifier_type: type, identifier: charity.toUpperCase() })
  }
  const company = organisation.companyNumber?.trim()
  if (company) {
    identifiers.push({
      id: nameBasedId('organization_identifier', organisation.id, 'GB-COH'),
      organization_id: organisation.id,
      identifier_scheme: 'GB-COH',
      identifier_type: 'Company number',
      identifier: company.toUpperCase(),
    })
  }
  return identifiers
}

export function presentOrganisation(organisation: OrganisationRow, nation: Nation): OrukObject {
  return { ...presentOrganisationSummary(organisation), organization_identifiers: organisationIdentifiers(organisation, nation) }
}

export function presentServiceSummary(service: PublicServiceRow, organisation: OrganisationRow): OrukObject {
  return compact({
    id: service.id,
    organization_id: service.organisationId,
    name: service.name,
    description: service.description,
    url: webAddress(service.url),
    email: emailAddress(service.email),
    status: service.status,
    fees: service.fees,
    accreditations: service.accreditations,
    minimum_age: service.minimumAge,
    maximum_age: service.maximumAge,
    assured_date: service.assuredDate,
    assurer_email: emailAddress(service.assurerEmail),
    alert: alertOf(service),
    last_modified: service.updatedAt.toISOString(),
    organization: presentOrganisationSummary(organisation),
  })
}

export function presentLocationSummary(location: LocationRow): OrukObject {
  return compact({
    id: location.id,
    location_type: location.locationType,
    name: location.name,
    description: location.description,
    latitude: location.latitude,
    longitude: location.longitude,
    external_identifier: location.externalIdentifier,
    external_identifier_type: location.externalIdentifierType,
  })
}

function presentLocation(location: LocationRow, graph: ServiceGraph): OrukObject {
  return {
    ...presentLocationSummary(location),
    addresses: graph.addresses
      .filter((address) => address.locationId === location.id)
      .map((address) =>
        compact({
          id: address.id,
          location_id: address.locationId,
          attention: address.attention,
          address_1: address.address1,
          address_2: address.address2,
          city: address.city,
          region: address.region,
          state_province: address.stateProvince,
          postal_code: address.postalCode,
          country: address.country,
          address_type: address.addressType,
        }),
      ),
    accessibility: graph.accessibility
      .filter((entry) => entry.locationId === location.id)
      .map((entry) => compact({ id: entry.id, location_id: entry.locationId, description: entry.description, details: entry.details, url: webAddress(entry.url) })),
  }
}

function presentTermObject(term: TermWithTaxonomy): OrukObject {
  return compact({
    id: term.id,
    name: term.name,
    description: term.description,
    parent_id: term.parentId,
    taxonomy: term.taxonomyName,
    taxonomy_id: term.taxonomyId,
    term_uri: webAddress(term.termUri),
    term: term.name,
  })
}

function presentLanguage(ownerKey: 'service_id' | 'phone_id', ownerId: string, code: string): OrukObject {
  return { id: nameBasedId('language', ownerId, code), [ownerKey]: ownerId, name: languageName(code), code }
}

function presentPhone(phone: ServiceGraph['phones'][number]): OrukObject {
  return compact({
    id: phone.id,
    contact_id: phone.contactId,
    service_id: phone.contactId ? null : phone.serviceId,
    number: phone.number,
    extension: phone.extension,
    type: phone.type,
    description: phone.description,
    languages: phone.languages.map((code) => presentLanguage('phone_id', phone.id, code)),
  })
}

const frequencies = new Set(['WEEKLY', 'MONTHLY'])

function presentSchedule(schedule: ServiceGraph['schedules'][number]): OrukObject {
  return compact({
    id: schedule.id,
    service_id: schedule.serviceId,
    service_at_location_id: schedule.serviceAtLocationId,
    valid_from: schedule.validFrom,
    valid_to: schedule.validTo,
    dtstart: schedule.dtstart,
    freq: schedule.freq && frequencies.has(schedule.freq.toUpperCase()) ? schedule.freq.toUpperCase() : null,
    interval: schedule.interval,
    byday: schedule.byday,
    bymonthday: schedule.bymonthday,
    description: schedule.description,
    opens_at: schedule.opensAt,
    closes_at: schedule.closesAt,
    schedule_link: webAddress(schedule.scheduleLink),
    attending_type: schedule.attendingType,
    notes: schedule.notes,
  })
}

/** Fully nested services (compiled/service.json), in the order of graph.services. */
export function presentFullServices(graph: ServiceGraph, nation: Nation, options: { withLocations?: boolean } = {}): OrukObject[] {
  const organisationsById = new Map(graph.organisations.map((organisation) => [organisation.id, organisation]))
  const locationsById = new Map(graph.locations.map((location) => [location.id, location]))
  return graph.services.map((service) => {
    const organisation = organisationsById.get(service.organisationId)
    if (!organisation) throw new Error('service without its organisation')
    const salIds = new Set(graph.serviceAtLocations.filter((sal) => sal.serviceId === service.id).map((sal) => sal.id))
    const full: OrukObject = {
      ...presentServiceSummary(service, organisation),
      organization: presentOrganisation(organisation, nation),
      schedules: graph.schedules.filter((s) => s.serviceId === service.id || (s.serviceAtLocationId && salIds.has(s.serviceAtLocationId))).map(presentSchedule),
      service_areas: graph.serviceAreas
        .filter((area) => area.serviceId === service.id)
        .map((area) =>
          compact({ id: area.id, service_id: area.serviceId, name: area.name, description: area.description, extent: area.extent, extent_type: area.extentType, uri: area.uri }),
        ),
      languages: service.languages.map((code) => presentLanguage('service_id', service.id, code)),
      funding: [],
      cost_options: graph.costOptions
        .filter((cost) => cost.serviceId === service.id)
        .map((cost) =>
          compact({
            id: cost.id,
            service_id: cost.serviceId,
            valid_from: cost.validFrom,
            valid_to: cost.validTo,
            option: cost.option,
            amount: cost.amount,
            currency: cost.currency,
            amount_description: cost.amountDescription,
          }),
        ),
      contacts: graph.contacts
        .filter((contact) => contact.serviceId === service.id)
        .map((contact) => ({
          ...compact({ id: contact.id, service_id: contact.serviceId, name: contact.name, title: contact.title }),
          phones: graph.phones.filter((phone) => phone.contactId === contact.id).map(presentPhone),
        })),
      phones: graph.phones.filter((phone) => phone.serviceId === service.id && !phone.contactId).map(presentPhone),
      attributes: graph.terms
        .filter((term) => term.serviceId === service.id)
        .map((term) => ({
          id: nameBasedId('attribute', service.id, term.id),
          link_id: service.id,
          taxonomy_term_id: term.id,
          taxonomy_term: presentTermObject(term),
        })),
      capacities: graph.capacities
        .filter((capacity) => capacity.serviceId === service.id)
        .map((capacity) =>
          compact({
            id: capacity.id,
            service_id: capacity.serviceId,
            unit: { id: nameBasedId('unit', service.networkId, capacity.unit.toLowerCase()), name: capacity.unit },
            available: capacity.available,
            maximum: capacity.maximum,
            description: capacity.description,
            updated: capacity.updated.toISOString(),
          }),
        ),
    }
    if (options.withLocations !== false) {
      full.service_at_locations = graph.serviceAtLocations
        .filter((sal) => sal.serviceId === service.id)
        .flatMap((sal) => {
          const location = locationsById.get(sal.locationId)
          return location ? [compact({ id: sal.id, service_id: sal.serviceId, location_id: sal.locationId, description: sal.description, location: presentLocation(location, graph) })] : []
        })
    }
    return full
  })
}

export function presentServiceAtLocationSummary(row: ServiceAtLocationListRow): OrukObject {
  return compact({
    id: row.serviceAtLocation.id,
    service_id: row.serviceAtLocation.serviceId,
    location_id: row.serviceAtLocation.locationId,
    description: row.serviceAtLocation.description,
    location: presentLocationSummary(row.location),
    service: presentServiceSummary(row.service, row.organisation),
  })
}

/** compiled/service_at_location.json: the location in full and the service in full (without its other locations). */
export function presentServiceAtLocation(sal: ServiceAtLocationRow, graph: ServiceGraph, nation: Nation): OrukObject | null {
  const location = graph.locations.find((row) => row.id === sal.locationId)
  const [service] = presentFullServices(graph, nation, { withLocations: false })
  if (!location || !service) return null
  return compact({
    id: sal.id,
    service_id: sal.serviceId,
    location_id: sal.locationId,
    description: sal.description,
    location: presentLocation(location, graph),
    service: { ...service, schedules: (service.schedules as OrukObject[]).filter((s) => !s.service_at_location_id || s.service_at_location_id === sal.id) },
  })
}

export function presentTaxonomy(taxonomy: TaxonomyRow, terms?: TermWithTaxonomy[]): OrukObject {
  return compact({
    id: taxonomy.id,
    name: taxonomy.name,
    description: taxonomy.description,
    uri: webAddress(taxonomy.uri),
    version: taxonomy.version,
    taxonomy_terms: terms?.map(presentTermObject),
  })
}

export function presentTerm(term: TermWithTaxonomy): OrukObject {
  return presentTermObject(term)
}

export interface Page {
  total_items: number
  total_pages: number
  page_number: number
  size: number
  first_page: boolean
  last_page: boolean
  empty: boolean
  contents: OrukObject[]
}

/** The spec's paging envelope; size is the number of items on this page (as the Page schema describes it). */
export function presentPage(contents: OrukObject[], total: number, page: number, perPage: number): Page {
  const totalPages = Math.ceil(total / perPage)
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: page,
    size: contents.length,
    first_page: page === 1,
    last_page: page >= totalPages,
    empty: contents.length === 0,
    contents,
  }
}

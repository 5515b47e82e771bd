import type { Executor } from '../../../db/client.js'
import {
  accessibility,
  addresses,
  contacts,
  costOptions,
  locations,
  organisations,
  phones,
  schedules,
  serviceAreas,
  serviceAtLocations,
  services,
} from '../../../db/schema/index.js'
import { audit } from '../../../platform/audit/audit.service.js'
import type { ServiceDependencies } from '../../../services.js'
import * as repository from './oruk-import.repository.js'
import { bumpDirectoryVersion } from '../search/directory-version.repository.js'
import { readImport, type ImportFile, type ImportProblem, type SourceRow } from './oruk-import.read.js'
import { checkRows, problemAt, type Rows } from './oruk-import.rows.js'
import { planIds, type IdPlan } from './oruk-import.ids.js'

/**
 * Imports Open Referral UK / HSDS data into one network, all or nothing: every problem is collected and reported
 * by file, line (or JSON path) and field, and if there is any, nothing is written.
 *
 * Ids: an incoming id already used in this network updates that record; one used in another network is given a new
 * id here (its children follow). Organisations also match by name. Terms match an existing term by id or name;
 * any other term is added to the network's 'Imported' taxonomy. See README.md in this folder.
 */

export interface ImportReport {
  ok: boolean
  errors: ImportProblem[]
  warnings: ImportProblem[]
  /** Per table: records created and updated (when ok). */
  counts: Record<string, { created: number; updated: number }>
}

class ImportRejected extends Error {
  constructor(readonly problems: ImportProblem[]) {
    super('import rejected')
  }
}

const charitySchemes = new Set(['GB-CHC', 'GB-SC', 'GB-NIC'])

function slug(value: string): string {
  return value
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40)
}

export function createOrukImportService(deps: ServiceDependencies) {
  return {
    /** Reads, checks and imports the files into the network, in one transaction. */
    async importFiles(networkId: string, files: ImportFile[], meta: { actorUserId?: string; requestId?: string } = {}): Promise<ImportReport> {
      const read = readImport(files)
      const checked = checkRows(read.rows)
      const warnings = [...read.warnings]
      if (read.errors.length + checked.errors.length > 0) return { ok: false, errors: [...read.errors, ...checked.errors], warnings, counts: {} }
      try {
        const counts = await deps.db.transaction(async (tx) => {
          const plan = await planIds(tx, networkId, checked.rows)
          const errors = await writeImport(tx, networkId, checked.rows, plan, warnings, deps.now())
          await bumpDirectoryVersion(tx, networkId)
          if (errors.length > 0) throw new ImportRejected(errors)
          const counts = plan.counts()
          await audit(tx, { networkId, actorUserId: meta.actorUserId ?? null, action: 'directory.imported', subjectType: 'network', subjectId: networkId, details: { counts }, requestId: meta.requestId })
          return counts
        })
        return { ok: true, errors: [], warnings, counts }
      } catch (error) {
        if (error instanceof ImportRejected) return { ok: false, errors: error.problems, warnings, counts: {} }
        const message = error instanceof Error ? error.message : String(error)
        return { ok: false, errors: [{ file: files.map((file) => file.name).join(', '), message: `The database refused the import, so nothing was saved: ${message}` }], warnings, counts: {} }
      }
    },
  }
}

/** Checks every reference, then writes; returns the problems (and writes nothing useful if there are any: the caller rolls back). */
async function writeImport(tx: Executor, networkId: string, rows: Rows, plan: IdPlan, warnings: ImportProblem[], now: Date): Promise<ImportProblem[]> {
  const errors: ImportProblem[] = []
  const id = (table: string, incoming: string) => plan.resolve(table, incoming) as string
  /** A reference that must be to a record imported now or already in the network. */
  const required = (source: SourceRow, field: string, table: string, incoming: string | undefined, what: string): string | undefined => {
    if (!incoming) return undefined
    const resolved = plan.resolve(table, incoming)
    if (!resolved) errors.push(problemAt(source, field, `No ${what} with this id in the import or in the network`))
    return resolved
  }

  const organisationRows = rows.organizations.map((row) => ({
    id: id('organizations', row.id),
    networkId,
    name: row.name,
    type: 'other' as const,
    description: row.description,
    email: row.email ?? null,
    website: row.website ?? null,
  }))
  const identifiers = new Map<string, { charityNumber?: string; companyNumber?: string }>()
  for (const row of rows.organization_identifiers) {
    const organisationId = required(row.source, 'organization_id', 'organizations', row.organization_id, 'organisation')
    const scheme = (row.identifier_scheme ?? '').toUpperCase()
    if (!organisationId) continue
    const entry = identifiers.get(organisationId) ?? {}
    if (charitySchemes.has(scheme)) entry.charityNumber = row.identifier
    else if (scheme === 'GB-COH') entry.companyNumber = row.identifier
    else warnings.push(problemAt(row.source, 'identifier_scheme', 'Only charity and company numbers are kept; this identifier was not imported'))
    identifiers.set(organisationId, entry)
  }

  const serviceRows = rows.services.map((row) => ({
    id: id('services', row.id),
    networkId,
    organisationId: required(row.source, 'organization_id', 'organizations', row.organization_id, 'organisation') ?? '',
    name: row.name,
    description: row.description,
    url: row.url ?? null,
    email: row.email ?? null,
    status: row.status,
    fees: row.fees ?? null,
    accreditations: row.accreditations ?? null,
    minimumAge: row.minimum_age ?? null,
    maximumAge: row.maximum_age ?? null,
    assuredDate: row.assured_date ?? null,
    assurerEmail: row.assurer_email ?? null,
    alert: row.alert ?? null,
    updatedAt: now,
  }))

  const locationRows = rows.locations.map((row) => {
    const placed = row.latitude !== undefined && row.longitude !== undefined && Math.abs(row.latitude) <= 90 && Math.abs(row.longitude) <= 180
    if ((row.latitude !== undefined || row.longitude !== undefined) && !placed) {
      warnings.push(problemAt(row.source, 'latitude', 'Latitude and longitude are not a place on Earth, so were left out'))
    }
    return {
      id: id('locations', row.id),
      networkId,
      locationType: row.location_type,
      name: row.name ?? null,
      description: row.description ?? null,
      latitude: placed ? (row.latitude ?? null) : null,
      longitude: placed ? (row.longitude ?? null) : null,
      externalIdentifier: row.external_identifier ?? null,
      externalIdentifierType: row.external_identifier_type ?? null,
      updatedAt: now,
    }
  })
  const addressRows = rows.addresses.map((row) => ({
    id: id('addresses', row.id),
    networkId,
    locationId: required(row.source, 'location_id', 'locations', row.location_id, 'location') ?? '',
    attention: row.attention ?? null,
    address1: row.address_1,
    address2: row.address_2 ?? null,
    city: row.city,
    region: row.region ?? null,
    stateProvince: row.state_province,
    postalCode: row.postal_code,
    country: row.country,
    addressType: row.address_type,
  }))
  const accessibilityRows = rows.accessibility.map((row) => ({
    id: id('accessibility', row.id),
    networkId,
    locationId: required(row.source, 'location_id', 'locations', row.location_id, 'location') ?? '',
    description: row.description ?? null,
    details: row.details ?? null,
    url: row.url ?? null,
  }))
  const salRows = rows.service_at_locations.map((row) => ({
    id: id('service_at_locations', row.id),
    networkId,
    serviceId: required(row.source, 'service_id', 'services', row.service_id, 'service') ?? '',
    locationId: required(row.source, 'location_id', 'locations', row.location_id, 'location') ?? '',
    description: row.description ?? null,
  }))
  const contactRows = rows.contacts.flatMap((row) => {
    if (!row.service_id) {
      warnings.push(problemAt(row.source, 'service_id', 'Only contacts of a service are kept; this one was not imported'))
      return []
    }
    return [{ id: id('contacts', row.id), networkId, serviceId: required(row.source, 'service_id', 'services', row.service_id, 'service') ?? null, name: row.name ?? null, title: row.title ?? null, department: row.department ?? null, email: row.email ?? null }]
  })
  const keptContacts = new Set(contactRows.map((row) => row.id))
  const phoneRows = rows.phones.flatMap((row) => {
    const contactId = required(row.source, 'contact_id', 'contacts', row.contact_id, 'contact')
    const serviceId = required(row.source, 'service_id', 'services', row.service_id, 'service')
    const locationId = required(row.source, 'location_id', 'locations', row.location_id, 'location')
    if (!row.contact_id && !row.service_id && !row.location_id) {
      warnings.push(problemAt(row.source, 'contact_id', 'A phone of no service, contact or location is not kept; it was not imported'))
      return []
    }
    if (contactId && plan.isNew('contacts', row.contact_id ?? '') && !keptContacts.has(contactId)) return []
    return [{ id: id('phones', row.id), networkId, contactId: contactId ?? null, serviceId: serviceId ?? null, locationId: locationId ?? null, number: row.number, extension: row.extension ?? null, type: row.type ?? null, description: row.description ?? null }]
  })
  const scheduleRows = rows.schedules.flatMap((row) => {
    if (!row.service_id && !row.service_at_location_id) {
      warnings.push(problemAt(row.source, 'service_id', 'A schedule of no service is not kept; it was not imported'))
      return []
    }
    return [
      {
        id: id('schedules', row.id),
        networkId,
        serviceId: required(row.source, 'service_id', 'services', row.service_id, 'service') ?? null,
        serviceAtLocationId: required(row.source, 'service_at_location_id', 'service_at_locations', row.service_at_location_id, 'service at a location') ?? null,
        validFrom: row.valid_from ?? null,
        validTo: row.valid_to ?? null,
        dtstart: row.dtstart ?? null,
        freq: row.freq ?? null,
        interval: row.interval ?? null,
        byday: row.byday ?? null,
        bymonthday: row.bymonthday ?? null,
        opensAt: row.opens_at ?? null,
        closesAt: row.closes_at ?? null,
        description: row.description ?? null,
        scheduleLink: row.schedule_link ?? null,
        attendingType: row.attending_type ?? null,
        notes: row.notes ?? null,
      },
    ]
  })
  const areaRows = rows.service_areas.map((row) => ({
    id: id('service_areas', row.id),
    networkId,
    serviceId: required(row.source, 'service_id', 'services', row.service_id, 'service') ?? '',
    name: row.name ?? null,
    description: row.description ?? null,
    extent: row.extent ?? null,
    extentType: row.extent_type ?? null,
    uri: row.uri ?? null,
  }))
  const costRows = rows.cost_options.map((row) => ({
    id: id('cost_options', row.id),
    networkId,
    serviceId: required(row.source, 'service_id', 'services', row.service_id, 'service') ?? '',
    validFrom: row.valid_from ?? null,
    validTo: row.valid_to ?? null,
    option: row.option ?? null,
    amount: row.amount ?? null,
    currency: row.currency ?? 'GBP',
    amountDescription: row.amount_description ?? null,
  }))

  const newTerms = [...new Map(rows.taxonomy_terms.filter((row) => plan.isNew('taxonomy_terms', row.id)).map((row) => [id('taxonomy_terms', row.id), row])).values()]
  if (rows.taxonomies.length > 0) {
    warnings.push(problemAt(rows.taxonomies[0].source, undefined, 'Taxonomies are not imported: terms that match none of the network’s join its Imported taxonomy'))
  }

  const links: { serviceId: string; termId: string; networkId: string }[] = []
  for (const row of rows.attributes) {
    const serviceId = plan.resolve('services', row.link_id)
    if (!serviceId) {
      warnings.push(problemAt(row.source, 'link_id', 'Only terms describing a service are kept; this link was not imported'))
      continue
    }
    const termId = required(row.source, 'taxonomy_term_id', 'taxonomy_terms', row.taxonomy_term_id, 'taxonomy term')
    if (termId) links.push({ serviceId, termId, networkId })
  }

  const serviceLanguageCodes = new Map<string, Set<string>>()
  const phoneLanguageCodes = new Map<string, Set<string>>()
  for (const row of rows.languages) {
    const code = row.code?.toLowerCase()
    if (!code || !/^[a-z]{2,3}$/.test(code)) {
      warnings.push(problemAt(row.source, 'code', 'A language without an ISO 639 code cannot be kept; it was not imported'))
      continue
    }
    const serviceId = required(row.source, 'service_id', 'services', row.service_id, 'service')
    const phoneId = required(row.source, 'phone_id', 'phones', row.phone_id, 'phone')
    const target = phoneId ? phoneLanguageCodes : serviceLanguageCodes
    const owner = phoneId ?? serviceId
    if (owner) target.set(owner, (target.get(owner) ?? new Set()).add(code))
  }

  if (errors.length > 0) return errors

  await repository.upsert(tx, organisations, organisationRows, ['name', 'description', 'email', 'website'])
  for (const [organisationId, entry] of identifiers) await repository.updateOrganisationIdentifiers(tx, networkId, organisationId, entry)
  const serviceUpdate = ['organisationId', 'name', 'description', 'url', 'email', 'status', 'fees', 'accreditations', 'minimumAge', 'maximumAge', 'assuredDate', 'assurerEmail', 'alert', 'updatedAt'] as const
  await repository.upsert(tx, services, serviceRows, [...serviceUpdate])
  await repository.upsert(tx, locations, locationRows, ['locationType', 'name', 'description', 'latitude', 'longitude', 'externalIdentifier', 'externalIdentifierType', 'updatedAt'])
  await repository.upsert(tx, addresses, addressRows, ['locationId', 'attention', 'address1', 'address2', 'city', 'region', 'stateProvince', 'postalCode', 'country', 'addressType'])
  await repository.upsert(tx, accessibility, accessibilityRows, ['locationId', 'description', 'details', 'url'])
  await repository.upsert(tx, serviceAtLocations, salRows, ['serviceId', 'locationId', 'description'])
  await repository.upsert(tx, contacts, contactRows, ['serviceId', 'name', 'title', 'department', 'email'])
  await repository.upsert(tx, phones, phoneRows, ['contactId', 'serviceId', 'locationId', 'number', 'extension', 'type', 'description'])
  await repository.upsert(tx, schedules, scheduleRows, ['serviceId', 'serviceAtLocationId', 'validFrom', 'validTo', 'dtstart', 'freq', 'interval', 'byday', 'bymonthday', 'opensAt', 'closesAt', 'description', 'scheduleLink', 'attendingType', 'notes'])
  await repository.upsert(tx, serviceAreas, areaRows, ['serviceId', 'name', 'description', 'extent', 'extentType', 'uri'])
  await repository.upsert(tx, costOptions, costRows, ['serviceId', 'validFrom', 'validTo', 'option', 'amount', 'currency', 'amountDescription'])

  if (newTerms.length > 0) {
    const taxonomyId = await repository.importedTaxonomy(tx, networkId)
    const codes = new Set((await repository.termsOfNetwork(tx, networkId)).map((term) => term.code))
    for (const row of newTerms) {
      let code = `imported-${slug(row.name) || 'term'}`
      for (let n = 2; codes.has(code); n += 1) code = `imported-${slug(row.name) || 'term'}-${n}`
      codes.add(code)
      const parentId = plan.resolve('taxonomy_terms', row.parent_id)
      if (row.parent_id && !parentId) warnings.push(problemAt(row.source, 'parent_id', 'No parent term with this id, so the term was imported without one'))
      await repository.insertTerm(tx, {
        id: id('taxonomy_terms', row.id),
        networkId,
        taxonomyId,
        code,
        name: row.name,
        nameCy: row.name,
        description: row.description,
        parentId: parentId ?? null,
        termUri: row.term_uri ?? null,
      })
    }
  }
  await repository.linkTerms(tx, links)

  const languagesNow = await repository.serviceLanguages(tx, networkId, [...serviceLanguageCodes.keys()])
  for (const [serviceId, codes] of serviceLanguageCodes) {
    await repository.setServiceLanguages(tx, networkId, serviceId, [...new Set([...(languagesNow.get(serviceId) ?? []), ...codes])])
  }
  for (const [phoneId, codes] of phoneLanguageCodes) await repository.setPhoneLanguages(tx, networkId, phoneId, [...codes])
  return errors
}

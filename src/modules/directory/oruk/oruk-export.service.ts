import { stringify } from 'csv-stringify/sync'
import { networkById as findNetwork, type NetworkRow } from '../../networks/networks.service.js'
import { NotFoundError } from '../../../platform/errors.js'
import type { ServiceDependencies } from '../../../services.js'
import * as repository from './oruk.repository.js'
import { presentFullServices, presentOrganisation, presentTaxonomy, presentTerm, type OrukObject } from './oruk.presenter.js'

/**
 * Exports a network's directory as Open Referral UK: JSON (a list of fully nested services, what the API's
 * /services/{id} answers) or the spec's CSV tables. Only public listing data, as in the API.
 */

/** The spec's CSV files (the schemas' "path") and their columns, in the spec's order. */
export const csvColumns = {
  'organizations.csv': ['id', 'name', 'description', 'email', 'website'],
  'organization_identifiers.csv': ['id', 'organization_id', 'identifier_scheme', 'identifier_type', 'identifier'],
  'services.csv': ['id', 'organization_id', 'name', 'description', 'url', 'email', 'status', 'fees', 'accreditations', 'minimum_age', 'maximum_age', 'assured_date', 'assurer_email', 'alert', 'last_modified'],
  'locations.csv': ['id', 'location_type', 'name', 'description', 'latitude', 'longitude', 'external_identifier', 'external_identifier_type'],
  'address.csv': ['id', 'location_id', 'attention', 'address_1', 'address_2', 'city', 'region', 'state_province', 'postal_code', 'country', 'address_type'],
  'accessibility.csv': ['id', 'location_id', 'description', 'details', 'url'],
  'service_at_location.csv': ['id', 'service_id', 'location_id', 'description'],
  'contacts.csv': ['id', 'service_id', 'name', 'title'],
  'phones.csv': ['id', 'contact_id', 'service_id', 'number', 'extension', 'type', 'description'],
  'schedule.csv': ['id', 'service_id', 'service_at_location_id', 'valid_from', 'valid_to', 'dtstart', 'freq', 'interval', 'byday', 'bymonthday', 'description', 'opens_at', 'closes_at', 'schedule_link', 'attending_type', 'notes'],
  'service_areas.csv': ['id', 'service_id', 'name', 'description', 'extent', 'extent_type', 'uri'],
  'cost_options.csv': ['id', 'service_id', 'valid_from', 'valid_to', 'option', 'amount', 'currency', 'amount_description'],
  'languages.csv': ['id', 'service_id', 'phone_id', 'name', 'code'],
  'taxonomies.csv': ['id', 'name', 'description', 'uri', 'version'],
  'taxonomy_terms.csv': ['id', 'name', 'description', 'parent_id', 'taxonomy', 'taxonomy_id', 'term_uri', 'term'],
  'attribute.csv': ['id', 'link_id', 'taxonomy_term_id', 'link_type', 'link_entity'],
} as const
export type CsvFile = keyof typeof csvColumns
export const csvFiles = Object.keys(csvColumns) as CsvFile[]

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab or return) as a formula: such text gets a leading
 * apostrophe. Numbers are left alone (a longitude of -0.1 is no formula); the importer takes the apostrophe off.
 */
export function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
}

export function toCsv(file: CsvFile, records: OrukObject[]): string {
  const columns = csvColumns[file]
  return stringify(
    records.map((record) => columns.map((column) => record[column] ?? '')),
    { header: true, columns: [...columns], cast: { string: neutralise, boolean: (value) => (value ? 'true' : 'false') } },
  )
}

const batchSize = 200

export function createOrukExportService(deps: ServiceDependencies) {
  const { db } = deps

  async function fullServices(networkId: string, nation: NetworkRow['nation']): Promise<OrukObject[]> {
    const ids = await repository.listServiceIds(db, networkId)
    const result: OrukObject[] = []
    for (let start = 0; start < ids.length; start += batchSize) {
      const batch = ids.slice(start, start + batchSize)
      const graph = await repository.loadServiceGraph(db, networkId, batch)
      const byId = new Map(presentFullServices(graph, nation).map((service) => [service.id, service]))
      for (const id of batch) {
        const service = byId.get(id)
        if (service) result.push(service)
      }
    }
    return result
  }

  async function networkById(networkId: string): Promise<NetworkRow> {
    const network = await findNetwork(db, networkId)
    if (!network) throw new NotFoundError()
    return network
  }

  return {
    async json(networkId: string): Promise<OrukObject[]> {
      const network = await networkById(networkId)
      return fullServices(network.id, network.nation)
    },

    /** Every CSV table, by file name. */
    async csv(networkId: string): Promise<Record<CsvFile, string>> {
      const network = await networkById(networkId)
      const tables = Object.fromEntries(csvFiles.map((file) => [file, [] as OrukObject[]])) as Record<CsvFile, OrukObject[]>
      const list = (value: unknown): OrukObject[] => (Array.isArray(value) ? (value as OrukObject[]) : [])
      for (const organisation of await repository.listAllOrganisations(db, network.id)) {
        const presented = presentOrganisation(organisation, network.nation)
        tables['organizations.csv'].push(presented)
        tables['organization_identifiers.csv'].push(...list(presented.organization_identifiers))
      }
      const seenLocations = new Set<string>()
      for (const service of await fullServices(network.id, network.nation)) {
        tables['services.csv'].push(service)
        tables['schedule.csv'].push(...list(service.schedules))
        tables['service_areas.csv'].push(...list(service.service_areas))
        tables['cost_options.csv'].push(...list(service.cost_options))
        tables['languages.csv'].push(...list(service.languages))
        for (const contact of list(service.contacts)) {
          tables['contacts.csv'].push(contact)
          for (const phone of list(contact.phones)) {
            tables['phones.csv'].push(phone)
            tables['languages.csv'].push(...list(phone.languages))
          }
        }
        for (const phone of list(service.phones)) {
          tables['phones.csv'].push(phone)
          tables['languages.csv'].push(...list(phone.languages))
        }
        for (const attribute of list(service.attributes)) tables['attribute.csv'].push({ ...attribute, link_entity: 'service' })
        for (const sal of list(service.service_at_locations)) {
          tables['service_at_location.csv'].push(sal)
          const location = sal.location as OrukObject
          if (seenLocations.has(String(location.id))) continue
          seenLocations.add(String(location.id))
          tables['locations.csv'].push(location)
          tables['address.csv'].push(...list(location.addresses))
          tables['accessibility.csv'].push(...list(location.accessibility))
        }
      }
      const taxonomies = await repository.listAllTaxonomies(db, network.id)
      tables['taxonomies.csv'].push(...taxonomies.map((taxonomy) => presentTaxonomy(taxonomy)))
      tables['taxonomy_terms.csv'].push(...(await repository.listAllTerms(db, network.id)).map(presentTerm))
      return Object.fromEntries(csvFiles.map((file) => [file, toCsv(file, tables[file])])) as Record<CsvFile, string>
    },
  }
}

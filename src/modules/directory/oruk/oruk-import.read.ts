import { parse as parseCsv } from 'csv-parse/sync'

/**
 * Reads an Open Referral UK / HSDS import into flat table rows, each remembering where it came from (file and line
 * for CSV, file and JSON path for JSON), so every problem can be reported where the coordinator can find it.
 * Accepts JSON (a service, a list of services, an organisation with services, a service at a location, a taxonomy,
 * terms, or a paged list of any of these) and the spec's CSV tables.
 */

export const tables = [
  'organizations',
  'organization_identifiers',
  'services',
  'locations',
  'addresses',
  'accessibility',
  'service_at_locations',
  'contacts',
  'phones',
  'schedules',
  'service_areas',
  'cost_options',
  'languages',
  'taxonomies',
  'taxonomy_terms',
  'attributes',
] as const
export type TableName = (typeof tables)[number]

export interface SourceRow {
  table: TableName
  file: string
  /** CSV: the line the record ends on (the header is line 1). */
  line?: number
  /** JSON: where in the document, e.g. services[0].schedules[1]. */
  path?: string
  values: Record<string, unknown>
}

export interface ImportProblem {
  file: string
  line?: number
  path?: string
  field?: string
  message: string
}

export interface ReadResult {
  rows: SourceRow[]
  errors: ImportProblem[]
  warnings: ImportProblem[]
}

export interface ImportFile {
  name: string
  content: Buffer | string
}

/** The spec names some CSV files in the singular and its examples in the plural: both are read. */
const csvTables: Record<string, TableName> = {
  organizations: 'organizations',
  organization: 'organizations',
  organization_identifiers: 'organization_identifiers',
  organization_identifier: 'organization_identifiers',
  services: 'services',
  service: 'services',
  locations: 'locations',
  location: 'locations',
  address: 'addresses',
  addresses: 'addresses',
  accessibility: 'accessibility',
  accessibility_for_disabilities: 'accessibility',
  service_at_location: 'service_at_locations',
  service_at_locations: 'service_at_locations',
  contacts: 'contacts',
  contact: 'contacts',
  phones: 'phones',
  phone: 'phones',
  schedule: 'schedules',
  schedules: 'schedules',
  service_areas: 'service_areas',
  service_area: 'service_areas',
  cost_options: 'cost_options',
  cost_option: 'cost_options',
  languages: 'languages',
  language: 'languages',
  taxonomy: 'taxonomies',
  taxonomies: 'taxonomies',
  taxonomy_terms: 'taxonomy_terms',
  taxonomy_term: 'taxonomy_terms',
  attribute: 'attributes',
  attributes: 'attributes',
}

/** An exported cell that began with = + - @ got a leading apostrophe; take it off again. */
function unneutralise(value: string): string {
  return /^'[=+\-@]/.test(value) ? value.slice(1) : value
}

function readCsv(file: ImportFile, result: ReadResult): void {
  const base = file.name.replace(/^.*[\\/]/, '').replace(/\.csv$/i, '').toLowerCase()
  const table = csvTables[base]
  if (!table) {
    result.warnings.push({ file: file.name, message: 'Not a table we keep, so it was not imported' })
    return
  }
  let records: { record: Record<string, string>; info: { lines: number } }[]
  try {
    // Spreadsheets on some systems end lines with \r\r\n (the spec's own examples do): one line break is one line.
    const content = (typeof file.content === 'string' ? file.content : file.content.toString('utf8')).replace(/\r+\n|\r+/g, '\n')
    records = parseCsv(content, { columns: true, bom: true, skip_empty_lines: true, trim: false, info: true }) as typeof records
  } catch (error) {
    const line = (error as { lines?: number }).lines
    result.errors.push({ file: file.name, line, message: `The file is not valid CSV: ${(error as Error).message}` })
    return
  }
  for (const { record, info } of records) {
    const values: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(record)) {
      const cell = unneutralise(value.trim())
      if (cell !== '') values[key.trim().toLowerCase()] = cell
    }
    result.rows.push({ table, file: file.name, line: info.lines, values })
  }
}

type Json = Record<string, unknown>
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)
const listOf = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isObject) : [])

/** Walks a JSON document, turning nested objects into table rows with their parent's id filled in. */
class JsonFlattener {
  constructor(
    private readonly file: string,
    private readonly result: ReadResult,
  ) {}

  private push(table: TableName, path: string, object: Json, omit: string[], parent: Json = {}): void {
    const values: Json = { ...parent }
    for (const [key, value] of Object.entries(object)) {
      if (omit.includes(key) || value === null || value === undefined) continue
      if (typeof value === 'object') continue
      values[key] = value
    }
    this.result.rows.push({ table, file: this.file, path, values })
  }

  private ignored(path: string, what: string): void {
    this.result.warnings.push({ file: this.file, path, message: `${what} are not kept, so were not imported` })
  }

  organization(object: Json, path: string): void {
    this.push('organizations', path, object, [])
    listOf(object.organization_identifiers).forEach((identifier, i) =>
      this.push('organization_identifiers', `${path}.organization_identifiers[${i}]`, identifier, [], { organization_id: object.id }),
    )
    listOf(object.services).forEach((service, i) => this.service(service, `${path}.services[${i}]`, { organization_id: object.id }))
  }

  service(object: Json, path: string, parent: Json = {}): void {
    const organization = isObject(object.organization) ? object.organization : undefined
    if (organization) this.organization({ ...organization, services: undefined }, `${path}.organization`)
    this.push('services', path, object, [], { ...parent, ...(organization ? { organization_id: organization.id } : {}) })
    const owner = { service_id: object.id }
    listOf(object.schedules).forEach((row, i) => this.push('schedules', `${path}.schedules[${i}]`, row, [], row.service_at_location_id ? {} : owner))
    listOf(object.service_areas).forEach((row, i) => this.push('service_areas', `${path}.service_areas[${i}]`, row, [], owner))
    listOf(object.service_at_locations).forEach((row, i) => this.serviceAtLocation(row, `${path}.service_at_locations[${i}]`, owner))
    listOf(object.languages).forEach((row, i) => this.push('languages', `${path}.languages[${i}]`, row, [], owner))
    listOf(object.cost_options).forEach((row, i) => this.push('cost_options', `${path}.cost_options[${i}]`, row, [], owner))
    listOf(object.phones).forEach((row, i) => this.phone(row, `${path}.phones[${i}]`, owner))
    listOf(object.contacts).forEach((contact, i) => {
      this.push('contacts', `${path}.contacts[${i}]`, contact, [], owner)
      listOf(contact.phones).forEach((row, j) => this.phone(row, `${path}.contacts[${i}].phones[${j}]`, { contact_id: contact.id }))
    })
    listOf(object.attributes).forEach((attribute, i) => this.attribute(attribute, `${path}.attributes[${i}]`, { link_id: object.id, link_entity: 'service' }))
    if (listOf(object.funding).length > 0) this.ignored(`${path}.funding`, 'Funding details')
    if (listOf(object.capacities).length > 0) this.ignored(`${path}.capacities`, 'Capacities')
  }

  private phone(object: Json, path: string, parent: Json): void {
    this.push('phones', path, object, [], parent)
    listOf(object.languages).forEach((row, i) => this.push('languages', `${path}.languages[${i}]`, row, [], { phone_id: object.id }))
  }

  private attribute(object: Json, path: string, parent: Json): void {
    const term = isObject(object.taxonomy_term) ? object.taxonomy_term : undefined
    if (term) this.push('taxonomy_terms', `${path}.taxonomy_term`, term, [])
    this.push('attributes', path, object, [], { ...parent, ...(term ? { taxonomy_term_id: term.id } : {}) })
  }

  serviceAtLocation(object: Json, path: string, parent: Json = {}): void {
    const location = isObject(object.location) ? object.location : undefined
    const service = isObject(object.service) ? object.service : undefined
    if (service) this.service({ ...service, service_at_locations: undefined }, `${path}.service`)
    if (location) this.location(location, `${path}.location`)
    this.push('service_at_locations', path, object, [], {
      ...parent,
      ...(location ? { location_id: location.id } : {}),
      ...(service ? { service_id: service.id } : {}),
    })
    listOf(object.schedules).forEach((row, i) => this.push('schedules', `${path}.schedules[${i}]`, row, [], { service_at_location_id: object.id }))
  }

  location(object: Json, path: string): void {
    this.push('locations', path, object, [])
    const owner = { location_id: object.id }
    listOf(object.addresses).forEach((row, i) => this.push('addresses', `${path}.addresses[${i}]`, row, [], owner))
    listOf(object.accessibility).forEach((row, i) => this.push('accessibility', `${path}.accessibility[${i}]`, row, [], owner))
    listOf(object.phones).forEach((row, i) => this.phone(row, `${path}.phones[${i}]`, owner))
  }

  taxonomy(object: Json, path: string): void {
    this.push('taxonomies', path, object, [])
    listOf(object.taxonomy_terms).forEach((row, i) => this.push('taxonomy_terms', `${path}.taxonomy_terms[${i}]`, row, [], { taxonomy_id: object.id }))
  }

  /** Tells what an object is by the fields only it has. */
  any(value: unknown, path: string): void {
    if (Array.isArray(value)) {
      value.forEach((item, i) => this.any(item, `${path}[${i}]`))
      return
    }
    if (!isObject(value)) {
      this.result.errors.push({ file: this.file, path: path || '(top)', message: 'Expected an object: a service, an organisation, a service at a location or a taxonomy' })
      return
    }
    const has = (...keys: string[]) => keys.some((key) => key in value)
    const at = (name: string) => (path ? `${path}` : name)
    if (Array.isArray(value.contents)) this.any(value.contents, `${path ? `${path}.` : ''}contents`)
    else if (isObject(value.service) && isObject(value.location)) this.serviceAtLocation(value, at('service_at_location'))
    else if (has('services', 'organization_identifiers', 'website', 'logo', 'parent_organization_id')) this.organization(value, at('organization'))
    else if (has('status', 'organization', 'organization_id', 'service_at_locations', 'schedules')) this.service(value, at('service'))
    else if (has('taxonomy_terms', 'version')) this.taxonomy(value, at('taxonomy'))
    else if (has('term', 'taxonomy_id', 'parent_id', 'term_uri', 'taxonomy')) this.push('taxonomy_terms', at('taxonomy_term'), value, [])
    else this.result.errors.push({ file: this.file, path: at('(top)'), message: 'Could not tell what this is: a service needs a status, an organisation its services' })
  }
}

function readJson(file: ImportFile, result: ReadResult): void {
  let document: unknown
  try {
    document = JSON.parse(typeof file.content === 'string' ? file.content : file.content.toString('utf8'))
  } catch (error) {
    result.errors.push({ file: file.name, message: `The file is not valid JSON: ${(error as Error).message}` })
    return
  }
  new JsonFlattener(file.name, result).any(document, '')
}

/** Reads every file of an import: .json files as documents, .csv files as the spec's tables. */
export function readImport(files: ImportFile[]): ReadResult {
  const result: ReadResult = { rows: [], errors: [], warnings: [] }
  for (const file of files) {
    if (/\.json$/i.test(file.name)) readJson(file, result)
    else if (/\.csv$/i.test(file.name)) readCsv(file, result)
    else result.errors.push({ file: file.name, message: 'Only .json and .csv files can be imported' })
  }
  if (result.rows.length === 0 && result.errors.length === 0) result.errors.push({ file: files[0]?.name ?? '', message: 'There was nothing to import' })
  return result
}

import { parsePostcode } from '../postcodes/postcode.js'
import { z } from 'zod'
import type { ImportProblem, SourceRow, TableName } from './oruk-import.read.js'

/** The fields of each ORUK table we keep, checked as the spec types them. Messages name what to fix. */

const text = z.preprocess((value) => (typeof value === 'number' || typeof value === 'boolean' ? String(value) : value), z.string('must be text').trim())
const optionalText = text.optional()
const uuid = z
  .string('must be a uuid')
  .trim()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a uuid')
  .transform((value) => value.toLowerCase())
const number = z.preprocess((value) => (typeof value === 'string' && value.trim() !== '' ? Number(value) : value), z.number('must be a number').finite('must be a number'))
const whole = number.pipe(z.number().int('must be a whole number').min(0, 'must not be negative'))
const date = z
  .string('must be a date like 2024-01-31')
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}(T.*)?$/, 'must be a date like 2024-01-31')
  .transform((value) => value.slice(0, 10))
const clock = z
  .string('must be a time like 09:30')
  .trim()
  .regex(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?/, 'must be a time like 09:30')
  .transform((value) => value.slice(0, 8))
const email = z.string().trim().email('must be an email address')
const locationType = z.enum(['physical', 'postal', 'virtual'], 'must be physical, postal or virtual')

export const rowSchemas = {
  organizations: z.object({ id: uuid, name: text.pipe(z.string().min(1, 'is required')), description: text.default(''), email: email.optional(), website: optionalText }),
  organization_identifiers: z.object({ id: uuid, organization_id: uuid, identifier_scheme: optionalText, identifier_type: text, identifier: text }),
  services: z.object({
    id: uuid,
    organization_id: uuid,
    name: text.pipe(z.string().min(1, 'is required')),
    description: text.default(''),
    url: optionalText,
    email: email.optional(),
    status: z.enum(['active', 'inactive', 'defunct', 'temporarily closed'], 'must be active, inactive, defunct or temporarily closed'),
    fees: optionalText,
    accreditations: optionalText,
    minimum_age: whole.optional(),
    maximum_age: whole.optional(),
    assured_date: date.optional(),
    assurer_email: email.optional(),
    alert: optionalText,
  }),
  locations: z.object({
    id: uuid,
    location_type: locationType.default('physical'),
    name: optionalText,
    description: optionalText,
    latitude: number.optional(),
    longitude: number.optional(),
    external_identifier: optionalText,
    external_identifier_type: optionalText,
  }),
  addresses: z.object({
    id: uuid,
    location_id: uuid,
    attention: optionalText,
    address_1: text,
    address_2: optionalText,
    city: text,
    region: optionalText,
    state_province: text.default(''),
    postal_code: text.transform((value) => {
      return parsePostcode(value)?.postcode ?? value
    }),
    country: text.default('GB'),
    address_type: locationType.default('physical'),
  }),
  accessibility: z.object({ id: uuid, location_id: uuid, description: optionalText, details: optionalText, url: optionalText }),
  service_at_locations: z.object({ id: uuid, service_id: uuid, location_id: uuid, description: optionalText }),
  contacts: z.object({ id: uuid, service_id: uuid.optional(), name: optionalText, title: optionalText, department: optionalText, email: email.optional() }),
  phones: z.object({
    id: uuid,
    contact_id: uuid.optional(),
    service_id: uuid.optional(),
    location_id: uuid.optional(),
    // The spec's own example quotes its number: keep only what a phone number is made of.
    number: text.transform((value) => value.replace(/[^0-9+() -]/g, '').trim()).pipe(z.string().min(1, 'must be a phone number')),
    extension: optionalText,
    type: optionalText,
    description: optionalText,
  }),
  schedules: z.object({
    id: uuid,
    service_id: uuid.optional(),
    service_at_location_id: uuid.optional(),
    valid_from: date.optional(),
    valid_to: date.optional(),
    dtstart: date.optional(),
    freq: optionalText,
    interval: whole.optional(),
    byday: optionalText,
    bymonthday: optionalText,
    description: optionalText,
    opens_at: clock.optional(),
    closes_at: clock.optional(),
    schedule_link: optionalText,
    attending_type: optionalText,
    notes: optionalText,
  }),
  service_areas: z.object({ id: uuid, service_id: uuid, name: optionalText, description: optionalText, extent: optionalText, extent_type: optionalText, uri: optionalText }),
  cost_options: z.object({
    id: uuid,
    service_id: uuid,
    valid_from: date.optional(),
    valid_to: date.optional(),
    option: optionalText,
    amount: number.optional(),
    currency: optionalText,
    amount_description: optionalText,
  }),
  languages: z.object({ id: uuid, service_id: uuid.optional(), phone_id: uuid.optional(), code: optionalText, name: optionalText }),
  taxonomies: z.object({ id: uuid, name: text, description: text.default(''), uri: optionalText, version: optionalText }),
  taxonomy_terms: z.object({
    id: uuid,
    name: text.pipe(z.string().min(1, 'is required')),
    description: text.default(''),
    parent_id: uuid.optional(),
    taxonomy: optionalText,
    taxonomy_id: uuid.optional(),
    term_uri: optionalText,
  }),
  attributes: z.object({ id: uuid.optional(), link_id: uuid, taxonomy_term_id: uuid, link_type: optionalText, link_entity: optionalText }),
} satisfies Record<TableName, z.ZodType>

export type Rows = { [T in TableName]: (z.output<(typeof rowSchemas)[T]> & { source: SourceRow })[] }

export function problemAt(source: SourceRow, field: string | undefined, message: string): ImportProblem {
  return { file: source.file, line: source.line, path: source.path, field, message }
}

/**
 * Checks each row against its table; the same id twice in one table (a nested organisation repeated in every
 * service, or address.csv beside addresses.csv) is one record, later values filling in.
 */
export function checkRows(sourceRows: SourceRow[]): { rows: Rows; errors: ImportProblem[] } {
  const errors: ImportProblem[] = []
  const merged = new Map<string, SourceRow>()
  const order: SourceRow[] = []
  for (const row of sourceRows) {
    const id = typeof row.values.id === 'string' ? row.values.id.toLowerCase() : undefined
    const key = id && row.table !== 'attributes' ? `${row.table}:${id}` : undefined
    const existing = key ? merged.get(key) : undefined
    if (existing) {
      existing.values = { ...existing.values, ...row.values }
      continue
    }
    const copy = { ...row, values: { ...row.values } }
    if (key) merged.set(key, copy)
    order.push(copy)
  }
  const rows = Object.fromEntries(Object.keys(rowSchemas).map((table) => [table, []])) as unknown as Rows
  for (const source of order) {
    const result = rowSchemas[source.table].safeParse(source.values)
    if (!result.success) {
      for (const issue of result.error.issues) {
        const field = issue.path.map(String).join('.')
        const message = issue.code === 'invalid_type' && source.values[field] === undefined ? 'is required' : issue.message
        errors.push(problemAt(source, field || undefined, message))
      }
      continue
    }
    ;(rows[source.table] as unknown[]).push({ ...result.data, source })
  }
  return { rows, errors }
}

import { randomInt, randomUUID } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'
import {
  accessibility,
  addresses,
  contacts,
  costOptions,
  locations,
  phones,
  postcodeCentroids,
  schedules,
  serviceAreas,
  serviceAtLocations,
  serviceCapacity,
} from '../../../db/schema/index.js'
import { testDatabase } from '../../../../test/support/database.js'

/*
 * Test support for the Open Referral UK module: the spec's schemas (read from ../shared/standards/oruk-3.0 beside
 * the repository, never copied into it) and rows the service factory does not make.
 */

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..')
export const specDirectory = path.resolve(repositoryRoot, '..', 'shared', 'standards', 'oruk-3.0')
export const specAvailable = existsSync(path.join(specDirectory, 'schema', 'openapi.json'))
if (!specAvailable && process.env.CI) throw new Error(`The Open Referral UK spec is missing from ${specDirectory}; CI must have shared/ beside the clone`)
export const specMissingMessage = `Open Referral UK spec not found at ${specDirectory}: spec tests skipped (they run in CI)`

const base = 'https://spec.test/oruk/'
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020

let ajv: Ajv2020 | undefined

/** Ajv for the spec's dialect (openapi.json: JSON Schema 2020-12), strict, with its data-package annotations declared. */
function specAjv(): Ajv2020 {
  if (ajv) return ajv
  ajv = new Ajv2020({ strict: true, strictTypes: false, allErrors: true })
  addFormats(ajv)
  ajv.addVocabulary(['name', 'path', 'datapackage_metadata', 'constraints', 'example', 'core', 'tabular_required', 'datapackage_type'])
  for (const folder of ['schema', 'schema/compiled']) {
    for (const file of readdirSync(path.join(specDirectory, folder))) {
      if (!file.endsWith('.json') || file === 'openapi.json' || file === 'service_with_definitions.json') continue
      const schema = JSON.parse(readFileSync(path.join(specDirectory, folder, file), 'utf8')) as Record<string, unknown>
      ajv.addSchema({ ...schema, $id: `${base}${folder.replace(/^schema\/?/, '')}${folder === 'schema' ? '' : '/'}${file}` })
    }
  }
  const openapi = JSON.parse(readFileSync(path.join(specDirectory, 'schema', 'openapi.json'), 'utf8')) as {
    components: { schemas: { Page: Record<string, unknown> } }
  }
  ajv.addSchema({ ...openapi.components.schemas.Page, $id: `${base}page.json` })
  return ajv
}

const validators = new Map<string, ValidateFunction>()

/** A validator for one of the spec's schemas, e.g. 'compiled/service.json' or 'taxonomy.json'. */
export function specValidator(schema: string): ValidateFunction {
  const existing = validators.get(schema)
  if (existing) return existing
  const validate = specAjv().compile({ $ref: `${base}${schema}` })
  validators.set(schema, validate)
  return validate
}

/** The paging envelope of openapi.json (every field present) around items of the given schema. */
export function pageValidator(itemSchema: string): ValidateFunction {
  const key = `page:${itemSchema}`
  const existing = validators.get(key)
  if (existing) return existing
  const validate = specAjv().compile({
    allOf: [{ $ref: `${base}page.json` }],
    required: ['total_items', 'total_pages', 'page_number', 'size', 'first_page', 'last_page', 'empty', 'contents'],
    properties: { contents: { type: 'array', items: { $ref: `${base}${itemSchema}` } } },
  })
  validators.set(key, validate)
  return validate
}

export function validationErrors(validate: ValidateFunction, data: unknown): string[] {
  if (validate(data)) return []
  return (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`)
}

// Rows the service factory does not make --------------------------------------------------------------

/** A random postcode with a centroid, so tests in parallel never share one. */
export async function centroid(latitude: number, longitude: number): Promise<{ postcode: string; district: string }> {
  const { db } = await testDatabase()
  // Second letter never Z: tests use ZZ1, ZZ2… as districts nobody's postcode is in.
  const letters = 'ABDEFGHJLNPQRSTUWXY'
  const pick = () => letters[randomInt(letters.length)]
  for (;;) {
    const district = `Z${pick()}${randomInt(1, 99)}`
    const postcode = `${district} ${randomInt(1, 9)}${pick()}${pick()}`
    // Another test may already have placed this postcode elsewhere: then draw again.
    const placed = await db.insert(postcodeCentroids).values({ postcode, district, latitude, longitude }).onConflictDoNothing().returning()
    if (placed.length > 0) return { postcode, district }
  }
}

/** A place the service is delivered at, with an address and accessibility notes. */
export async function addLocation(
  networkId: string,
  serviceId: string,
  values: { latitude?: number; longitude?: number; postcode?: string; name?: string } = {},
): Promise<{ locationId: string; serviceAtLocationId: string; addressId: string }> {
  const { db } = await testDatabase()
  const [location] = await db
    .insert(locations)
    .values({ networkId, name: values.name ?? 'Community Hub', description: 'Ground floor, step-free.', latitude: values.latitude ?? null, longitude: values.longitude ?? null, externalIdentifier: '10092008082', externalIdentifierType: 'UPRN' })
    .returning()
  const [address] = await db
    .insert(addresses)
    .values({ networkId, locationId: location.id, address1: '1 High Street', address2: 'Riverside', city: 'Riverton', region: 'Riverside', postalCode: values.postcode ?? 'E1 6AN' })
    .returning()
  await db.insert(accessibility).values({ networkId, locationId: location.id, description: 'Wheelchair access on all floors.', details: 'Hearing loop at reception.', url: 'https://example.org/access' })
  const [sal] = await db.insert(serviceAtLocations).values({ networkId, serviceId, locationId: location.id }).returning()
  return { locationId: location.id, serviceAtLocationId: sal.id, addressId: address.id }
}

export async function addSchedule(
  networkId: string,
  target: { serviceId?: string; serviceAtLocationId?: string },
  values: { byday: string; opensAt: string; closesAt: string },
): Promise<string> {
  const { db } = await testDatabase()
  const [row] = await db
    .insert(schedules)
    .values({ networkId, serviceId: target.serviceId ?? null, serviceAtLocationId: target.serviceAtLocationId ?? null, freq: 'WEEKLY', interval: 1, ...values, description: 'Drop in.' })
    .returning()
  return row.id
}

/** A named contact with a phone, a service phone, a cost option, a service area and a capacity. */
export async function addListingDetails(networkId: string, serviceId: string): Promise<void> {
  const { db } = await testDatabase()
  const [contact] = await db.insert(contacts).values({ networkId, serviceId, name: 'Ann Persona', title: 'Reception Manager', email: `contact-${randomUUID().slice(0, 6)}@example.org` }).returning()
  await db.insert(phones).values([
    { networkId, contactId: contact.id, number: '01234 234567', languages: ['en', 'cy'] },
    { networkId, serviceId, number: '0800 123 4567', description: 'Advice line', languages: ['en'] },
  ])
  await db.insert(costOptions).values({ networkId, serviceId, option: 'Under 18s', amount: 0, amountDescription: 'Free' })
  await db.insert(serviceAreas).values({ networkId, serviceId, name: 'Riverside', extentType: 'postcode_districts', extent: 'E1,E2' })
  await db.insert(serviceCapacity).values({ networkId, serviceId, unit: 'Places', available: 4, maximum: 20, description: 'Places on the course' })
}

import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { and, eq } from 'drizzle-orm'
import type { App } from '../../../app.js'
import { organisations, services, serviceTaxonomy, taxonomies, taxonomyTerms } from '../../../db/schema/index.js'
import { networkFactory, organisationFactory } from '../../../../test/factories.js'
import { serviceFactory } from '../../../../test/directory-factories.js'
import { testApp } from '../../../../test/support/app.js'
import { testDatabase } from '../../../../test/support/database.js'
import type { ImportFile } from './oruk-import.read.js'
import { neutralise } from './oruk-export.service.js'
import { addListingDetails, addLocation, addSchedule, specAvailable, specDirectory, specMissingMessage } from './oruk.test-helpers.js'

let app: App
beforeAll(async () => {
  app = await testApp()
})
afterAll(async () => {
  await app.server.close()
})

const csvFolder = path.join(specDirectory, 'examples', 'csv')
const examplesCsv = (): ImportFile[] => readdirSync(csvFolder).map((name) => ({ name, content: readFileSync(path.join(csvFolder, name)) }))
const example = (name: string): ImportFile => ({ name, content: readFileSync(path.join(specDirectory, 'examples', name)) })

async function servicesOf(networkId: string) {
  const { db } = await testDatabase()
  return db.select().from(services).where(eq(services.networkId, networkId))
}

describe.skipIf(!specAvailable)(specAvailable ? 'importing the spec’s examples' : specMissingMessage, () => {
  it('imports every JSON example and the CSV folder, then updates rather than duplicates on a second run', async () => {
    const network = await networkFactory.create()
    const { imports } = app.services.oruk
    for (const name of readdirSync(path.join(specDirectory, 'examples')).filter((file) => file.endsWith('.json'))) {
      const report = await imports.importFiles(network.id, [example(name)])
      expect(report.errors, name).toEqual([])
      expect(report.ok, name).toBe(true)
    }
    const csv = await imports.importFiles(network.id, examplesCsv())
    expect(csv.errors).toEqual([])
    expect(csv.counts.services).toEqual({ created: 0, updated: 1 })
    // One service, however many files described it (its id is the example's unless another network took it first).
    const rows = await servicesOf(network.id)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ name: 'Community Counselling', minimumAge: 12, maximumAge: 100, status: 'active' })
    // The examples' coordinates (100, 101) are no place on Earth: kept out, with a warning.
    expect(csv.warnings.some((warning) => warning.field === 'latitude')).toBe(true)

    const api = await app.server.inject({ method: 'GET', url: `/api/networks/${network.slug}/oruk/services/${rows[0].id}` })
    const body = api.json() as Record<string, unknown>
    expect((body.organization as Record<string, unknown>).organization_identifiers).toEqual([expect.objectContaining({ identifier_scheme: 'GB-COH', identifier: '1234567' })])
    expect((body.contacts as { phones: { number: string }[] }[])[0].phones[0].number).toBe('+44 1234 234567')
    expect((body.attributes as { taxonomy_term: { name: string } }[]).map((a) => a.taxonomy_term.name)).toEqual(['name'])
  })

  it('gives records whose ids another network already uses new ids here, children and all', async () => {
    const first = await networkFactory.create()
    const second = await networkFactory.create()
    const { imports } = app.services.oruk
    expect((await imports.importFiles(first.id, [example('service_full.json')])).ok).toBe(true)
    const report = await imports.importFiles(second.id, examplesCsv())
    expect(report.errors).toEqual([])
    const [theirs] = await servicesOf(second.id)
    const [ours] = await servicesOf(first.id)
    expect(theirs.id).not.toBe(ours.id)
    expect(ours.name).toBe('Community Counselling')
    // Importing the same files again finds the records under their new ids: no duplicates.
    const again = await imports.importFiles(second.id, examplesCsv())
    expect(again.counts.services).toEqual({ created: 0, updated: 1 })
    expect(await servicesOf(second.id)).toHaveLength(1)
    expect(theirs.name).toBe('Community Counselling')
    const api = await app.server.inject({ method: 'GET', url: `/api/networks/${second.slug}/oruk/services/${theirs.id}` })
    expect(api.statusCode).toBe(200)
    expect((api.json() as { service_at_locations: unknown[] }).service_at_locations).toHaveLength(1)
  })
})

describe('importing', () => {
  const org = '5b0f4e2a-95b1-4c32-8f0e-9a7c1d2b3e4f'
  const service = (id: string, extra: Record<string, unknown> = {}) => ({ id, organization_id: org, name: `Service ${id.slice(0, 4)}`, status: 'active', ...extra })

  it('reports every bad row by file, line and field, and saves nothing', async () => {
    const network = await networkFactory.create()
    const files: ImportFile[] = [
      { name: 'organizations.csv', content: `id,name,description\n${org},Riverside Advice,Advice\n` },
      {
        name: 'services.csv',
        content: [
          'id,organization_id,name,status,minimum_age,email',
          `11111111-1111-4111-8111-111111111111,${org},Good service,active,18,`,
          `22222222-2222-4222-8222-222222222222,${org},Bad status,paused,,`,
          `not-a-uuid,${org},Bad id,active,eighteen,not-an-email`,
          `33333333-3333-4333-8333-333333333333,99999999-9999-4999-8999-999999999999,Unknown organisation,active,,`,
        ].join('\n'),
      },
    ]
    const report = await app.services.oruk.imports.importFiles(network.id, files)
    expect(report.ok).toBe(false)
    expect(report.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: 'services.csv', line: 3, field: 'status' }),
        expect.objectContaining({ file: 'services.csv', line: 4, field: 'id' }),
        expect.objectContaining({ file: 'services.csv', line: 4, field: 'minimum_age' }),
        expect.objectContaining({ file: 'services.csv', line: 4, field: 'email' }),
      ]),
    )
    expect(await servicesOf(network.id)).toEqual([])
    // Rows that are well formed but point nowhere are found in the second pass, still before anything is saved.
    const second = await app.services.oruk.imports.importFiles(network.id, [files[0], { name: 'services.csv', content: `id,organization_id,name,status\n33333333-3333-4333-8333-333333333333,99999999-9999-4999-8999-999999999999,Unknown organisation,active\n` }])
    expect(second.errors).toEqual([expect.objectContaining({ file: 'services.csv', line: 2, field: 'organization_id' })])
    const { db } = await testDatabase()
    expect(await db.select().from(organisations).where(eq(organisations.networkId, network.id))).toEqual([])
  })

  it('reports JSON problems by path', async () => {
    const network = await networkFactory.create()
    const document = { id: org, name: 'Org', description: '', services: [service('44444444-4444-4444-8444-444444444444', { schedules: [{ id: '55555555-5555-4555-8555-555555555555', opens_at: 'nine' }] })] }
    const report = await app.services.oruk.imports.importFiles(network.id, [{ name: 'org.json', content: JSON.stringify(document) }])
    expect(report.errors).toEqual([{ file: 'org.json', line: undefined, path: 'organization.services[0].schedules[0]', field: 'opens_at', message: 'must be a time like 09:30' }])
  })

  it('maps incoming terms to the network’s by name and puts unknown ones under Imported; matches organisations by name', async () => {
    const network = await networkFactory.create()
    const existing = await organisationFactory.create({ networkId: network.id, name: 'Riverside Advice' })
    const serviceId = '66666666-6666-4666-8666-666666666666'
    const document = [
      service(serviceId, {
        organization: { id: org, name: 'riverside advice', description: 'Advice for all' },
        attributes: [
          { id: '77777777-7777-4777-8777-777777777777', taxonomy_term: { id: '88888888-8888-4888-8888-888888888888', name: 'DEBT', description: '' } },
          { id: '99999999-9999-4999-8999-999999999990', taxonomy_term: { id: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', name: 'Pet food', description: '' } },
        ],
      }),
    ]
    const report = await app.services.oruk.imports.importFiles(network.id, [{ name: 'services.json', content: JSON.stringify(document) }])
    expect(report.errors).toEqual([])
    const [row] = await servicesOf(network.id)
    expect(row.organisationId).toBe(existing.id)
    const { db } = await testDatabase()
    const linked = await db
      .select({ code: taxonomyTerms.code, taxonomy: taxonomies.name })
      .from(serviceTaxonomy)
      .innerJoin(taxonomyTerms, eq(taxonomyTerms.id, serviceTaxonomy.termId))
      .innerJoin(taxonomies, eq(taxonomies.id, taxonomyTerms.taxonomyId))
      .where(eq(serviceTaxonomy.serviceId, serviceId))
    expect(linked.sort((a, b) => a.code.localeCompare(b.code))).toEqual([
      { code: 'debt', taxonomy: 'Issues' },
      { code: 'imported-pet-food', taxonomy: 'Imported' },
    ])
    const again = await app.services.oruk.imports.importFiles(network.id, [{ name: 'services.json', content: JSON.stringify(document) }])
    expect(again.ok).toBe(true)
    const imported = await db.select().from(taxonomyTerms).where(and(eq(taxonomyTerms.networkId, network.id), eq(taxonomyTerms.code, 'imported-pet-food-2')))
    expect(imported).toEqual([])
  })
})

describe('exporting', () => {
  it('neutralises cells a spreadsheet would run as a formula', () => {
    expect(neutralise('=HYPERLINK("x")')).toBe(`'=HYPERLINK("x")`)
    expect(neutralise('+44 1234')).toBe(`'+44 1234`)
    expect(neutralise('-1')).toBe(`'-1`)
    expect(neutralise('@SUM(A1)')).toBe(`'@SUM(A1)`)
    expect(neutralise('Plain text')).toBe('Plain text')
  })

  it('exports CSV and JSON that import into another network as the same listings', async () => {
    const network = await networkFactory.create()
    const organisation = await organisationFactory.create({ networkId: network.id, charityNumber: '1123456' })
    const listed = await serviceFactory.transient({ issues: ['debt'] }).create({ networkId: network.id, organisationId: organisation.id, name: '=cmd|calc', description: '@risky', minimumAge: 16 })
    const place = await addLocation(network.id, listed.id, { latitude: 51.5, longitude: -0.07 })
    await addSchedule(network.id, { serviceAtLocationId: place.serviceAtLocationId }, { byday: 'MO', opensAt: '09:00', closesAt: '12:00' })
    await addListingDetails(network.id, listed.id)

    const csv = await app.services.oruk.exports.csv(network.id)
    expect(csv['services.csv']).toContain(`'=cmd|calc`)
    expect(csv['services.csv']).toContain(`'@risky`)
    expect(csv['locations.csv']).toContain('-0.07')
    expect(csv['locations.csv']).not.toContain(`'-0.07`)

    const copy = await networkFactory.create()
    const files = Object.entries(csv).map(([name, content]) => ({ name, content }))
    const report = await app.services.oruk.imports.importFiles(copy.id, files)
    expect(report.errors).toEqual([])
    const [imported] = await servicesOf(copy.id)
    expect(imported).toMatchObject({ name: '=cmd|calc', description: '@risky', minimumAge: 16 })
    const fromCsv = (await app.server.inject({ method: 'GET', url: `/api/networks/${copy.slug}/oruk/services/${imported.id}` })).json() as Record<string, unknown>
    const original = (await app.server.inject({ method: 'GET', url: `/api/networks/${network.slug}/oruk/services/${listed.id}` })).json() as Record<string, unknown>
    for (const key of ['name', 'description', 'minimum_age', 'status']) expect(fromCsv[key]).toEqual(original[key])
    expect((fromCsv.service_at_locations as unknown[]).length).toBe(1)
    expect((fromCsv.contacts as { phones: unknown[] }[])[0].phones).toHaveLength(1)
    expect((fromCsv.attributes as { taxonomy_term: { name: string } }[])[0].taxonomy_term.name).toBe('Debt')

    const json = await app.services.oruk.exports.json(network.id)
    const third = await networkFactory.create()
    const jsonReport = await app.services.oruk.imports.importFiles(third.id, [{ name: 'export.json', content: JSON.stringify(json) }])
    expect(jsonReport.errors).toEqual([])
    expect((await servicesOf(third.id)).map((row) => row.name)).toEqual(['=cmd|calc'])
  })
})

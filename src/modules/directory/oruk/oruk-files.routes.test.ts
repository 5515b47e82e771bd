import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import type { App } from '../../../app.js'
import { services } from '../../../db/schema/index.js'
import { networkWithPeople } from '../../../../test/factories.js'
import { serviceFactory } from '../../../../test/directory-factories.js'
import { testApp } from '../../../../test/support/app.js'
import { testDatabase } from '../../../../test/support/database.js'
import { signIn } from '../../../../test/support/sign-in.js'

let app: App
beforeAll(async () => {
  app = await testApp()
})
afterAll(async () => {
  await app.server.close()
})

const organisationId = '0c6b2f3e-1d4a-4b5c-8d7e-6f5a4b3c2d1e'
const servicesCsv = (status: string) => `id,organization_id,name,status\nd3a1c2b4-5e6f-4a7b-8c9d-0e1f2a3b4c5d,${organisationId},Benefits Clinic,${status}\n`
const organisationsCsv = `id,name,description\n${organisationId},Imported Advice Centre,Advice\n`

describe('the coordinator’s import and export page', () => {
  it('imports uploaded CSV files with the form’s CSRF token, and lists the problems of a bad upload', async () => {
    const { network, coordinator } = await networkWithPeople()
    const browser = await signIn(app, coordinator)
    const bad = await browser.upload('/directory/import', {}, [
      { field: 'files', name: 'organizations.csv', content: organisationsCsv },
      { field: 'files', name: 'services.csv', content: servicesCsv('paused') },
    ])
    expect(bad.status).toBe(400)
    expect(bad.body).toContain('Nothing was imported')
    expect(bad.body).toContain('services.csv')
    const { db } = await testDatabase()
    expect(await db.select().from(services).where(eq(services.networkId, network.id))).toEqual([])

    const good = await browser.upload('/directory/import', {}, [
      { field: 'files', name: 'organizations.csv', content: organisationsCsv },
      { field: 'files', name: 'services.csv', content: servicesCsv('active') },
    ])
    expect(good.status).toBe(200)
    expect(good.body).toContain('The directory has been imported.')
    const rows = await db.select().from(services).where(eq(services.networkId, network.id))
    expect(rows.map((row) => row.name)).toEqual(['Benefits Clinic'])
  })

  it('refuses an upload without the CSRF token', async () => {
    const { coordinator } = await networkWithPeople()
    const browser = await signIn(app, coordinator)
    await browser.get('/directory/import')
    const boundary = 'x-boundary'
    const response = await app.server.inject({
      method: 'POST',
      url: '/directory/import',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="services.csv"\r\n\r\n${servicesCsv('active')}\r\n--${boundary}--\r\n`,
    })
    expect(response.statusCode).toBe(403)
  })

  it('is for coordinators only, and downloads CSV with formulas neutralised', async () => {
    const { network, organisation, coordinator, referrer } = await networkWithPeople()
    await serviceFactory.create({ networkId: network.id, organisationId: organisation.id, name: '=HYPERLINK("http://evil")' })
    const staff = await signIn(app, referrer)
    expect((await staff.get('/directory/import')).status).toBe(403)
    expect((await staff.get('/directory/export.json')).status).toBe(403)
    const browser = await signIn(app, coordinator)
    const page = await browser.get('/directory/import')
    expect(page.status).toBe(200)
    expect(page.body).toContain('/directory/export/services.csv')
    const csv = await browser.get('/directory/export/services.csv')
    expect(csv.status).toBe(200)
    expect(csv.headers['content-type']).toContain('text/csv')
    expect(csv.body).toContain(`"'=HYPERLINK(""http://evil"")"`)
    const json = await browser.get('/directory/export.json')
    expect(JSON.parse(json.body)).toEqual([expect.objectContaining({ name: '=HYPERLINK("http://evil")' })])
    expect((await browser.get('/directory/export/users.csv')).status).toBe(404)
  })
})

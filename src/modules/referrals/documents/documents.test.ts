import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../../app.js'
import { auditLog, documents } from '../../../db/schema/index.js'
import { addMembership, networkWithPeople, organisationFactory, userFactory } from '../../../../test/factories.js'
import { serviceFactory } from '../../../../test/directory-factories.js'
import { clientFactory, consentFactory, intakeFactory, referralFactory } from '../../../../test/referral-factories.js'
import { testApp } from '../../../../test/support/app.js'
import { testDatabase } from '../../../../test/support/database.js'
import { signIn } from '../../../../test/support/sign-in.js'
import { detectDocumentType } from './document-types.js'

const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\nJim Hargreaves tenancy letter\ntrailer << >>\n%%EOF\n')

async function intakeWithPeople() {
  const people = await networkWithPeople()
  const { network, organisation, referrer } = people
  const client = await clientFactory.create({ networkId: network.id, organisationId: organisation.id })
  await consentFactory.create({ networkId: network.id, clientId: client.id, recordedBy: referrer.id, recordedByOrganisationId: organisation.id })
  const intake = await intakeFactory.create({ networkId: network.id, organisationId: organisation.id, clientId: client.id })
  return { ...people, client, intake }
}

describe('documents', () => {
  let app: App
  beforeAll(async () => {
    app = await testApp()
  })
  afterAll(async () => {
    await app.server.close()
  })

  it('stores an upload encrypted and gives the same bytes back to whoever may see the client, auditing each download', async () => {
    const { network, organisation, referrer, client, intake } = await intakeWithPeople()
    const browser = await signIn(app, referrer)
    const response = await browser.upload(`/intakes/${intake.id}/documents`, {}, [{ field: 'document', name: 'tenancy letter.pdf', content: pdf }])
    expect(response.status).toBe(303)

    const { db } = await testDatabase()
    const [stored] = await db.select().from(documents).where(eq(documents.intakeId, intake.id))
    expect(stored).toMatchObject({ mediaType: 'application/pdf', sizeBytes: pdf.length, filename: 'tenancy letter.pdf', keyId: 'main', organisationId: organisation.id })
    expect(Buffer.compare(stored.content, pdf)).not.toBe(0)
    expect(stored.content.includes(Buffer.from('Jim Hargreaves'))).toBe(false)

    // A receiving organisation holding a referral within consent may download it too.
    const receiving = await organisationFactory.create({ networkId: network.id })
    const receiver = await userFactory.create()
    await addMembership(receiver, receiving, 'receiver')
    const service = await serviceFactory.create({ networkId: network.id, organisationId: receiving.id })
    await referralFactory.create({ networkId: network.id, intakeId: intake.id, clientId: client.id, fromOrganisationId: organisation.id, serviceId: service.id, toOrganisationId: receiving.id })

    for (const [user, signedIn] of [[referrer, browser], [receiver, await signIn(app, receiver)]] as const) {
      const download = await app.server.inject({ method: 'GET', url: `/documents/${stored.id}`, headers: { cookie: (await cookieOf(signedIn)) } })
      expect(download.statusCode).toBe(200)
      expect(download.rawPayload.equals(pdf)).toBe(true)
      expect(download.headers['content-type']).toBe('application/pdf')
      expect(download.headers['content-disposition']).toContain('attachment')
      expect(download.headers['x-content-type-options']).toBe('nosniff')
      const audited = await db.select().from(auditLog).where(and(eq(auditLog.action, 'document.downloaded'), eq(auditLog.subjectId, stored.id), eq(auditLog.actorUserId, user.id)))
      expect(audited).toHaveLength(1)
    }

    const outsider = await userFactory.create()
    await addMembership(outsider, await organisationFactory.create({ networkId: network.id }), 'referrer')
    expect((await (await signIn(app, outsider)).get(`/documents/${stored.id}`)).status).toBe(404)
    const elsewhere = await networkWithPeople()
    expect((await (await signIn(app, elsewhere.referrer)).get(`/documents/${stored.id}`)).status).toBe(404)
  })

  it('refuses a file whose content is not an accepted type, whatever its name, and saves nothing', async () => {
    const { referrer, intake } = await intakeWithPeople()
    const browser = await signIn(app, referrer)
    const response = await browser.upload(`/intakes/${intake.id}/documents`, {}, [
      { field: 'document', name: 'letter.pdf', content: '#!/bin/sh\necho not a pdf\n' },
    ])
    expect(response.status).toBe(400)
    expect(response.body).toContain('The file must be a PDF, an image')
    expect(response.body).toContain('href="#document"')
    const { db } = await testDatabase()
    expect(await db.select().from(documents).where(eq(documents.intakeId, intake.id))).toEqual([])
  })

  it('refuses a file over 10 MB with a clear message, and saves nothing', async () => {
    const { referrer, intake } = await intakeWithPeople()
    const browser = await signIn(app, referrer)
    const big = Buffer.concat([pdf, Buffer.alloc(10 * 1024 * 1024, 0x20)])
    const response = await browser.upload(`/intakes/${intake.id}/documents`, {}, [{ field: 'document', name: 'scan.pdf', content: big }])
    expect(response.status).toBe(400)
    expect(response.body).toContain('The file must be smaller than 10 MB')
    const { db } = await testDatabase()
    expect(await db.select().from(documents).where(eq(documents.intakeId, intake.id))).toEqual([])
  })

  it('tells Word from Excel in old compound files by content, and refuses unknown content', async () => {
    const compound = (stream: string) => {
      const bytes = Buffer.alloc(2048)
      Buffer.from('d0cf11e0a1b11ae1', 'hex').copy(bytes)
      Buffer.from(stream, 'utf16le').copy(bytes, 1024)
      return bytes
    }
    expect(await detectDocumentType(compound('WordDocument'))).toMatchObject({ extension: 'doc' })
    expect(await detectDocumentType(compound('Workbook'))).toMatchObject({ extension: 'xls' })
    expect(await detectDocumentType(compound('SummaryInformation'))).toBeNull()
    expect(await detectDocumentType(Buffer.from('<html><script>alert(1)</script></html>'))).toBeNull()
  })
})

/** The cookies a signed-in BrowserClient holds, for a raw request that reads the binary body. */
async function cookieOf(browser: unknown): Promise<string> {
  const cookies = (browser as { cookies: Map<string, string> }).cookies
  return [...cookies].map(([name, value]) => `${name}=${value}`).join('; ')
}

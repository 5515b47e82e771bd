import ExcelJS from 'exceljs'
import { parse } from 'csv-parse/sync'
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../../app.js'
import { auditLog } from '../../../db/schema/index.js'
import { addMembership, grantNetworkRole, networkWithPeople, organisationFactory, userFactory } from '../../../../test/factories.js'
import { serviceFactory } from '../../../../test/directory-factories.js'
import { clientFactory, intakeFactory, referralFactory } from '../../../../test/referral-factories.js'
import { testApp } from '../../../../test/support/app.js'
import { testDatabase } from '../../../../test/support/database.js'
import { signIn } from '../../../../test/support/sign-in.js'

const client = {
  name: 'Bronwen Achterberg-Nwosu',
  email: 'bronwen.private@example.net',
  phone: '07700 900777',
  dateOfBirth: '1951-02-03',
  postcode: 'E14 7XJ',
  address: '3 Heron Quay',
}

/** Eight referrals from a foodbank to an advice centre this year, for one distinctive client. */
async function hubNetwork() {
  const people = await networkWithPeople()
  const { network, organisation: foodbank } = people
  const adviceCentre = await organisationFactory.create({ networkId: network.id })
  const service = await serviceFactory.create({ networkId: network.id, organisationId: adviceCentre.id, name: 'Money advice' })
  const analyst = await userFactory.create()
  await grantNetworkRole(analyst, network, 'analyst')
  const person = await clientFactory.create({ networkId: network.id, organisationId: foodbank.id, ...client })
  const intake = await intakeFactory.transient({ issues: ['debt'] }).create({ networkId: network.id, organisationId: foodbank.id, clientId: person.id })
  const sentAt = new Date(Date.now() - 20 * 86_400_000)
  for (let n = 0; n < 8; n++) {
    await referralFactory.create({
      networkId: network.id,
      intakeId: intake.id,
      clientId: person.id,
      fromOrganisationId: foodbank.id,
      serviceId: service.id,
      toOrganisationId: adviceCentre.id,
      sentAt,
      status: n < 6 ? 'accepted' : 'declined',
      declineReason: n < 6 ? null : 'no_capacity',
    })
  }
  return { ...people, analyst, adviceCentre }
}

/** The text of each cell of the page's table with that id. */
function pageTable(body: string, tableId: string): string[][] {
  const table = new RegExp(`data-table-id="${tableId}"[\\s\\S]*?</table>`).exec(body)?.[0] ?? ''
  return [...table.matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)]
    .map((row) => [...row[1].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => cell[1].trim()))
    .filter((row) => row.length > 0)
}

function exportLink(body: string, tableId: string, format: 'csv' | 'xlsx'): string {
  const href = new RegExp(`href="([^"]*/export/${tableId}\\.${format}[^"]*)"`).exec(body)?.[1]
  if (!href) throw new Error(`no ${format} link for ${tableId}`)
  return href.replace(/&amp;/g, '&')
}

describe('exporting the hub’s tables', () => {
  let app: App
  beforeAll(async () => {
    app = await testApp()
  })
  afterAll(async () => {
    await app.server.close()
  })

  it('downloads exactly the table the page shows, for its filters, with nothing personal, audited', async () => {
    const s = await hubNetwork()
    const browser = await signIn(app, s.coordinator)
    const page = await browser.get('/hub')
    expect(page.status).toBe(200)
    const shown = pageTable(page.body, 'referrals-by-status')
    expect(shown.length).toBeGreaterThan(1)

    const link = exportLink(page.body, 'referrals-by-status', 'csv')
    expect(link).toMatch(/^\/hub\/export\/referrals-by-status\.csv\?.*fromYear=/)
    const download = await browser.get(link)
    expect(download.status).toBe(200)
    expect(download.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="${s.network.slug}-referrals-by-status-\\d{4}-\\d{2}-\\d{2}-to-\\d{4}-\\d{2}-\\d{2}\\.csv"$`))
    const rows: string[][] = parse(download.body.replace(/^\ufeff/, ''))
    expect(rows).toEqual(shown)
    for (const value of Object.values(client)) expect(download.body).not.toContain(value)

    const xlsx = await browser.download(exportLink(page.body, 'referrals-by-status', 'xlsx'))
    expect(xlsx.status).toBe(200)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer)
    const sheetRows = (workbook.worksheets[0].getSheetValues() as unknown[][]).slice(4).map((row) => row.slice(1).map(String))
    expect(sheetRows).toEqual(shown)

    const { db } = await testDatabase()
    const audits = await db.select().from(auditLog).where(and(eq(auditLog.networkId, s.network.id), eq(auditLog.action, 'hub.table-exported')))
    expect(audits).toHaveLength(2)
    expect(audits[0]).toMatchObject({ actorUserId: s.coordinator.id, subjectId: 'referrals-by-status', details: { scope: 'network', rows: shown.length - 1 } })
  })

  it('writes small area counts as "fewer than 5"', async () => {
    const s = await hubNetwork()
    // Two referrals from SE1 beside the eight from E14.
    const [service] = await (await testDatabase()).db.query.services.findMany({ where: (services, { eq }) => eq(services.networkId, s.network.id) })
    const elsewhere = await clientFactory.create({ networkId: s.network.id, organisationId: s.organisation.id, postcode: 'SE1 7PB' })
    const intake = await intakeFactory.create({ networkId: s.network.id, organisationId: s.organisation.id, clientId: elsewhere.id })
    for (let n = 0; n < 2; n++) {
      await referralFactory.create({
        networkId: s.network.id,
        intakeId: intake.id,
        clientId: elsewhere.id,
        fromOrganisationId: s.organisation.id,
        serviceId: service.id,
        toOrganisationId: service.organisationId,
        sentAt: new Date(Date.now() - 10 * 86_400_000),
      })
    }
    const browser = await signIn(app, s.analyst)
    const page = await browser.get('/hub')
    expect(page.status).toBe(200)
    const download = await browser.get(exportLink(page.body, 'referrals-by-area', 'csv'))
    expect(download.status).toBe(200)
    const rows: string[][] = parse(download.body.replace(/^\ufeff/, ''))
    expect(rows).toEqual(pageTable(page.body, 'referrals-by-area'))
    expect(rows.find((row) => row[0] === 'SE1')?.[1]).toBe('fewer than 5')
    expect(download.body).not.toContain(client.postcode)
    expect(download.body).not.toContain('SE1 7PB')
  })

  it('lets the analyst export network tables but refuses organisation members, and another network sees only its own', async () => {
    const s = await hubNetwork()
    const other = await hubNetwork()
    const coordinatorPage = await (await signIn(app, s.coordinator)).get('/hub')
    const link = exportLink(coordinatorPage.body, 'referrals-by-status', 'csv')
    expect((await (await signIn(app, s.analyst)).get(link)).status).toBe(200)
    for (const user of [s.referrer, s.receiver, s.admin]) {
      expect((await (await signIn(app, user)).get(link)).status).toBe(403)
    }
    // The other network's coordinator asking the same address gets their network's table, never this one's.
    const theirs = await (await signIn(app, other.coordinator)).get(link)
    expect(theirs.status).toBe(200)
    const { db } = await testDatabase()
    const audits = await db.select().from(auditLog).where(and(eq(auditLog.networkId, other.network.id), eq(auditLog.action, 'hub.table-exported')))
    expect(audits).toHaveLength(1)
  })

  it('gives an organisation admin their own organisation’s tables from its view', async () => {
    const s = await hubNetwork()
    const admin = await userFactory.transient({ totp: true }).create()
    await addMembership(admin, s.adviceCentre, 'organisation_admin')
    const browser = await signIn(app, admin)
    const page = await browser.get('/hub/organisation')
    expect(page.status).toBe(200)
    const link = exportLink(page.body, 'referrals-by-status', 'csv')
    expect(link.startsWith('/hub/organisation/export/')).toBe(true)
    const download = await browser.get(link)
    expect(download.status).toBe(200)
    expect(parse(download.body.replace(/^\ufeff/, ''))).toEqual(pageTable(page.body, 'referrals-by-status'))
    const { db } = await testDatabase()
    const [entry] = await db.select().from(auditLog).where(and(eq(auditLog.networkId, s.network.id), eq(auditLog.action, 'hub.table-exported')))
    expect(entry.details).toMatchObject({ scope: 'organisation', organisationId: s.adviceCentre.id })
    expect((await (await signIn(app, s.referrer)).get(link)).status).toBe(403)
  })
})

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

/** Things that must never leave in an extract: every one is distinctive, so finding it anywhere means a leak. */
const mo = {
  name: 'Mohammed Qasimi-Ferreira',
  email: 'mo.qasimi.private@example.net',
  phone: '07700 900456',
  dateOfBirth: '1980-05-17',
  postcode: 'E14 7XJ',
  address: '12 Larkspur Mews, Poplar',
  dietaryCulturalNeeds: 'Halal, no pork — Zubeida cooks',
}
const leaks = [mo.name, 'Qasimi', mo.email, mo.phone, '07700900456', mo.dateOfBirth, '17/05/1980', '1980', mo.postcode, 'E147XJ', '7XJ', mo.address, 'Larkspur', 'Zubeida']

/** A network with a foodbank referring to an advice centre: three referrals of known shape, and an analyst. */
async function extractNetwork() {
  const people = await networkWithPeople()
  const { network, organisation: foodbank } = people
  const adviceCentre = await organisationFactory.create({ networkId: network.id, name: 'Poplar Advice Centre', type: 'voluntary_community' })
  const debtAdvice = await serviceFactory.create({ networkId: network.id, organisationId: adviceCentre.id, name: 'Debt advice clinic' })
  const analyst = await userFactory.create()
  await grantNetworkRole(analyst, network, 'analyst')

  const client = await clientFactory.create({ networkId: network.id, organisationId: foodbank.id, ...mo })
  const intake = await intakeFactory.transient({ issues: ['debt', 'housing'] }).create({
    networkId: network.id,
    organisationId: foodbank.id,
    clientId: client.id,
    need: `${mo.name} is behind on rent`,
  })
  const base = { networkId: network.id, intakeId: intake.id, clientId: client.id, fromOrganisationId: foodbank.id, serviceId: debtAdvice.id, toOrganisationId: adviceCentre.id }
  // Sent the Thursday before the early May bank holiday, contacted the Tuesday after: 2 working days.
  const completed = await referralFactory.create({
    ...base,
    sentAt: new Date('2026-04-30T09:00:00Z'),
    contactDueOn: '2026-05-12',
    contactedAt: new Date('2026-05-05T10:00:00Z'),
    status: 'completed',
    outcome: 'advice_given,debt_managed',
    justification: `Mo's sister Zubeida asked us to refer`,
    closingNote: `Rang ${mo.name} on ${mo.phone}`,
  })
  const young = await clientFactory.create({ networkId: network.id, organisationId: foodbank.id, name: 'Young Person Unique', dateOfBirth: null, statedAge: 17, statedAgeOn: '2025-01-01', postcode: null, phone: null })
  const youngIntake = await intakeFactory.create({ networkId: network.id, organisationId: foodbank.id, clientId: young.id })
  const overdue = await referralFactory.create({
    ...base,
    intakeId: youngIntake.id,
    clientId: young.id,
    sentAt: new Date('2026-02-10T12:00:00Z'),
    contactDueOn: '2026-02-20',
    status: 'received',
    urgency: 'urgent',
  })
  const declined = await referralFactory.create({ ...base, sentAt: new Date('2026-03-02T12:00:00Z'), contactDueOn: '2026-03-12', status: 'declined', declineReason: 'no_capacity' })
  return { ...people, foodbank, adviceCentre, analyst, completed, overdue, declined }
}

function csvRows(body: string): Record<string, string>[] {
  return parse(body.replace(/^\ufeff/, ''), { columns: true })
}

describe('the anonymised referral extract', () => {
  let app: App
  beforeAll(async () => {
    app = await testApp()
  })
  afterAll(async () => {
    await app.server.close()
  })

  it('gives the coordinator one row per referral with bands and districts, and nothing that names or reaches a person', async () => {
    const s = await extractNetwork()
    const other = await extractNetwork()
    const browser = await signIn(app, s.coordinator)
    const response = await browser.get('/hub/export/referrals.csv')
    expect(response.status).toBe(200)
    expect(response.headers['content-type']).toContain('text/csv')
    expect(response.headers['content-disposition']).toBe(`attachment; filename="${s.network.slug}-referrals-anonymised.csv"`)
    for (const leak of [...leaks, s.completed.reference, s.overdue.reference, 'Young Person Unique', 'behind on rent', s.completed.id, s.completed.clientId]) {
      expect(response.body).not.toContain(leak)
    }
    const rows = csvRows(response.body)
    expect(rows).toHaveLength(3)
    expect(rows.map((row) => row['Month sent'])).toEqual(['2026-02', '2026-03', '2026-04'])
    const [overdue, declined, completed] = rows
    expect(completed).toMatchObject({
      'From organisation': s.foodbank.name,
      'To organisation': 'Poplar Advice Centre',
      'To organisation type': 'Voluntary or community',
      Service: 'Debt advice clinic',
      Issues: 'Debt; Housing',
      Status: 'Completed',
      Outcome: 'Advice given; Debt dealt with or managed',
      'Decline reason': '',
      Urgency: 'Standard',
      'Working days to first contact': '2',
      'Contacted within the working days': 'yes',
      'Age band': '45-54',
      'Postcode district': 'E14',
    })
    expect(overdue).toMatchObject({ Status: 'Received', Urgency: 'Urgent', 'Working days to first contact': '', 'Contacted within the working days': 'no', 'Age band': '18-24', 'Postcode district': 'unknown', Issues: '' })
    expect(declined).toMatchObject({ Status: 'Declined', 'Decline reason': 'No capacity', 'Contacted within the working days': '' })
    expect(response.body).not.toContain(other.foodbank.name === s.foodbank.name ? '\u0000' : other.foodbank.name)

    const { db } = await testDatabase()
    const audits = await db.select().from(auditLog).where(and(eq(auditLog.networkId, s.network.id), eq(auditLog.action, 'hub.extract-exported')))
    expect(audits).toHaveLength(1)
    expect(audits[0]).toMatchObject({ actorUserId: s.coordinator.id, subjectId: 'referrals', details: { format: 'csv', rows: 3, filters: { from: null, to: null } } })
  })

  it('narrows to a period, and streams the same rows as XLSX in Welsh', async () => {
    const s = await extractNetwork()
    const browser = await signIn(app, s.coordinator)
    const march = csvRows((await browser.get('/hub/export/referrals.csv?from=2026-03-01&to=2026-04-30&to_ignored=1')).body)
    expect(march.map((row) => row['Month sent'])).toEqual(['2026-03', '2026-04'])
    // The last day counts whole: the 30 April referral was sent that morning.
    expect(csvRows((await browser.get('/hub/export/referrals.csv?from=nonsense&to=2026-04-29')).body)).toHaveLength(2)

    await browser.get('/?lang=cy')
    const download = await browser.download('/hub/export/referrals.xlsx?from=2026-01-01')
    expect(download.status).toBe(200)
    expect(download.headers['content-type']).toContain('spreadsheetml')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(download.bytes as unknown as ArrayBuffer)
    const sheet = workbook.worksheets[0]
    expect(sheet.rowCount).toBe(4)
    const text = JSON.stringify(sheet.getSheetValues())
    for (const leak of [...leaks, s.completed.reference]) expect(text).not.toContain(leak)
    expect(sheet.getRow(4).getCell(12).value).toBe(2)
    expect(sheet.getRow(4).getCell(15).value).toBe('E14')
    expect(sheet.getRow(1).getCell(1).value).toBe('Mis anfon')
    expect(sheet.getRow(4).getCell(7).value).toBe('Dyled; Tai')

    const { db } = await testDatabase()
    const audits = await db.select().from(auditLog).where(and(eq(auditLog.networkId, s.network.id), eq(auditLog.action, 'hub.extract-exported')))
    expect(audits.map((entry) => (entry.details as { rows: number; format: string }).format).sort()).toEqual(['csv', 'csv', 'xlsx'])
    expect(audits.find((entry) => (entry.details as { format: string }).format === 'xlsx')?.details).toMatchObject({ rows: 3, filters: { from: '2026-01-01', to: null } })
  })

  it('is for the coordinator only: analysts, organisation admins and referrers are refused, and nothing is audited', async () => {
    const s = await extractNetwork()
    const receiver = await userFactory.create()
    await addMembership(receiver, s.adviceCentre, 'receiver')
    for (const user of [s.analyst, s.admin, s.referrer, receiver]) {
      const browser = await signIn(app, user)
      for (const format of ['csv', 'xlsx']) {
        const response = await browser.get(`/hub/export/referrals.${format}`)
        expect(response.status).toBe(403)
        for (const leak of ['Debt advice clinic', 'Month sent']) expect(response.body).not.toContain(leak)
      }
    }
    const anonymous = await app.server.inject({ method: 'GET', url: '/hub/export/referrals.csv' })
    expect([302, 303, 401]).toContain(anonymous.statusCode)
    expect((await (await signIn(app, s.coordinator)).get('/hub/export/referrals.pdf')).status).toBe(404)
    const { db } = await testDatabase()
    const audits = await db.select().from(auditLog).where(and(eq(auditLog.networkId, s.network.id), eq(auditLog.action, 'hub.extract-exported')))
    expect(audits).toHaveLength(0)
  })
})

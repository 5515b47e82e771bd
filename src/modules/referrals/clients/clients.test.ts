import { randomUUID } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../../app.js'
import { auditLog, clients, intakeIssues, intakes } from '../../../db/schema/index.js'
import { addMembership, grantNetworkRole, networkFactory, networkWithPeople, organisationFactory, userFactory } from '../../../../test/factories.js'
import { serviceFactory, termIdsByCode } from '../../../../test/directory-factories.js'
import { clientFactory, consentFactory, intakeFactory, referralFactory } from '../../../../test/referral-factories.js'
import { testApp } from '../../../../test/support/app.js'
import { testDatabase } from '../../../../test/support/database.js'
import { signIn } from '../../../../test/support/sign-in.js'
import { loadIntakeForSending } from './clients.service.js'

/** The intake form as a worker fills it in for Mo (see DESIGN.md's personas). */
function intakeForm(terms: Record<string, string>, overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    name: `Mo Ahmadi ${randomUUID().slice(0, 6)}`,
    dobDay: '4',
    dobMonth: '11',
    dobYear: '2001',
    age: '',
    phone: '07700 900456',
    email: '',
    address: '',
    postcode: 'e1 6an',
    preferredContactMethod: 'phone',
    contactTimes: 'Afternoons',
    safeToLeaveMessage: 'no',
    language: 'fa',
    interpreterNeeded: 'yes',
    accessibilityNeeds: '',
    nrpf: 'yes',
    household: 'single_adult',
    dietaryCulturalNeeds: 'Halal food only',
    need: 'Food parcels do not fit his diet; needs immigration advice for his appeal.',
    issues: [terms['food-support'], terms.immigration],
    urgency: 'urgent',
    ...overrides,
  }
}

describe('intake: the client tells their story once', () => {
  let app: App
  beforeAll(async () => {
    app = await testApp()
  })
  afterAll(async () => {
    await app.server.close()
  })

  it('records the client, the need and its issues together, then asks for consent', async () => {
    const { network, organisation, referrer } = await networkWithPeople()
    const terms = await termIdsByCode(network.id)
    const browser = await signIn(app, referrer)
    const form = intakeForm(terms)
    const response = await browser.submit('/clients/new', form)
    expect(response.status).toBe(303)

    const { db } = await testDatabase()
    const [client] = await db.select().from(clients).where(and(eq(clients.networkId, network.id), eq(clients.name, form.name as string)))
    expect(client).toMatchObject({
      organisationId: organisation.id,
      dateOfBirth: '2001-11-04',
      postcode: 'E1 6AN',
      language: 'fa',
      interpreterNeeded: true,
      nrpf: true,
      safeToLeaveMessage: false,
      household: 'single_adult',
      dietaryCulturalNeeds: 'Halal food only',
      createdBy: referrer.id,
    })
    const [intake] = await db.select().from(intakes).where(eq(intakes.clientId, client.id))
    expect(intake).toMatchObject({ urgency: 'urgent', organisationId: organisation.id })
    expect(response.location).toBe(`/intakes/${intake.id}/consent`)
    const issues = await db.select().from(intakeIssues).where(eq(intakeIssues.intakeId, intake.id))
    expect(issues.map((issue) => issue.termId).sort()).toEqual([terms['food-support'], terms.immigration].sort())
  })

  it('requires a name, a way to contact them and the need, keeps what was typed, and saves nothing', async () => {
    const { network, referrer } = await networkWithPeople()
    const terms = await termIdsByCode(network.id)
    const browser = await signIn(app, referrer)
    const form = intakeForm(terms, { name: '', phone: '', preferredContactMethod: '', need: ' ', dietaryCulturalNeeds: 'Kept: vegetarian' })
    const response = await browser.submit('/clients/new', form)
    expect(response.status).toBe(400)
    expect(response.body).toContain('govuk-error-summary')
    expect(response.body).toContain('href="#name"')
    expect(response.body).toContain('href="#phone"')
    expect(response.body).toContain('href="#need"')
    expect(response.body).toContain('Enter at least one way to contact them')
    expect(response.body).toContain('Kept: vegetarian')
    const { db } = await testDatabase()
    expect(await db.select().from(clients).where(eq(clients.networkId, network.id))).toEqual([])
  })

  it('offers possible duplicates (same name, any case, same date of birth) and can add a need to the existing client', async () => {
    const { network, organisation, referrer } = await networkWithPeople()
    const terms = await termIdsByCode(network.id)
    const existing = await clientFactory.create({ networkId: network.id, organisationId: organisation.id, name: 'Jim Hargreaves', dateOfBirth: '1947-02-01' })
    const browser = await signIn(app, referrer)
    const form = intakeForm(terms, { name: 'jim  HARGREAVES', dobDay: '1', dobMonth: '2', dobYear: '1947' })
    const offered = await browser.submit('/clients/new', form)
    expect(offered.status).toBe(200)
    expect(offered.body).toContain('Is this the same person?')
    expect(offered.body).toContain(`value="${existing.id}"`)
    const { db } = await testDatabase()
    expect(await db.select().from(clients).where(eq(clients.networkId, network.id))).toHaveLength(1)

    // The duplicates page carries the form on; choosing the existing client adds a need to their record.
    const hidden = [...offered.body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].filter(([, name]) => name !== '_csrf')
    const fields: Record<string, string | string[]> = {}
    for (const [, name, value] of hidden) {
      const decoded = value.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&')
      fields[name] = name in fields ? [fields[name] as string, decoded].flat() : decoded
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(offered.body)![1]
    const chosen = await browser.post('/clients/new', { ...fields, sameAs: existing.id, _csrf: token })
    expect(chosen.status).toBe(303)
    expect(await db.select().from(clients).where(eq(clients.networkId, network.id))).toHaveLength(1)
    const [intake] = await db.select().from(intakes).where(eq(intakes.clientId, existing.id))
    expect(intake.need).toBe(form.need)

    // Or "someone else": a second record.
    const again = await browser.submit('/clients/new', { ...form, sameAs: 'new' })
    expect(again.status).toBe(303)
    expect(await db.select().from(clients).where(eq(clients.networkId, network.id))).toHaveLength(2)
  })

  it('gives the client page to the holder and to receivers within consent, audits each view, and hides it from everyone else', async () => {
    const { network, organisation, referrer, coordinator } = await networkWithPeople()
    const receiving = await organisationFactory.create({ networkId: network.id })
    const receiver = await userFactory.create()
    await addMembership(receiver, receiving, 'receiver')
    const bystanding = await organisationFactory.create({ networkId: network.id })
    const bystander = await userFactory.create()
    await addMembership(bystander, bystanding, 'referrer')
    const elsewhere = await networkWithPeople()

    const client = await clientFactory.create({ networkId: network.id, organisationId: organisation.id, name: 'Amira Begum' })
    await consentFactory.create({ networkId: network.id, clientId: client.id, recordedBy: referrer.id, recordedByOrganisationId: organisation.id })
    const intake = await intakeFactory.create({ networkId: network.id, organisationId: organisation.id, clientId: client.id })
    const service = await serviceFactory.create({ networkId: network.id, organisationId: receiving.id })
    const referral = await referralFactory.create({
      networkId: network.id, intakeId: intake.id, clientId: client.id, fromOrganisationId: organisation.id, serviceId: service.id, toOrganisationId: receiving.id,
    })

    const holder = await signIn(app, referrer)
    const page = await holder.get(`/clients/${client.id}`)
    expect(page.status).toBe(200)
    expect(page.body).toContain('Amira Begum')
    expect(page.body).toContain(`/referrals/${referral.id}`)
    expect(page.body).toContain(referral.reference)
    expect((await holder.get(`/intakes/${intake.id}`)).status).toBe(200)
    expect((await holder.get('/clients?q=amira')).body).toContain(`/clients/${client.id}`)

    const atReceiver = await signIn(app, receiver)
    expect((await atReceiver.get(`/clients/${client.id}`)).status).toBe(200)

    const { db } = await testDatabase()
    const views = await db.select().from(auditLog).where(and(eq(auditLog.action, 'client.viewed'), eq(auditLog.subjectId, client.id)))
    expect(views.map((view) => view.actorUserId).sort()).toEqual([referrer.id, referrer.id, receiver.id].sort())
    expect(JSON.stringify(views.map((view) => view.details))).not.toContain('Amira')
    const listed = await db.select().from(auditLog).where(and(eq(auditLog.action, 'clients.listed'), eq(auditLog.actorUserId, referrer.id)))
    expect(listed.map((row) => row.details)).toEqual([{ clientIds: [client.id] }])

    for (const outsider of [bystander, coordinator, elsewhere.referrer]) {
      const browser = await signIn(app, outsider)
      expect((await browser.get(`/clients/${client.id}`)).status).toBe(404)
      expect((await browser.get(`/intakes/${intake.id}`)).status).toBe(404)
      expect((await browser.get(`/intakes/${intake.id}/consent`)).status).toBe(404)
      expect((await browser.get('/clients?q=amira')).body).not.toContain('Amira')
    }
  })

  it('gives the sending step the intake, its issues and what eligibility needs, only to whoever may see the client', async () => {
    const { network, organisation, referrer } = await networkWithPeople()
    const client = await clientFactory.create({
      networkId: network.id, organisationId: organisation.id, dateOfBirth: null, statedAge: 40, statedAgeOn: '2020-01-01', nrpf: null, household: 'couple', language: 'bn',
    })
    const intake = await intakeFactory.transient({ issues: ['debt', 'housing'] }).create({ networkId: network.id, organisationId: organisation.id, clientId: client.id })
    const { loadActor } = await import('../../../platform/access/actor.js')
    const { db } = await testDatabase()
    const caller = { actor: await loadActor(db, referrer.id), language: 'en' as const }
    const loaded = await loadIntakeForSending(db, caller, intake.id, new Date('2025-06-01T12:00:00Z'))
    expect(loaded.intake.id).toBe(intake.id)
    expect(loaded.issues.map((issue) => issue.code).sort()).toEqual(['debt', 'housing'])
    expect(loaded.client).toMatchObject({ age: 45, postcode: 'E1 6AN', nrpf: 'unknown', household: 'couple', language: 'bn' })

    const other = await networkFactory.create()
    const stranger = await userFactory.create()
    await grantNetworkRole(stranger, other, 'coordinator')
    await expect(loadIntakeForSending(db, { actor: await loadActor(db, stranger.id), language: 'en' }, intake.id)).rejects.toMatchObject({ statusCode: 404 })
  })
})

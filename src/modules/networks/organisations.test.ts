import { randomUUID } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../app.js'
import { auditLog, invitations, organisations, outbox } from '../../db/schema/index.js'
import { addMembership, networkFactory, networkWithPeople, organisationFactory, userFactory } from '../../../test/factories.js'
import { testApp } from '../../../test/support/app.js'
import { BrowserClient } from '../../../test/support/browser-client.js'
import { testDatabase } from '../../../test/support/database.js'
import { signIn } from '../../../test/support/sign-in.js'

const newOrganisation = (suffix: string) => ({
  name: `Northbank Foodbank ${suffix}`,
  type: 'foodbank',
  charityNumber: '1134890',
  companyNumber: '7012345',
  statutory: 'no',
  adminName: 'Janet Murphy',
  adminEmail: `janet-${suffix}@northbank.example`,
})

describe('organisations', () => {
  let app: App
  beforeAll(async () => {
    app = await testApp()
  })
  afterAll(async () => {
    await app.server.close()
  })

  it('lets the coordinator onboard an organisation: the organisation, its admin’s invitation and email, and the audit row', async () => {
    const { network, coordinator } = await networkWithPeople()
    const browser = await signIn(app, coordinator)
    const suffix = randomUUID().slice(0, 8)
    const response = await browser.submit('/organisations/new', newOrganisation(suffix))
    expect(response.status).toBe(303)

    const { db } = await testDatabase()
    const [organisation] = await db
      .select()
      .from(organisations)
      .where(and(eq(organisations.networkId, network.id), eq(organisations.name, `Northbank Foodbank ${suffix}`)))
    expect(organisation).toMatchObject({ type: 'foodbank', charityNumber: '1134890', companyNumber: '07012345', statutory: false })
    expect(response.location).toBe(`/organisations/${organisation.id}`)

    const [invitation] = await db.select().from(invitations).where(eq(invitations.organisationId, organisation.id))
    expect(invitation).toMatchObject({ networkId: network.id, email: `janet-${suffix}@northbank.example`, role: 'organisation_admin', invitedBy: coordinator.id })
    const mail = await db.select().from(outbox).where(eq(outbox.toAddress, `janet-${suffix}@northbank.example`))
    expect(mail).toHaveLength(1)
    expect(mail[0].bodyText).toContain('/invitations/')
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'organisation.created'), eq(auditLog.subjectId, organisation.id)))
    expect(entry).toMatchObject({ networkId: network.id, actorUserId: coordinator.id })

    const page = await browser.follow(response)
    expect(page.body).toContain('Organisation added')
    expect(page.body).toContain(`janet-${suffix}@northbank.example`)
  })

  it('shows every problem with the error summary, keeps what was typed and saves nothing', async () => {
    const { network, coordinator } = await networkWithPeople()
    const browser = await signIn(app, coordinator)
    const suffix = randomUUID().slice(0, 8)
    const response = await browser.submit('/organisations/new', {
      ...newOrganisation(suffix),
      type: '',
      charityNumber: '12-34',
      companyNumber: 'ABC',
      adminEmail: 'not an email',
    })
    expect(response.status).toBe(400)
    expect(response.body).toContain('There is a problem')
    for (const field of ['type', 'charityNumber', 'companyNumber', 'adminEmail']) expect(response.body).toContain(`href="#${field}"`)
    expect(response.body).toContain(`value="Northbank Foodbank ${suffix}"`)
    expect(response.body).toContain('value="12-34"')
    expect(response.body).toContain('value="not an email"')

    const { db } = await testDatabase()
    expect(await db.select().from(organisations).where(eq(organisations.networkId, network.id))).toHaveLength(1)
    expect(await db.select().from(invitations).where(eq(invitations.networkId, network.id))).toHaveLength(0)
  })

  it('refuses a name the network already has, with nothing half-saved', async () => {
    const { network, organisation, coordinator } = await networkWithPeople()
    const browser = await signIn(app, coordinator)
    const suffix = randomUUID().slice(0, 8)
    const response = await browser.submit('/organisations/new', { ...newOrganisation(suffix), name: organisation.name.toUpperCase() })
    expect(response.status).toBe(400)
    expect(response.body).toContain('There is already an organisation with this name')
    expect(response.body).toContain('href="#name"')

    const { db } = await testDatabase()
    expect(await db.select().from(organisations).where(eq(organisations.networkId, network.id))).toHaveLength(1)
    expect(await db.select().from(invitations).where(eq(invitations.networkId, network.id))).toHaveLength(0)
    expect(await db.select().from(outbox).where(eq(outbox.toAddress, `janet-${suffix}@northbank.example`))).toHaveLength(0)
  })

  it('marks councils, the NHS and schools statutory unless told otherwise', async () => {
    const { network, coordinator } = await networkWithPeople()
    const browser = await signIn(app, coordinator)
    const suffix = randomUUID().slice(0, 8)
    const response = await browser.submit('/organisations/new', {
      ...newOrganisation(suffix),
      name: `Riverside Borough Council ${suffix}`,
      type: 'local_authority',
      charityNumber: '',
      companyNumber: '',
      statutory: '',
    })
    expect(response.status).toBe(303)
    const { db } = await testDatabase()
    const [council] = await db
      .select()
      .from(organisations)
      .where(and(eq(organisations.networkId, network.id), eq(organisations.type, 'local_authority')))
    expect(council).toMatchObject({ statutory: true, charityNumber: null, companyNumber: null })
  })

  it('lists the network’s organisations, with type and statutory tags, to any member', async () => {
    const { network, organisation, referrer } = await networkWithPeople()
    const school = await organisationFactory.create({ networkId: network.id, name: `St Mary’s ${randomUUID().slice(0, 6)}`, type: 'school', statutory: true })
    const browser = await signIn(app, referrer)
    const page = await browser.get('/organisations')
    expect(page.status).toBe(200)
    expect(page.body).toContain(organisation.name)
    expect(page.body).toContain(`href="/organisations/${school.id}"`)
    expect(page.body).toContain('School or college')
    expect(page.body).toContain('Statutory')
    expect(page.body).not.toContain('Add an organisation')
    expect((await browser.get('/organisations/new')).status).toBe(403)
  })

  it('shows an organisation’s details to members; people only to its admins and the coordinator', async () => {
    const { network, organisation, coordinator, admin, referrer } = await networkWithPeople()
    const other = await organisationFactory.create({ networkId: network.id })
    const otherAdmin = await userFactory.transient({ totp: true }).create()
    await addMembership(otherAdmin, other, 'organisation_admin')

    const asReferrer = await signIn(app, referrer)
    const seenByReferrer = await asReferrer.get(`/organisations/${organisation.id}`)
    expect(seenByReferrer.status).toBe(200)
    expect(seenByReferrer.body).toContain(organisation.name)
    expect(seenByReferrer.body).not.toContain(admin.email)

    const asAdmin = await signIn(app, admin)
    expect((await asAdmin.get(`/organisations/${organisation.id}`)).body).toContain(referrer.email)
    expect((await asAdmin.get(`/organisations/${other.id}`)).body).not.toContain(otherAdmin.email)

    const asCoordinator = await signIn(app, coordinator)
    const seenByCoordinator = await asCoordinator.get(`/organisations/${other.id}`)
    expect(seenByCoordinator.body).toContain(otherAdmin.email)
    expect(seenByCoordinator.body).toContain(`href="/organisations/${other.id}/edit"`)
  })

  it('lets the coordinator change an organisation’s details, audited; nobody else', async () => {
    const { organisation, coordinator, admin } = await networkWithPeople()
    const asAdmin = await signIn(app, admin)
    expect((await asAdmin.get(`/organisations/${organisation.id}/edit`)).status).toBe(403)

    const browser = await signIn(app, coordinator)
    const form = await browser.get(`/organisations/${organisation.id}/edit`)
    expect(form.body).toContain(`value="${organisation.name}"`)
    const response = await browser.submit(`/organisations/${organisation.id}/edit`, {
      name: `${organisation.name} (Eastfield)`,
      type: 'housing',
      charityNumber: 'sc012345',
      companyNumber: '',
      statutory: 'no',
    })
    expect(response.status).toBe(303)
    const { db } = await testDatabase()
    const [updated] = await db.select().from(organisations).where(eq(organisations.id, organisation.id))
    expect(updated).toMatchObject({ name: `${organisation.name} (Eastfield)`, type: 'housing', charityNumber: 'SC012345' })
    const entries = await db.select().from(auditLog).where(and(eq(auditLog.action, 'organisation.updated'), eq(auditLog.subjectId, organisation.id)))
    expect(entries).toHaveLength(1)
  })
})

describe('home', () => {
  let app: App
  beforeAll(async () => {
    app = await testApp()
  })
  afterAll(async () => {
    await app.server.close()
  })

  it('explains the service and offers sign-in to someone signed out', async () => {
    await networkFactory.create()
    const page = await new BrowserClient(app.server).get('/')
    expect(page.status).toBe(200)
    expect(page.body).toContain('href="/sign-in"')
    expect(page.body).not.toContain('Create your network')
  })

  it('shows the coordinator the network at a glance', async () => {
    const { network, organisation, coordinator } = await networkWithPeople()
    await organisationFactory.create({ networkId: network.id })
    const browser = await signIn(app, coordinator)
    await browser.submit(`/organisations/${organisation.id}/users/invite`, { name: 'Sam Lee', email: `sam-${randomUUID()}@example.org`, role: 'referrer' })
    const page = await browser.get('/')
    expect(page.status).toBe(200)
    const counts = /data-testid="network-counts"[\s\S]*?<\/dl>/.exec(page.body)?.[0] ?? ''
    const values = [...counts.matchAll(/govuk-summary-list__value">\s*([^<]*?)\s*</g)].map((match) => match[1])
    // 2 organisations; coordinator, admin, referrer and receiver; 1 invitation waiting.
    expect(values).toEqual(['2', '4', '1'])
    expect(page.body).toContain(network.name)
  })

  it('shows others their organisation and role', async () => {
    const { network, organisation, receiver } = await networkWithPeople()
    const browser = await signIn(app, receiver)
    const page = await browser.get('/')
    expect(page.status).toBe(200)
    expect(page.body).toContain(network.name)
    expect(page.body).toContain(organisation.name)
    expect(page.body).toContain('Receiver')
    expect(page.body).not.toContain('data-testid="network-counts"')
  })
})

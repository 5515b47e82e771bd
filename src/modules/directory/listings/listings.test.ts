import { randomUUID } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../../app.js'
import { addresses, auditLog, locations, phones, schedules, serviceAtLocations, serviceTaxonomy, services } from '../../../db/schema/index.js'
import { addMembership, networkWithPeople, organisationFactory, userFactory } from '../../../../test/factories.js'
import { serviceFactory, termIdsByCode } from '../../../../test/directory-factories.js'
import { testApp } from '../../../../test/support/app.js'
import { testDatabase } from '../../../../test/support/database.js'
import { signIn } from '../../../../test/support/sign-in.js'

/** A complete, valid listing form as an admin would fill it in. */
function listingForm(terms: Record<string, string>, overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    name: `Eastside Debt Advice ${randomUUID().slice(0, 6)}`,
    description: 'Free debt advice: budgeting, negotiating with creditors, debt relief orders.',
    url: 'https://eastside.example.org/debt',
    fees: '',
    issues: [terms.debt, terms['welfare-benefit']],
    minimumAge: '18',
    maximumAge: '',
    acceptsNrpf: 'yes',
    householdTypes: ['single_adult', 'family_with_children'],
    areaDistricts: 'e1, E2 e14',
    areaRadiusKm: '',
    referralCriteria: 'Adults living in Tower Hamlets with priority debts.',
    howServiceContactsClients: 'We phone the client within 3 working days.',
    contactSlaDays: '3',
    locationName: 'Eastside Community Centre',
    address1: '12 Commercial Road',
    address2: '',
    city: 'London',
    postcode: 'e1 1aa',
    accessibility: 'Step-free entrance',
    opensMO: '09:00',
    closesMO: '17:00',
    opensWE: '10:00',
    closesWE: '13:30',
    contactName: 'Debt team',
    phone: '020 7946 0000',
    email: 'debt@eastside.example.org',
    deliveryChannels: ['phone', 'in_person'],
    languages: ['en', 'bn'],
    interpreting: 'Telephone interpreting on request',
    ...overrides,
  }
}

describe('directory listings', () => {
  let app: App
  beforeAll(async () => {
    app = await testApp()
  })
  afterAll(async () => {
    await app.server.close()
  })

  it('lets an organisation admin add a service with its eligibility and issues, stored and shown to the network', async () => {
    const { network, organisation, admin, referrer } = await networkWithPeople()
    const terms = await termIdsByCode(network.id)
    const browser = await signIn(app, admin)
    const form = listingForm(terms)
    const response = await browser.submit('/services/new', form)
    expect(response.status).toBe(303)

    const { db } = await testDatabase()
    const [service] = await db.select().from(services).where(and(eq(services.networkId, network.id), eq(services.name, form.name as string)))
    expect(response.location).toBe(`/services/${service.id}`)
    expect(service).toMatchObject({
      organisationId: organisation.id,
      minimumAge: 18,
      maximumAge: null,
      acceptsNrpf: true,
      householdTypes: ['single_adult', 'family_with_children'],
      areaDistricts: ['E1', 'E2', 'E14'],
      contactSlaDays: 3,
      deliveryChannels: ['phone', 'in_person'],
      languages: ['en', 'bn'],
      areaCentrePostcode: 'E1 1AA',
    })
    const tagged = await db.select().from(serviceTaxonomy).where(eq(serviceTaxonomy.serviceId, service.id))
    expect(tagged.map((row) => row.termId).sort()).toEqual([terms.debt, terms['welfare-benefit']].sort())
    const [link] = await db.select().from(serviceAtLocations).where(eq(serviceAtLocations.serviceId, service.id))
    const [address] = await db.select().from(addresses).where(eq(addresses.locationId, link.locationId))
    expect(address).toMatchObject({ address1: '12 Commercial Road', city: 'London', postalCode: 'E1 1AA' })
    const [location] = await db.select().from(locations).where(eq(locations.id, link.locationId))
    expect(location.organisationId).toBe(organisation.id)
    const opening = await db.select().from(schedules).where(eq(schedules.serviceId, service.id))
    expect(opening.map((row) => [row.byday, row.opensAt, row.closesAt]).sort()).toEqual([
      ['MO', '09:00:00', '17:00:00'],
      ['WE', '10:00:00', '13:30:00'],
    ])
    expect((await db.select().from(phones).where(eq(phones.serviceId, service.id)))[0].number).toBe('020 7946 0000')
    const [entry] = await db.select().from(auditLog).where(and(eq(auditLog.action, 'service.created'), eq(auditLog.subjectId, service.id)))
    expect(entry.actorUserId).toBe(admin.id)

    // Any member of the network reads the whole listing.
    const asReferrer = await signIn(app, referrer)
    const page = await asReferrer.get(`/services/${service.id}`)
    expect(page.status).toBe(200)
    for (const text of ['Debt', 'Welfare Benefit', '18 and over', 'Postcode districts: E1, E2, E14', 'Adults living in Tower Hamlets', 'Within 3 working days', 'Monday: 09:00 to 17:00', 'Wednesday: 10:00 to 13:30', '12 Commercial Road', 'E1 1AA', 'Step-free entrance', 'Bengali', 'Telephone interpreting on request', 'Families with children', 'Taking referrals']) {
      expect(page.body).toContain(text)
    }
    expect(page.body).not.toContain(`href="/services/${service.id}/edit"`)
  })

  it('keeps what was typed and saves nothing when answers are wrong', async () => {
    const { network, admin } = await networkWithPeople()
    const terms = await termIdsByCode(network.id)
    const browser = await signIn(app, admin)
    const response = await browser.submit(
      '/services/new',
      listingForm(terms, { name: 'Half-filled Service', issues: [], minimumAge: '30', maximumAge: '20', areaDistricts: 'E1, not-a-district', postcode: 'XYZ', opensTU: '09:00', closesTU: '08:00', deliveryChannels: [] }),
    )
    expect(response.status).toBe(400)
    expect(response.body).toContain('There is a problem')
    for (const field of ['issues', 'maximumAge', 'areaDistricts', 'postcode', 'closesTU', 'deliveryChannels']) expect(response.body).toContain(`href="#${field}"`)
    expect(response.body).toContain('value="Half-filled Service"')
    expect(response.body).toContain('value="E1, not-a-district"')
    expect(response.body).toContain('Adults living in Tower Hamlets')
    expect(response.body).toMatch(/value="en" checked/)

    const { db } = await testDatabase()
    expect(await db.select().from(services).where(eq(services.networkId, network.id))).toHaveLength(0)
    expect(await db.select().from(locations).where(eq(locations.networkId, network.id))).toHaveLength(0)
  })

  it('refuses the admin of another organisation (403) and anyone from another network (404)', async () => {
    const { network, organisation } = await networkWithPeople()
    const service = await serviceFactory.create({ networkId: network.id, organisationId: organisation.id })
    const otherOrganisation = await organisationFactory.create({ networkId: network.id })
    const otherAdmin = await userFactory.transient({ totp: true }).create()
    await addMembership(otherAdmin, otherOrganisation, 'organisation_admin')
    const asOtherAdmin = await signIn(app, otherAdmin)
    expect((await asOtherAdmin.get(`/services/${service.id}`)).status).toBe(200)
    expect((await asOtherAdmin.get(`/services/${service.id}/edit`)).status).toBe(403)
    expect((await asOtherAdmin.get(`/services/${service.id}/capacity`)).status).toBe(403)

    const elsewhere = await networkWithPeople()
    const asStranger = await signIn(app, elsewhere.admin)
    expect((await asStranger.get(`/services/${service.id}`)).status).toBe(404)
    expect((await asStranger.get(`/services/${service.id}/edit`)).status).toBe(404)
    const asStrangerCoordinator = await signIn(app, elsewhere.coordinator)
    expect((await asStrangerCoordinator.get(`/services/${service.id}`)).status).toBe(404)
  })

  it('lets the coordinator edit any listing and verify it, audited; editing counts as a review', async () => {
    const { network, organisation, coordinator } = await networkWithPeople()
    const old = new Date(Date.now() - 300 * 24 * 3600_000)
    const service = await serviceFactory.transient({ issues: ['housing'] }).create({ networkId: network.id, organisationId: organisation.id, lastReviewedAt: old, reviewReminderSentAt: old })
    const terms = await termIdsByCode(network.id)
    const browser = await signIn(app, coordinator)

    const list = await browser.get('/services')
    expect(list.body).toContain(service.name)
    expect(list.body).toContain('Out of date')
    expect(list.body).toContain(`href="/services/${service.id}/edit"`)

    const form = await browser.get(`/services/${service.id}/edit`)
    expect(form.status).toBe(200)
    expect(form.body).toContain(`value="${service.name}"`)
    expect(form.body).toMatch(new RegExp(`value="${terms.housing}" checked`))
    const edited = await browser.submit(`/services/${service.id}/edit`, listingForm(terms, { name: `${service.name} (Tuesdays)`, issues: [terms.housing], postcode: '', address1: '', city: '', locationName: '', accessibility: '' }))
    expect(edited.status).toBe(303)
    const verified = await browser.submit(`/services/${service.id}`, {}, `/services/${service.id}/verify`)
    expect(verified.status).toBe(303)

    const { db } = await testDatabase()
    const [row] = await db.select().from(services).where(eq(services.id, service.id))
    expect(row.name).toBe(`${service.name} (Tuesdays)`)
    expect(row.verifiedBy).toBe(coordinator.id)
    expect(row.verifiedAt).not.toBeNull()
    expect(row.lastReviewedAt.getTime()).toBeGreaterThan(old.getTime())
    expect(row.reviewReminderSentAt).toBeNull()
    const actions = (await db.select().from(auditLog).where(eq(auditLog.subjectId, service.id))).map((entry) => entry.action).sort()
    expect(actions).toEqual(['service.updated', 'service.verified'])

    const page = await browser.follow(verified)
    expect(page.body).toContain('Listing verified')
    expect(page.body).toContain(`By ${coordinator.name}`)
    expect(page.body).not.toContain('Out of date')
  })

  it('pauses a service from the list: a reason is required, the reopening date is shown', async () => {
    const { network, organisation, admin, referrer } = await networkWithPeople()
    const service = await serviceFactory.create({ networkId: network.id, organisationId: organisation.id })
    const browser = await signIn(app, admin)
    const list = await browser.get('/services')
    expect(list.body).toContain(`href="/services/${service.id}/capacity?status=paused"`)
    const form = await browser.get(`/services/${service.id}/capacity?status=paused`)
    expect(form.body).toMatch(/value="paused" checked/)

    const year = String(new Date().getUTCFullYear() + 1)
    const refused = await browser.submit(`/services/${service.id}/capacity?status=paused`, { capacityStatus: 'paused', pausedReason: '', reopeningDay: '3', reopeningMonth: '1', reopeningYear: year, waitingList: 'yes' }, `/services/${service.id}/capacity`)
    expect(refused.status).toBe(400)
    expect(refused.body).toContain('href="#pausedReason"')
    expect(refused.body).toContain(`value="${year}"`)
    const badDate = await browser.submit(`/services/${service.id}/capacity`, { capacityStatus: 'paused', pausedReason: 'Adviser on leave', reopeningDay: '31', reopeningMonth: '2', reopeningYear: year })
    expect(badDate.status).toBe(400)
    expect(badDate.body).toContain('href="#reopeningDay"')

    const paused = await browser.submit(`/services/${service.id}/capacity`, { capacityStatus: 'paused', pausedReason: 'Adviser on leave', reopeningDay: '3', reopeningMonth: '1', reopeningYear: year, waitingList: 'yes' })
    expect(paused.status).toBe(303)
    const { db } = await testDatabase()
    const [row] = await db.select().from(services).where(eq(services.id, service.id))
    expect(row).toMatchObject({ capacityStatus: 'paused', pausedReason: 'Adviser on leave', expectedReopening: `${year}-01-03`, waitingList: true })
    expect(row.capacityChangedAt).not.toBeNull()
    const [entry] = await db.select().from(auditLog).where(and(eq(auditLog.action, 'service.capacity_changed'), eq(auditLog.subjectId, service.id)))
    expect(entry.details).toMatchObject({ from: 'active', to: 'paused' })

    const asReferrer = await signIn(app, referrer)
    const page = await asReferrer.get(`/services/${service.id}`)
    expect(page.body).toContain('Paused: not taking new referrals')
    expect(page.body).toContain('Adviser on leave')
    expect(page.body).toContain(`Expected to reopen on 3 January ${year}`)
    expect(page.body).toContain('People can join a waiting list')
  })

  it('marks a listing as reviewed for its admin', async () => {
    const { network, organisation, admin } = await networkWithPeople()
    const old = new Date(Date.now() - 250 * 24 * 3600_000)
    const service = await serviceFactory.create({ networkId: network.id, organisationId: organisation.id, lastReviewedAt: old, reviewReminderSentAt: old })
    const browser = await signIn(app, admin)
    const before = await browser.get(`/services/${service.id}`)
    expect(before.body).toContain('Out of date')
    const response = await browser.submit(`/services/${service.id}`, {}, `/services/${service.id}/reviewed`)
    expect(response.status).toBe(303)
    const { db } = await testDatabase()
    const [row] = await db.select().from(services).where(eq(services.id, service.id))
    expect(row.lastReviewedAt.getTime()).toBeGreaterThan(old.getTime())
    expect(row.reviewReminderSentAt).toBeNull()
    expect((await browser.follow(response)).body).toContain('Listing marked as reviewed')
  })

  it('shows the coordinator every service with filters, and an organisation its own', async () => {
    const { network, organisation, coordinator, referrer } = await networkWithPeople()
    const other = await organisationFactory.create({ networkId: network.id })
    const ours = await serviceFactory.create({ networkId: network.id, organisationId: organisation.id })
    const theirs = await serviceFactory.create({ networkId: network.id, organisationId: other.id, capacityStatus: 'paused', pausedReason: 'Full' })
    const asCoordinator = await signIn(app, coordinator)
    const all = await asCoordinator.get('/services')
    expect(all.body).toContain(ours.name)
    expect(all.body).toContain(theirs.name)
    const paused = await asCoordinator.get('/services?capacity=paused')
    expect(paused.body).not.toContain(ours.name)
    expect(paused.body).toContain(theirs.name)
    const byOrganisation = await asCoordinator.get(`/services?organisation=${organisation.id}&unverified=yes`)
    expect(byOrganisation.body).toContain(ours.name)
    expect(byOrganisation.body).not.toContain(theirs.name)

    const asReferrer = await signIn(app, referrer)
    const own = await asReferrer.get('/services')
    expect(own.body).toContain(ours.name)
    expect(own.body).not.toContain(theirs.name)
    expect(own.body).not.toContain('Add a service')
    expect((await asReferrer.get('/services/new')).status).toBe(403)
  })

  it('shows issue names in Welsh on Welsh pages, and offers Services and Issues in the navigation', async () => {
    const { network, organisation, coordinator, referrer } = await networkWithPeople()
    const service = await serviceFactory.transient({ issues: ['food-support'] }).create({ networkId: network.id, organisationId: organisation.id, contactSlaDays: null })
    const asReferrer = await signIn(app, referrer)
    const english = await asReferrer.get(`/services/${service.id}`)
    expect(english.body).toContain('href="/services"')
    expect(english.body).not.toContain('href="/taxonomy"')
    expect(english.body).toContain('Within 8 working days (the network’s standard)')
    const welsh = await asReferrer.follow(await asReferrer.get(`/services/${service.id}?lang=cy`))
    expect(welsh.body).toContain('Cymorth Bwyd')
    expect(welsh.body).not.toContain('Food Support')
    expect(welsh.body).toContain('O fewn 8 diwrnod gwaith (safon y rhwydwaith)')

    const asCoordinator = await signIn(app, coordinator)
    const home = await asCoordinator.get('/')
    expect(home.body).toContain('href="/services"')
    expect(home.body).toContain('href="/taxonomy"')
  })
})

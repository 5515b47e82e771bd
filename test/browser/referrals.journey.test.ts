import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { serviceFactory } from '../directory-factories.js'
import { addMembership, networkFactory, organisationFactory, userFactory } from '../factories.js'
import { describeJourney, launchChromium } from './support/chromium.js'
import { startJourneyApp, type JourneyApp } from './support/journey-app.js'
import { signInAs } from './support/sign-in.js'
import { ClientsPage, NewClientPage } from './pages/client-pages.js'
import { NotificationsPage } from './pages/notification-pages.js'
import { PageNotFoundPage } from './pages/public-pages.js'
import { WorklistPage } from './pages/referral-pages.js'

type Person = { email: string }

describeJourney('referrals: one story told once, three referrals sent in one go, each followed to its end', () => {
  let app: JourneyApp
  let browser: Browser
  const people = {} as { referrer: Person; debtReceiver: Person; housingReceiver: Person; rescueReceiver: Person; outsider: Person }
  const names = {} as { foodbank: string; debtAdvice: string; housing: string; kitchen: string; rescue: string }

  beforeAll(async () => {
    app = await startJourneyApp({ installation: 'shared' })
    const network = await networkFactory.create()
    const organisation = (name: string) => organisationFactory.create({ networkId: network.id, name })
    const person = async (at: { id: string; networkId: string }, role: 'referrer' | 'receiver') => {
      const user = await userFactory.create()
      await addMembership(user, at, role)
      return user
    }
    const foodbank = await organisation('Eastside Foodbank')
    const moneyAdvice = await organisation('Riverside Money Advice')
    const housingTrust = await organisation('Northgate Housing Trust')
    const kitchen = await organisation('St Mark’s Community Kitchen')
    const shelter = await organisation('Shelter Point')
    const elsewhere = await organisation('Westfield Advice Centre')
    const service = (at: { id: string }, name: string, issue: string) =>
      serviceFactory.transient({ issues: [issue] }).create({ networkId: network.id, organisationId: at.id, name })
    names.foodbank = foodbank.name
    names.debtAdvice = (await service(moneyAdvice, 'Debt advice clinic', 'debt')).name
    names.housing = (await service(housingTrust, 'Housing options', 'housing')).name
    names.kitchen = (await service(kitchen, 'Community kitchen', 'food-support')).name
    names.rescue = (await service(shelter, 'Tenancy rescue', 'housing')).name
    people.referrer = await person(foodbank, 'referrer')
    people.debtReceiver = await person(moneyAdvice, 'receiver')
    people.housingReceiver = await person(housingTrust, 'receiver')
    people.rescueReceiver = await person(shelter, 'receiver')
    people.outsider = await person(elsewhere, 'referrer')
    browser = await launchChromium()
  }, 120_000)
  afterAll(async () => {
    await browser?.close()
    await app?.close()
  })

  const signIn = (person: Person) => signInAs(browser, app.baseUrl, person.email)

  it('a foodbank refers a client to debt advice, housing and a kitchen; each end follows its referral; nobody else can see it', async () => {
    // 1. A referrer at the foodbank records the client and what they need, once.
    const referrer = await signIn(people.referrer)
    const intakeForm = await NewClientPage.open(referrer.tab)
    expect(await intakeForm.heading()).toBe('Record a client and what they need')
    const consentForm = await intakeForm.record({
      name: 'Marta Kowalska',
      dateOfBirth: { day: '14', month: '6', year: '1979' },
      phone: '07700 900123',
      preferredContact: 'Phone call',
      safeToLeaveMessage: 'Yes',
      need: 'Behind on rent and council tax after her hours were cut. A bailiff letter came this week. Needs food for two children until payday.',
      issues: ['Debt', 'Housing', 'Food Support'],
      urgency: 'Standard',
    })
    expect(await consentForm.successMessage()).toContain('Client and need recorded')
    // Consent comes first, with sensible defaults: the organisations referred to, for 12 months.
    const defaults = await consentForm.defaults()
    expect(defaults.scope).toBe('The organisations they are referred to')
    expect(defaults.purpose).toContain(names.foodbank)
    expect(Number(defaults.endsOn.split(' ')[2])).toBe(new Date().getUTCFullYear() + 1)
    const sendPage = await consentForm.recordGiven('Verbally')
    expect(await sendPage.successMessage()).toContain('Consent recorded')

    // The services for her issues are offered with why they fit; she is sent to three in one go.
    const candidates = await sendPage.candidates()
    expect(candidates['Services that fit (4)']?.sort()).toEqual([names.debtAdvice, names.housing, names.kitchen, names.rescue].sort())
    const sent = await sendPage.sendTo([names.debtAdvice, names.housing, names.kitchen])
    expect(await sent.heading()).toBe('Referrals sent (3)')
    const made = await sent.referrals()
    expect(made.map((referral) => referral.service).sort()).toEqual([names.debtAdvice, names.housing, names.kitchen].sort())
    const referenceFor = (service: string) => made.find((referral) => referral.service === service)!.reference
    for (const referral of made) expect(referral.reference).toMatch(/\S/)

    const kitchenReferral = await sent.open(referenceFor(names.kitchen))
    expect(await kitchenReferral.status()).toBe('Sent')
    expect(await kitchenReferral.summary()).toMatchObject({ 'Sent by': names.foodbank, 'Sent to': 'St Mark’s Community Kitchen', Urgency: 'Standard' })
    expect((await kitchenReferral.timeline()).map((entry) => entry.title)).toEqual(['Referral sent'])

    // 2. The debt adviser finds it in Incoming, opens it (received), accepts, records contact and completes.
    const debt = await signIn(people.debtReceiver)
    const debtIncoming = await debt.home.navigateTo('Incoming', WorklistPage)
    expect(await debtIncoming.heading()).toBe('Incoming referrals')
    const debtRows = await debtIncoming.rows()
    expect(debtRows.map((row) => [row.reference, row.client, row.status])).toEqual([[referenceFor(names.debtAdvice), 'Marta Kowalska', 'Sent']])
    let debtReferral = await debtIncoming.open(referenceFor(names.debtAdvice))
    expect(await debtReferral.status()).toBe('Received')
    expect(await debtReferral.client()).toMatchObject({ Name: 'Marta Kowalska', Phone: '07700 900123', 'Best way to contact': 'Phone call' })
    expect((await debtReferral.timeline()).map((entry) => entry.title)).toEqual(['Opened by the receiving organisation', 'Referral sent'])

    debtReferral = await debtReferral.accept()
    expect(await debtReferral.successMessage()).toContain('You accepted the referral.')
    expect(await debtReferral.status()).toBe('Accepted')
    debtReferral = await debtReferral.recordContact('Phoned Marta; appointment on Thursday to go through the bailiff letter.')
    expect(await debtReferral.status()).toBe('In progress')
    debtReferral = await debtReferral.complete({
      outcomes: ['Debt dealt with or managed', 'Income increased (benefits or grants)'],
      note: 'Bailiff action paused, council tax on a payment plan, Council Tax Reduction claimed.',
    })
    expect(await debtReferral.successMessage()).toContain('The referral is completed.')
    expect(await debtReferral.status()).toBe('Completed')
    expect((await debtReferral.summary()).Outcome).toBe('Income increased (benefits or grants), Debt dealt with or managed')
    const debtTimeline = await debtReferral.timeline()
    expect(debtTimeline.map((entry) => entry.title)).toEqual(['Completed', 'Client contacted', 'Accepted', 'Opened by the receiving organisation', 'Referral sent'])
    expect(debtTimeline[1].detail).toContain('appointment on Thursday')
    expect(await debtReferral.actionsOffered()).toEqual([])

    // 3. Housing has no capacity: they decline and send it on to another housing service.
    const housing = await signIn(people.housingReceiver)
    const housingIncoming = await housing.home.navigateTo('Incoming', WorklistPage)
    let housingReferral = await housingIncoming.open(referenceFor(names.housing))
    expect(await housingReferral.status()).toBe('Received')
    housingReferral = await housingReferral.decline({ reason: 'No capacity', note: 'Our caseworkers are full until March.' })
    expect(await housingReferral.successMessage()).toContain('You declined the referral.')
    expect(await housingReferral.status()).toBe('Declined')
    expect((await housingReferral.summary())['Reason for declining']).toBe('No capacity')
    const reroutePage = await housingReferral.sendOn()
    const offered = await reroutePage.candidates()
    expect(offered['Services that fit (1)']).toEqual([names.rescue])
    housingReferral = await reroutePage.sendTo(names.rescue)
    expect(await housingReferral.successMessage()).toContain('The referral was sent on to another service.')
    const housingChain = await housingReferral.chain()
    expect(housingChain).toHaveLength(2)
    expect(housingChain[0]).toBe(`${referenceFor(names.housing)} – this referral`)
    expect(housingChain[1]).toMatch(new RegExp(`^\\S+ – ${names.rescue}, Shelter Point Sent$`))
    const rescueReference = housingChain[1].split(' ')[0]
    const [rerouted] = await housingReferral.timeline()
    expect(rerouted.title).toBe('Sent on to another service')
    expect(rerouted.detail).toContain(`${rescueReference} – ${names.rescue}, Shelter Point`)

    // The referrer sees the same chain from their end, and where every referral stands in Outgoing.
    const outgoing = await referrer.home.navigateTo('Outgoing', WorklistPage)
    const statusOf = async (list: WorklistPage) => Object.fromEntries((await list.rows()).map((row) => [row.reference, row.status]))
    expect(await statusOf(outgoing)).toEqual({ [referenceFor(names.kitchen)]: 'Sent', [rescueReference]: 'Sent' })
    const closed = await outgoing.showTab(/^Closed/)
    expect(await statusOf(closed)).toEqual({ [referenceFor(names.debtAdvice)]: 'Completed', [referenceFor(names.housing)]: 'Declined' })
    const declinedSeenByReferrer = await closed.open(referenceFor(names.housing))
    expect(await declinedSeenByReferrer.chain()).toEqual([
      `${referenceFor(names.housing)} – this referral`,
      `${rescueReference} – ${names.rescue}, Shelter Point Sent`,
    ])
    // The referrer was told of each answer in the app, and each notice leads to its referral.
    const notificationsPage = await declinedSeenByReferrer.navigateTo('Notifications', NotificationsPage)
    const notices = await notificationsPage.notifications()
    expect(notices).toEqual(
      expect.arrayContaining([
        `Referral ${referenceFor(names.debtAdvice)} to ${names.debtAdvice} was completed (new)`,
        `Referral ${referenceFor(names.housing)} to ${names.housing} was declined (new)`,
        `Referral ${referenceFor(names.housing)} was passed on from ${names.housing} to another service (new)`,
      ]),
    )
    const completedSeenByReferrer = await notificationsPage.open(`Referral ${referenceFor(names.debtAdvice)} to ${names.debtAdvice} was completed`)
    expect(await completedSeenByReferrer.status()).toBe('Completed')
    expect((await completedSeenByReferrer.summary()).Outcome).toBe('Income increased (benefits or grants), Debt dealt with or managed')
    // The new service opens it from the new end and sees where it came from.
    const rescue = await signIn(people.rescueReceiver)
    const rescueReferral = await (await rescue.home.navigateTo('Incoming', WorklistPage)).open(rescueReference)
    expect(await rescueReferral.status()).toBe('Received')
    expect(await rescueReferral.chain()).toEqual([
      `${referenceFor(names.housing)} – ${names.housing}, Northgate Housing Trust Declined`,
      `${rescueReference} – this referral`,
    ])

    // The client's page at the foodbank lists all four referrals made for her.
    const clientPage = await (await completedSeenByReferrer.navigateTo('Clients', ClientsPage)).open('Marta Kowalska')
    expect(await clientPage.details()).toMatchObject({ 'Full name': 'Marta Kowalska', 'Best way to contact': 'Phone call', 'Safe to leave a message': 'Yes' })
    const referrals = await clientPage.referrals()
    expect(referrals.map((referral) => `${referral.reference} ${referral.status}`).sort()).toEqual(
      [
        `${referenceFor(names.debtAdvice)} Completed`,
        `${referenceFor(names.housing)} Declined`,
        `${referenceFor(names.kitchen)} Sent`,
        `${rescueReference} Received`,
      ].sort(),
    )

    // 4. Someone at another organisation in the same network gets "Page not found" for all of it.
    const outsider = await signIn(people.outsider)
    const hidden = [new URL(clientPage.page.url()).pathname, ...referrals.map((referral) => referral.address)]
    for (const address of hidden) {
      const notFound = await PageNotFoundPage.open(outsider.tab, address)
      expect(await notFound.heading()).toBe('Page not found')
      expect(await outsider.tab.locator('main').innerText()).not.toContain('Marta')
    }
    // Nor is any of it in their own lists.
    const outsiderIncoming = await outsider.home.navigateTo('Incoming', WorklistPage)
    expect(await outsiderIncoming.rows()).toEqual([])
  }, 360_000)
})


import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { upsertCentroids } from '../../src/modules/directory/postcodes/postcodes.service.js'
import { uniquePostcode } from '../../src/modules/directory/postcodes/postcodes.test-support.js'
import { serviceFactory } from '../directory-factories.js'
import { addMembership, networkFactory, organisationFactory, testPassword, userFactory } from '../factories.js'
import { testDatabase } from '../support/database.js'
import { describeJourney, launchChromium } from './support/chromium.js'
import { startJourneyApp, type JourneyApp } from './support/journey-app.js'
import { newVisitor } from './support/visitor.js'
import { SignInPage } from './pages/account-pages.js'
import { HomePage } from './pages/network-pages.js'
import { SearchPage, ServicesPage, TwoFactorSignInPage } from './pages/directory-pages.js'

/** A postcode of its own in a fictional area, so parallel runs sharing the centroid table never meet. */

const longDate = (date: Date): string =>
  new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' }).format(date)

describeJourney('the directory: a listing paused by its organisation, and a referrer finding it with the reason', () => {
  let app: JourneyApp
  let browser: Browser
  const postcode = uniquePostcode()
  const place = { postcode, district: postcode.split(' ')[0] }
  const people = {} as {
    admin: { email: string; totpSecretPlain?: string }
    referrer: { email: string }
    otherServiceName: string
  }

  beforeAll(async () => {
    app = await startJourneyApp({ installation: 'shared' })
    const { db } = await testDatabase()
    await upsertCentroids(db, [{ postcode: place.postcode, district: place.district, latitude: 52.61, longitude: -1.12 }])
    const network = await networkFactory.create()
    const advice = await organisationFactory.create({ networkId: network.id, name: `Riverbank Money Advice ${place.postcode}` })
    const admin = await userFactory.transient({ totp: true }).create()
    await addMembership(admin, advice, 'organisation_admin')
    const foodbank = await organisationFactory.create({ networkId: network.id })
    const referrer = await userFactory.create()
    await addMembership(referrer, foodbank, 'referrer')
    // Another debt service that takes referrals, so the paused one is listed among those that do not fit.
    const other = await serviceFactory.transient({ issues: ['debt'] }).create({ networkId: network.id, organisationId: foodbank.id, name: 'Money Worries Drop-in' })
    people.admin = admin
    people.referrer = referrer
    people.otherServiceName = other.name
    browser = await launchChromium()
  }, 120_000)
  afterAll(async () => {
    await browser?.close()
    await app?.close()
  })

  it('an organisation admin adds a service and pauses it; a referrer searching by postcode and issue sees why it does not fit', async () => {
    // The admin signs in with their password and authenticator code.
    const adminTab = await newVisitor(browser, app.baseUrl)
    const codePage = await (await SignInPage.open(adminTab)).as(people.admin.email, testPassword, TwoFactorSignInPage)
    const adminHome = await codePage.enterCodeFrom(people.admin.totpSecretPlain!, HomePage)

    // They list a new debt advice service at a place in the client's district.
    const services = await adminHome.navigateTo('Services', ServicesPage)
    const form = await services.addService()
    const added = await form.add({
      name: 'Debt advice clinic',
      description: 'Free, confidential debt advice: budgeting, bailiffs, priority debts and debt relief orders.',
      issues: ['Debt', 'Financial Capability'],
      minimumAge: '18',
      acceptsNrpf: 'Yes',
      districts: place.district,
      referralCriteria: 'Adults with debts they cannot manage. Tell us about any court or eviction date.',
      howServiceContactsClients: 'We phone the client within five working days.',
      address: { placeName: 'Riverbank Library', line1: '1 Bridge Street', town: 'Riverbank', postcode: place.postcode.toLowerCase().replace(' ', '') },
      openingTimes: { Monday: ['09:30', '16:30'], Wednesday: ['09:30', '16:30'] },
      phone: '0116 496 0999',
      channels: ['By phone', 'In person'],
      languages: ['English', 'Polish'],
    })
    expect(await added.successMessage()).toContain('Service added')
    expect(await added.heading()).toBe('Debt advice clinic')
    expect(await added.pausedNotice()).toBe('')

    // The caseworker is off for a while: they pause it, with a reason, a reopening date and a waiting list.
    const reopening = new Date(Date.now() + 60 * 86_400_000)
    const capacity = await added.changeCapacity()
    const paused = await capacity.pause({ reason: 'Our caseworker is on leave.', reopening, waitingList: true })
    expect(await paused.successMessage()).toContain('The service is paused')
    const notice = await paused.pausedNotice()
    expect(notice).toContain('Our caseworker is on leave.')
    expect(notice).toContain(longDate(reopening))

    // A referrer at another organisation searches for debt help near the client's postcode.
    const referrerTab = await newVisitor(browser, app.baseUrl)
    await (await SignInPage.open(referrerTab)).as(people.referrer.email, testPassword, HomePage)
    const search = await SearchPage.open(referrerTab)
    const found = await search.searchFor({ issues: ['Debt'], postcode: place.postcode })
    const { sections } = await found.results()

    // The service that takes referrals fits; the paused one is listed apart, never hidden, with its reasons.
    expect(sections['Services that fit (1)']?.map((result) => result.name)).toEqual([people.otherServiceName])
    const notFitting = sections['Services that do not fit (1)']
    expect(notFitting?.map((result) => result.name)).toEqual(['Debt advice clinic'])
    const reasons = notFitting[0].reasons.join(' · ')
    expect(reasons).toContain('Debt ✓')
    expect(reasons).toContain(`covers ${place.district} ✓`)
    expect(reasons).toContain(`paused until ${longDate(reopening)} ✗`)
  }, 180_000)
})

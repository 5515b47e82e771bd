import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { createAskService } from '../../src/modules/front-door/ask/ask.service.js'
import { serviceFactory, termIdsByCode } from '../directory-factories.js'
import { addMembership, networkFactory, organisationFactory, userFactory } from '../factories.js'
import { describeJourney, launchChromium } from './support/chromium.js'
import { startJourneyApp, type JourneyApp } from './support/journey-app.js'
import { signInAs } from './support/sign-in.js'
import { FrontDoorQueuePage } from './pages/front-door-team-pages.js'
import { visit } from './pages/page-object.js'
import { PageNotFoundPage } from './pages/public-pages.js'
import { WorklistPage } from './pages/referral-pages.js'

type Person = { email: string }

const visitQueue = (tab: Page, address: string) => visit(tab, address, FrontDoorQueuePage)

describeJourney('front door: a worker claims a resident’s request and refers it on without re-typing; a caller is helped by phone', () => {
  let app: JourneyApp
  let browser: Browser
  let networkId: string
  const people = {} as { worker: Person; foodReceiver: Person; adviceReceiver: Person; careReceiver: Person; frontDoorReceiver: Person }
  const names = {} as { food: string; immigration: string; care: string }

  beforeAll(async () => {
    app = await startJourneyApp({ installation: 'shared' })
    const network = await networkFactory.create()
    networkId = network.id
    const organisation = (name: string, frontDoor = false) => organisationFactory.create({ networkId: network.id, name, frontDoor })
    const person = async (at: { id: string; networkId: string }, role: 'referrer' | 'receiver') => {
      const user = await userFactory.create()
      await addMembership(user, at, role)
      return user
    }
    const customerServices = await organisation('Borough Council Customer Services', true)
    const pantry = await organisation('Eastside Community Pantry')
    const migrantForum = await organisation('Refugee and Migrant Forum')
    const ageConcern = await organisation('Age Concern Riverside')
    // They speak Arabic, so a resident who does fits without a justification.
    const service = (at: { id: string }, name: string, issues: string[]) =>
      serviceFactory.transient({ issues }).create({ networkId: network.id, organisationId: at.id, name, languages: ['en', 'ar'] })
    names.food = (await service(pantry, 'Halal food parcels', ['food-support'])).name
    names.immigration = (await service(migrantForum, 'Immigration advice drop-in', ['immigration'])).name
    names.care = (await service(ageConcern, 'Help at home and warm homes', ['community-care', 'utility-advice'])).name
    people.worker = await person(customerServices, 'referrer')
    people.frontDoorReceiver = await person(customerServices, 'receiver')
    people.foodReceiver = await person(pantry, 'receiver')
    people.adviceReceiver = await person(migrantForum, 'receiver')
    people.careReceiver = await person(ageConcern, 'receiver')
    browser = await launchChromium()
  }, 120_000)
  afterAll(async () => {
    await browser?.close()
    await app?.close()
  })

  const signIn = (person: Person) => signInAs(browser, app.baseUrl, person.email)

  it('a request in Arabic becomes two referrals without re-typing, and the details arrive; then Jim is helped by phone', async () => {
    // 1. Mo asked for help online, in Arabic, and would like an interpreter (the public form's own service call).
    const terms = await termIdsByCode(networkId)
    const ask = createAskService(app.app.services.deps)
    const { reference } = await ask.submitRequest(
      networkId,
      {
        issueTermIds: [terms['food-support'], terms.immigration],
        need: 'أحتاج إلى طعام حلال لي ولأخي. لا نستطيع العمل.',
        postcode: null,
        name: 'Mohammed Al-Sayed',
        contactMethod: 'text',
        phone: '07700 900412',
        email: null,
        contactTimes: 'Afternoons',
        safeToLeaveMessage: false,
        language: 'ar',
        interpreterNeeded: true,
        contactDifficulties: 'Reads only a little English',
      },
      { channel: 'online', consentMethod: 'online' },
    )

    // 2. A front-door worker finds it in the queue, with its language and the interpreter need.
    const worker = await signIn(people.worker)
    expect(await worker.home.navigationItems()).toContain('Front door')
    const queue = await worker.home.navigateTo('Front door', FrontDoorQueuePage)
    const [row] = await queue.rows()
    expect(row).toMatchObject({ reference, name: 'Mohammed Al-Sayed', issues: 'Food Support, Immigration', channel: 'Online' })
    expect(row.language).toBe('Arabic Interpreter needed')
    expect(row.status).toBe('New')

    let request = await queue.open(reference)
    expect(await request.status()).toBe('New')
    request = await request.claim()
    expect(await request.successMessage()).toContain('You claimed the request. Call them back.')
    expect(await request.status()).toBe('Claimed')
    expect(await request.callBack()).toMatchObject({
      Name: 'Mohammed Al-Sayed',
      Phone: '07700 900412',
      'Best way to contact': 'Text message',
      'Best times': 'Afternoons',
      'Safe to leave a message': 'No',
      Language: 'Arabic Interpreter needed',
      'What makes contact hard': 'Reads only a little English',
    })

    // 3. Everything Mo gave is already on the intake form: the worker only adds his date of birth.
    const convert = await request.turnIntoReferrals()
    expect(await convert.consentNote()).toContain('They gave consent online when they asked for help.')
    expect(await convert.prefilled()).toEqual({
      name: 'Mohammed Al-Sayed',
      phone: '07700 900412',
      email: '',
      postcode: '',
      preferredContact: ['Text message'],
      contactTimes: 'Afternoons',
      safeToLeaveMessage: ['No'],
      need: 'أحتاج إلى طعام حلال لي ولأخي. لا نستطيع العمل.',
      issues: ['Food Support', 'Immigration'],
      language: 'Arabic',
      interpreter: true,
      accessibility: 'Reads only a little English',
    })
    await convert.addDateOfBirth('9', '7', '2002')
    const sendPage = await convert.save()
    expect(await sendPage.successMessage()).toContain('Client, need and consent recorded from the request.')
    const sent = await sendPage.sendTo([names.food, names.immigration])
    expect(await sent.heading()).toBe('Referrals sent (2)')
    const made = await sent.referrals()
    const foodReference = made.find((referral) => referral.service === names.food)!.reference

    // The request is done: no longer new, and under Closed as referred.
    expect(await (await FrontDoorQueuePage.open(worker.tab)).rows()).toEqual([])
    const closed = await visitQueue(worker.tab, '/front-door?view=closed')
    expect((await closed.rows()).map((one) => `${one.reference} ${one.status}`)).toEqual([`${reference} Referred`])

    // 4. The pantry opens the referral and has his name, number and language without asking again.
    const pantry = await signIn(people.foodReceiver)
    const incoming = await pantry.home.navigateTo('Incoming', WorklistPage)
    const referral = await incoming.open(foodReference)
    expect(await referral.client()).toMatchObject({
      Name: 'Mohammed Al-Sayed',
      Phone: '07700 900412',
      'Best way to contact': 'Text message',
      'Safe to leave a message': 'No',
      Language: 'Arabic – needs an interpreter',
      'Accessibility needs': 'Reads only a little English',
    })

    // 5. Jim rings: 78, no email, a house phone. The worker takes his request by phone, reading the consent out.
    const queueAgain = await FrontDoorQueuePage.open(worker.tab)
    const phone = await queueAgain.takePhoneRequest()
    expect(await phone.consentWording()).toContain('Borough Council Customer Services')
    const jimsForm = await phone.record({
      issues: ['Community Care', 'Utility Advice'],
      need: 'Cannot manage the stairs any more and the heating bill frightens me.',
      name: 'Jim Hargreaves',
      contactMethod: 'Phone call',
      phone: '020 7946 0321',
      contactTimes: 'Mornings, before 12',
      safeToLeaveMessage: 'Yes',
      language: 'English',
      contactDifficulties: 'Hard of hearing: let it ring a long time.',
    })
    expect(await jimsForm.successMessage()).toContain('Request recorded with the caller’s verbal consent')
    expect(await jimsForm.consentNote()).toContain('They gave consent on the phone.')
    expect(await jimsForm.prefilled()).toMatchObject({
      name: 'Jim Hargreaves',
      phone: '020 7946 0321',
      email: '',
      preferredContact: ['Phone call'],
      contactTimes: 'Mornings, before 12',
      safeToLeaveMessage: ['Yes'],
      issues: ['Community Care', 'Utility Advice'],
      language: 'English',
      interpreter: false,
      accessibility: 'Hard of hearing: let it ring a long time.',
    })
    await jimsForm.addAge('78')
    const jimsSendPage = await jimsForm.save()
    const jimsSent = await jimsSendPage.sendTo([names.care])
    expect(await jimsSent.heading()).toBe('Referrals sent (1)')
    const [jimsReferral] = await jimsSent.referrals()

    const care = await signIn(people.careReceiver)
    const careReferral = await (await care.home.navigateTo('Incoming', WorklistPage)).open(jimsReferral.reference)
    expect(await careReferral.client()).toMatchObject({
      Name: 'Jim Hargreaves',
      Phone: '020 7946 0321',
      'Best times': 'Mornings, before 12',
      'Safe to leave a message': 'Yes',
    })

    // 6. A receiver at the front-door organisation does not work the front door: the queue is not there for them.
    const receiver = await signIn(people.frontDoorReceiver)
    expect(await receiver.home.navigationItems()).not.toContain('Front door')
    const notFound = await PageNotFoundPage.open(receiver.tab, '/front-door')
    expect(await notFound.heading()).toBe('Page not found')
  }, 360_000)
})

import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../../app.js'
import { frontDoorDrafts, frontDoorRequests, notifications, outbox } from '../../../db/schema/index.js'
import { termIdsByCode } from '../../../../test/directory-factories.js'
import { testApp } from '../../../../test/support/app.js'
import { testDatabase } from '../../../../test/support/database.js'
import { submitRateLimit } from './ask.routes.js'
import { consentWordingVersion, type RequestAnswers } from './ask.schemas.js'
import { answerEverything, networkWithFrontDoor, Resident } from './ask.test-support.js'

const text = (html: string): string => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')
const referenceIn = (location: string | undefined): string => /\/sent\/(H-[A-Z0-9]{6})$/.exec(location ?? '')?.[1] ?? ''

async function requestsOf(networkId: string) {
  const { db } = await testDatabase()
  return db.select().from(frontDoorRequests).where(eq(frontDoorRequests.networkId, networkId))
}

async function draftsOf(networkId: string) {
  const { db } = await testDatabase()
  return db.select().from(frontDoorDrafts).where(eq(frontDoorDrafts.networkId, networkId))
}

describe('asking for help through the front door', () => {
  let app: App
  beforeAll(async () => {
    app = await testApp()
  })
  afterAll(async () => {
    await app.server.close()
  })

  it('records the request with online consent, emails and texts the reference only, and tells the front-door staff without personal data', async () => {
    const { network, worker, outsider } = await networkWithFrontDoor()
    const { housing, debt } = await termIdsByCode(network.id)
    const resident = new Resident(app.server)
    const last = await answerEverything(resident, network.slug, 'en', {
      issue: [housing, debt],
      need: 'Behind on rent after losing hours at work',
      postcode: 'e1 6an',
      name: 'Amira Haddad',
      contactMethod: 'email',
      email: 'amira@example.org',
      phone: '07700 900 982',
      contactTimes: 'Weekday mornings',
      safeToLeaveMessage: 'no',
      language: 'en',
      contactDifficulties: 'Shared phone',
    })
    expect(last.location).toBe(`/help/${network.slug}/en/ask/check`)
    const check = await resident.get(last.location as string)
    const shown = text(check.body)
    expect(shown).toContain('Behind on rent after losing hours at work')
    expect(shown).toContain('E1 6AN')
    expect(shown).toContain('Amira Haddad')
    expect(check.body).toContain(`href="/help/${network.slug}/en/ask/name?change=1"`)
    expect(await requestsOf(network.id)).toHaveLength(0)

    const consent = await resident.get(`/help/${network.slug}/en/ask/consent`)
    expect(text(consent.body)).toContain(`The front-door team of ${network.name} will read it.`)
    expect(text(consent.body)).toContain('Council Customer Team')
    const before = Date.now()
    const sent = await resident.post(`/help/${network.slug}/en/ask/consent`, { consent: 'yes', website: '' })
    expect(sent.status).toBe(303)
    const reference = referenceIn(sent.location)
    expect(reference).toMatch(/^H-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{6}$/)

    const [request] = await requestsOf(network.id)
    expect(request).toMatchObject({
      reference,
      channel: 'online',
      status: 'new',
      consentMethod: 'online',
      consentWordingVersion,
      name: 'Amira Haddad',
      postcode: 'E1 6AN',
      email: 'amira@example.org',
      phone: '07700 900 982',
      contactMethod: 'email',
      safeToLeaveMessage: false,
      language: 'en',
      interpreterNeeded: false,
      contactDifficulties: 'Shared phone',
      recordedByUserId: null,
    })
    expect(request.issueTermIds.sort()).toEqual([housing, debt].sort())
    expect(request.consentGivenAt.getTime()).toBeGreaterThanOrEqual(before - 1000)
    expect(await draftsOf(network.id)).toHaveLength(0)

    const page = await resident.get(sent.location as string)
    expect(text(page.body)).toContain(reference)
    for (const personal of ['Amira', 'amira@example.org', 'Behind on rent', '07700', 'E1 6AN']) expect(page.body).not.toContain(personal)

    const { db } = await testDatabase()
    const mails = await db.select().from(outbox).where(eq(outbox.networkId, network.id))
    expect(mails).toHaveLength(2)
    const email = mails.find((mail) => mail.channel === 'email')
    expect(email).toMatchObject({ toAddress: 'amira@example.org', template: 'frontDoorConfirmation', language: 'en' })
    expect(email?.subject).toContain(reference)
    // A mobile number was given: the reference by text too (through Notify where configured; here the development mailbox).
    const sms = mails.find((mail) => mail.channel === 'sms')
    expect(sms).toMatchObject({ toAddress: '+447700900982', template: 'frontDoorConfirmation', language: 'en' })
    expect(sms?.bodyText.length).toBeLessThanOrEqual(160)
    for (const mail of mails) {
      expect(mail.bodyText).toContain(reference)
      for (const personal of ['Amira', 'Behind on rent', '07700', 'E1 6AN', 'Shared phone']) expect(mail.bodyText + mail.subject).not.toContain(personal)
    }

    const told = await db.select().from(notifications).where(eq(notifications.networkId, network.id))
    expect(told.map((row) => row.userId)).toEqual([worker.id])
    expect(told.map((row) => row.userId)).not.toContain(outsider.id)
    expect(told[0]).toMatchObject({ kind: 'frontDoorRequest', params: { reference, path: '/front-door' } })
  })

  it('keeps the chosen language on every page and sends the confirmation in it', async () => {
    const { network } = await networkWithFrontDoor()
    const resident = new Resident(app.server)
    const base = `/help/${network.slug}/bn/ask`
    await resident.get(base)
    let response = await resident.post(base)
    const visited: string[] = []
    const answers: Record<string, Record<string, string>> = {
      need: { need: 'খাবার দরকার' },
      postcode: {},
      name: { name: 'Rahima Begum' },
      'contact-method': { contactMethod: 'email' },
      'contact-details': { email: 'rahima@example.org' },
      'contact-times': {},
      message: { safeToLeaveMessage: 'yes' },
      language: { language: 'bn', interpreterNeeded: 'yes' },
      'contact-difficulties': {},
    }
    while (response.location && !response.location.endsWith('/check')) {
      expect(response.location.startsWith(`${base}/`)).toBe(true)
      const page = await resident.get(response.location)
      expect(page.body).toContain('<html lang="bn" dir="ltr"')
      visited.push(response.location)
      const question = response.location.split('/').pop() as string
      response = await resident.post(response.location, answers[question])
    }
    expect(visited).toHaveLength(9)
    expect(text((await resident.get(`${base}/check`)).body)).toContain('আপনার উত্তরগুলো যাচাই করুন')
    await resident.get(`${base}/consent`)
    const sent = await resident.post(`${base}/consent`, { consent: 'yes' })
    const reference = referenceIn(sent.location)
    expect(sent.location).toBe(`${base}/sent/${reference}`)
    const [request] = await requestsOf(network.id)
    expect(request).toMatchObject({ language: 'bn', interpreterNeeded: true, safeToLeaveMessage: true, postcode: null })
    const { db } = await testDatabase()
    const [mail] = await db.select().from(outbox).where(eq(outbox.networkId, network.id))
    expect(mail.language).toBe('bn')
    expect(mail.subject).toContain('আমরা আপনার সাহায্যের অনুরোধ পেয়েছি')
  })

  it('shows errors in the page’s language, keeps what was typed and saves nothing from a rejected page', async () => {
    const { network } = await networkWithFrontDoor()
    const resident = new Resident(app.server)
    const base = `/help/${network.slug}/pl/ask`
    await answerEverything(resident, network.slug, 'pl', { need: 'Pomoc z długami', name: 'Jan Kowalski', contactMethod: 'phone', phone: '07700 900 123', safeToLeaveMessage: 'yes', language: 'pl' })

    const emptyName = await resident.answer(`${base}/name?change=1`, { name: '   ', change: '1' })
    expect(emptyName.status).toBe(400)
    expect(emptyName.body).toContain('<html lang="pl" dir="ltr"')
    expect(emptyName.body).toContain('href="#name"')
    expect(emptyName.body).toMatch(/<title>Błąd: /)
    expect(text(emptyName.body)).toContain('Wpisz swoje imię')
    const badPhone = await resident.answer(`${base}/contact-details`, { phone: 'call me maybe' })
    expect(badPhone.status).toBe(400)
    expect(badPhone.body).toContain('value="call me maybe"')
    expect(text(badPhone.body)).toContain('Wpisz numer telefonu')
    const tooLong = await resident.answer(`${base}/need`, { need: 'x'.repeat(2001) })
    expect(tooLong.status).toBe(400)
    expect(text(tooLong.body)).toContain('Odpowiedź może mieć najwyżej 2000 znaków')
    const [draft] = await draftsOf(network.id)
    expect(draft.answers).toMatchObject({ name: 'Jan Kowalski', phone: '07700 900 123', need: 'Pomoc z długami' })

    const huge = await resident.post(`${base}/need`, { need: 'x'.repeat(40_000) })
    expect(huge.status).toBe(413)
    expect(text(huge.body)).toContain('Twoja odpowiedź jest za długa')

    await resident.get(`${base}/consent`)
    const noConsent = await resident.post(`${base}/consent`, {})
    expect(noConsent.status).toBe(400)
    expect(text(noConsent.body)).toContain('Zaznacz pole, aby potwierdzić, że się zgadzasz')
    expect(await requestsOf(network.id)).toHaveLength(0)
    expect(await draftsOf(network.id)).toHaveLength(1)
  })

  it('sends a person back to a question they skipped instead of sending an incomplete request', async () => {
    const { network } = await networkWithFrontDoor()
    const resident = new Resident(app.server)
    const base = `/help/${network.slug}/en/ask`
    await resident.get(base)
    await resident.post(base)
    await resident.answer(`${base}/need`, { need: 'Food' })
    await resident.answer(`${base}/postcode`, {})
    await resident.get(`${base}/consent`)
    const sent = await resident.post(`${base}/consent`, { consent: 'yes' })
    expect(sent.location).toBe(`${base}/name`)
    expect(await requestsOf(network.id)).toHaveLength(0)
  })

  it('shows what was typed on the check page as text, never as markup, with numbers kept left to right', async () => {
    const { network } = await networkWithFrontDoor()
    const resident = new Resident(app.server)
    await answerEverything(resident, network.slug, 'ar', { need: '<img src=x onerror=alert(1)>', name: '<b>Sami</b>', contactMethod: 'phone', phone: '07700 900 321', safeToLeaveMessage: 'yes', language: 'ar' })
    const check = await resident.get(`/help/${network.slug}/ar/ask/check`)
    expect(check.body).not.toContain('<b>Sami</b>')
    expect(check.body).not.toContain('<img src=x')
    expect(check.body).toContain('&lt;b&gt;Sami&lt;/b&gt;')
    expect(check.body).toContain('<bdi dir="ltr">07700 900 321</bdi>')
  })

  it('forgets a draft 24 hours after its last answer, and housekeeping deletes it', async () => {
    const { network } = await networkWithFrontDoor()
    const resident = new Resident(app.server)
    await answerEverything(resident, network.slug, 'cy', { need: 'Help', name: 'Gwen', contactMethod: 'phone', phone: '07700 900 111', safeToLeaveMessage: 'yes', language: 'cy' })
    expect(await draftsOf(network.id)).toHaveLength(1)
    const later = await testApp({ now: () => new Date(Date.now() + 25 * 60 * 60_000) })
    try {
      // The same browser, a day later: its cookie finds nothing.
      const cookie = resident.cookieHeader()
      const page = await later.server.inject({ method: 'GET', url: `/help/${network.slug}/cy/ask/check`, headers: { cookie } })
      expect(page.statusCode).toBe(303)
      expect(page.headers.location).toBe(`/help/${network.slug}/cy/ask`)
      await later.services.frontDoorAsk.deleteExpiredDrafts()
    } finally {
      await later.server.close()
    }
    expect(await draftsOf(network.id)).toHaveLength(0)
  })

  it('says in the page’s language when a form has expired (no valid CSRF token), saving nothing', async () => {
    const { network } = await networkWithFrontDoor()
    const resident = new Resident(app.server)
    await answerEverything(resident, network.slug, 'pl', { need: 'Pomoc', name: 'Ola', contactMethod: 'phone', phone: '07700 900 222', safeToLeaveMessage: 'yes', language: 'pl' })
    const forged = await app.server.inject({
      method: 'POST',
      url: `/help/${network.slug}/pl/ask/consent`,
      payload: 'consent=yes',
      headers: { cookie: resident.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(forged.statusCode).toBe(403)
    expect(text(forged.body)).toContain('Ta strona wygasła')
    expect(await requestsOf(network.id)).toHaveLength(0)
  })

  it('sends people with no draft back to the start', async () => {
    const { network } = await networkWithFrontDoor()
    const resident = new Resident(app.server)
    const page = await resident.get(`/help/${network.slug}/ar/ask/name`)
    expect(page.status).toBe(303)
    expect(page.location).toBe(`/help/${network.slug}/ar/ask`)
  })

  it('drops a request whose hidden honeypot field was filled, recording nothing', async () => {
    const { network } = await networkWithFrontDoor()
    const resident = new Resident(app.server)
    await answerEverything(resident, network.slug, 'en', { need: 'Buy cheap pills', name: 'Bot', contactMethod: 'email', email: 'bot@example.org', safeToLeaveMessage: 'yes', language: 'en' })
    const consent = await resident.get(`/help/${network.slug}/en/ask/consent`)
    expect(consent.body).toMatch(/<div class="app-extra-field" aria-hidden="true">[\s\S]*name="website"[\s\S]*tabindex="-1"/)
    const response = await resident.post(`/help/${network.slug}/en/ask/consent`, { consent: 'yes', website: 'http://spam.example' })
    expect(response.status).toBe(200)
    expect(await requestsOf(network.id)).toHaveLength(0)
    expect(await draftsOf(network.id)).toHaveLength(0)
    const { db } = await testDatabase()
    expect(await db.select().from(outbox).where(eq(outbox.networkId, network.id))).toHaveLength(0)
  })

  it('limits a burst of submissions from one address without losing anyone else’s request, and keeps the limited person’s answers', async () => {
    const { network } = await networkWithFrontDoor()
    const spammer = new Resident(app.server, '198.51.100.66')
    const genuineBehindSpammer = new Resident(app.server, '198.51.100.66')
    await answerEverything(genuineBehindSpammer, network.slug, 'ar', { need: 'أحتاج طعامًا', name: 'Sami', contactMethod: 'phone', phone: '07700 900 555', safeToLeaveMessage: 'no', language: 'ar' })
    await spammer.get(`/help/${network.slug}/ar/ask`)
    const statuses: number[] = []
    for (let attempt = 0; attempt < submitRateLimit.max + 5; attempt += 1) {
      statuses.push((await spammer.post(`/help/${network.slug}/ar/ask/consent`, { consent: 'yes' })).status)
    }
    expect(statuses.slice(0, submitRateLimit.max).every((status) => status !== 429)).toBe(true)
    expect(statuses.slice(submitRateLimit.max)).toEqual(Array(5).fill(429))

    // Same address, a real person: told plainly in their language, and their answers are still there.
    await genuineBehindSpammer.get(`/help/${network.slug}/ar/ask/consent`)
    const limited = await genuineBehindSpammer.post(`/help/${network.slug}/ar/ask/consent`, { consent: 'yes' })
    expect(limited.status).toBe(429)
    expect(limited.body).toContain('<html lang="ar" dir="rtl"')
    expect(text(limited.body)).toContain('طلبات كثيرة جدًا')
    expect(await draftsOf(network.id)).toHaveLength(1)

    // Everyone else gets through.
    const neighbour = new Resident(app.server, '192.0.2.44')
    await answerEverything(neighbour, network.slug, 'en', { need: 'Help with bills', name: 'Neighbour', contactMethod: 'phone', phone: '07700 900 777', safeToLeaveMessage: 'yes', language: 'en' })
    await neighbour.get(`/help/${network.slug}/en/ask/consent`)
    const sent = await neighbour.post(`/help/${network.slug}/en/ask/consent`, { consent: 'yes' })
    expect(sent.status).toBe(303)
    expect(referenceIn(sent.location)).not.toBe('')
    const requests = await requestsOf(network.id)
    expect(requests.map((request) => request.name)).toEqual(['Neighbour'])
  })

  it('takes a phone-assisted request from staff through the same service: verbal consent, recorded by them', async () => {
    const { network, frontDoor, worker } = await networkWithFrontDoor()
    const answers: RequestAnswers = {
      issueTermIds: [],
      need: 'Lonely since his wife died; cannot get to the shops',
      postcode: null,
      name: 'Jim Baker',
      contactMethod: 'phone',
      phone: '01632 960 001',
      email: null,
      contactTimes: 'Mornings',
      safeToLeaveMessage: true,
      language: 'en',
      interpreterNeeded: false,
      contactDifficulties: 'Hard of hearing',
    }
    const saved = await app.services.frontDoorAsk.submitRequest(network.id, answers, { channel: 'phone', consentMethod: 'verbal', recordedBy: { userId: worker.id, organisationId: frontDoor.id } })
    const { db } = await testDatabase()
    const [row] = await db.select().from(frontDoorRequests).where(and(eq(frontDoorRequests.networkId, network.id), eq(frontDoorRequests.id, saved.id)))
    expect(row).toMatchObject({ channel: 'phone', consentMethod: 'verbal', recordedByUserId: worker.id, recordedByOrganisationId: frontDoor.id, reference: saved.reference })
    // No email address and a landline: no message.
    expect(await db.select().from(outbox).where(eq(outbox.networkId, network.id))).toHaveLength(0)
    await expect(app.services.frontDoorAsk.submitRequest(network.id, { ...answers, name: '' }, { channel: 'phone', consentMethod: 'verbal' })).rejects.toThrow()
    expect(await requestsOf(network.id)).toHaveLength(1)
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../../app.js'
import { contacts, phones, serviceCapacity, services } from '../../../db/schema/index.js'
import { publicLanguages } from '../../../platform/i18n/i18n.js'
import { networkFactory, organisationFactory, userFactory } from '../../../../test/factories.js'
import { serviceFactory, termIdsByCode } from '../../../../test/directory-factories.js'
import { testApp } from '../../../../test/support/app.js'
import { testDatabase } from '../../../../test/support/database.js'
import { eq } from 'drizzle-orm'

const text = (html: string): string => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')

async function networkWithOrganisation() {
  const network = await networkFactory.create()
  const organisation = await organisationFactory.create({ networkId: network.id, name: `Riverside Advice ${network.slug}` })
  return { network, organisation }
}

describe('the public service finder', () => {
  let app: App
  beforeAll(async () => {
    app = await testApp()
  })
  afterAll(async () => {
    await app.server.close()
  })

  const get = (url: string) => app.server.inject({ method: 'GET', url })

  it('opens with a choice of the five languages, each in its own words, with no sign-in', async () => {
    const { network } = await networkWithOrganisation()
    const page = await get(`/help/${network.slug}`)
    expect(page.statusCode).toBe(200)
    for (const language of publicLanguages) expect(page.body).toContain(`href="/help/${network.slug}/${language}"`)
    expect(page.body).toContain('lang="ar" dir="rtl"')
    expect(page.body).toContain('اختر لغتك')
    expect(page.body).toContain('বাংলা')
    expect(page.body).toContain('Wybierz swój język')
    expect(page.headers['cache-control']).toBe('public, max-age=300')
    expect(page.headers['set-cookie']).toBeUndefined()
  })

  it('is not found for a network that does not exist or a language we do not offer', async () => {
    const { network } = await networkWithOrganisation()
    expect((await get('/help/no-such-network-here')).statusCode).toBe(404)
    expect((await get(`/help/${network.slug}/fr`)).statusCode).toBe(404)
    expect((await get(`/help/${network.slug}/fr/services`)).statusCode).toBe(404)
  })

  it('shows what a service does, who it is for, how to get in touch, when it is open and whether it takes people now', async () => {
    const { network, organisation } = await networkWithOrganisation()
    const open = await serviceFactory.transient({ issues: ['debt'] }).create({
      networkId: network.id,
      organisationId: organisation.id,
      name: 'Money Matters Drop-in',
      description: 'Free help to sort out debts and deal with bailiffs.',
      minimumAge: 18,
      languages: ['en', 'bn'],
      email: 'money@example.org',
      url: 'https://money.example.org',
    })
    const { db } = await testDatabase()
    await db.insert(phones).values({ networkId: network.id, serviceId: open.id, number: '020 7946 0000' })
    await serviceFactory.transient({ issues: ['debt'] }).create({
      networkId: network.id,
      organisationId: organisation.id,
      name: 'Paused Debt Line',
      capacityStatus: 'paused',
      expectedReopening: '2027-01-04',
    })
    const { debt } = await termIdsByCode(network.id)
    const page = await get(`/help/${network.slug}/en/services?issue=${debt}&age=40`)
    expect(page.statusCode).toBe(200)
    const body = text(page.body)
    expect(body).toContain('Money Matters Drop-in')
    expect(body).toContain('Free help to sort out debts and deal with bailiffs.')
    expect(body).toContain(`Run by ${organisation.name}`)
    expect(body).toContain('Age 18 and over')
    expect(body).toContain('Staff speak: English, Bangla')
    expect(page.body).toContain('href="tel:02079460000"')
    expect(page.body).toContain('href="mailto:money@example.org"')
    expect(body).toContain('Taking new people now')
    expect(body).toContain('Paused Debt Line')
    expect(body).toContain('Not taking new people until 4 January 2027')
  })

  it('names issues in the page’s language and keeps the language on every link', async () => {
    const { network, organisation } = await networkWithOrganisation()
    await serviceFactory.transient({ issues: ['housing'] }).create({ networkId: network.id, organisationId: organisation.id, name: 'Housing Help Desk' })
    const { housing } = await termIdsByCode(network.id)
    const polish = await get(`/help/${network.slug}/pl/services?issue=${housing}`)
    expect(polish.body).toContain('<html lang="pl" dir="ltr"')
    expect(text(polish.body)).toContain('Mieszkanie')
    expect(text(polish.body)).toContain('Teraz przyjmuje nowe osoby')
    expect(polish.body).toContain(`href="/help/${network.slug}/pl/ask"`)
    expect(polish.body).toContain(`href="/help/${network.slug}/ar/services?issue=${housing}"`)
    const welsh = await get(`/help/${network.slug}/cy/services`)
    expect(text(welsh.body)).toContain('Tai')
    const arabic = await get(`/help/${network.slug}/ar/services`)
    expect(arabic.body).toContain('<html lang="ar" dir="rtl"')
    expect(text(arabic.body)).toContain('السكن')
  })

  it('says what is wrong with a postcode or age, in the page’s language, keeping what was typed', async () => {
    const { network } = await networkWithOrganisation()
    const page = await get(`/help/${network.slug}/bn/services?postcode=nonsense&age=old`)
    expect(page.statusCode).toBe(400)
    expect(page.body).toContain('govuk-error-summary')
    expect(page.body).toContain('href="#postcode"')
    expect(page.body).toContain('href="#age"')
    expect(text(page.body)).toContain('একটি সঠিক পোস্টকোড লিখুন')
    expect(page.body).toContain('value="nonsense"')
  })

  it('never shows anything internal, in any language: criteria notes, pause reasons, internal contacts, capacity notes, who verified it', async () => {
    const { network, organisation } = await networkWithOrganisation()
    const verifier = await userFactory.create({ name: 'Verifier Zqxname' })
    const planted = {
      referralCriteria: 'CRITERIA-zq1 staff only',
      pausedReason: 'PAUSEREASON-zq2 adviser off sick',
      howServiceContactsClients: 'HOWCONTACT-zq3',
      interpreting: 'INTERPRETING-zq4',
    }
    const service = await serviceFactory.transient({ issues: ['debt'] }).create({
      networkId: network.id,
      organisationId: organisation.id,
      name: 'Shelter From Debt',
      capacityStatus: 'paused',
      expectedReopening: '2027-02-01',
      verifiedAt: new Date(),
      verifiedBy: verifier.id,
      ...planted,
    })
    const { db } = await testDatabase()
    const [contact] = await db
      .insert(contacts)
      .values({ networkId: network.id, serviceId: service.id, name: 'Reception', department: 'DEPARTMENT-zq5', email: 'internal-zq6@example.org' })
      .returning()
    await db.insert(phones).values({ networkId: network.id, contactId: contact.id, number: '020 7946 0111' })
    await db.insert(serviceCapacity).values({ networkId: network.id, serviceId: service.id, unit: 'places', available: 0, maximum: 10, description: 'CAPACITYNOTE-zq7', updated: new Date() })
    // The directory's search version moves with listing changes; this insert came after, so bump it by touching the service.
    await db.update(services).set({ updatedAt: new Date() }).where(eq(services.id, service.id))
    const { debt } = await termIdsByCode(network.id)
    const secrets = [...Object.values(planted), 'DEPARTMENT-zq5', 'internal-zq6@example.org', 'CAPACITYNOTE-zq7', 'Zqxname', 'zq1', 'zq2']
    for (const language of publicLanguages) {
      for (const url of [`/help/${network.slug}/${language}/services?issue=${debt}`, `/help/${network.slug}/${language}/services?q=staff+only`, `/help/${network.slug}/${language}/services?search=1`]) {
        const page = await get(url)
        expect(page.statusCode).toBe(200)
        expect(page.body, `${url} shows the service`).toContain('Shelter From Debt')
        for (const secret of secrets) expect(page.body, `${url} must not show ${secret}`).not.toContain(secret)
      }
      const dated = text((await get(`/help/${network.slug}/${language}/services?issue=${debt}`)).body)
      expect(dated).toMatch(/2027|২০২৭|٢٠٢٧/)
    }
    // The public contact number is shown.
    expect((await get(`/help/${network.slug}/en/services?issue=${debt}`)).body).toContain('020 7946 0111')
  })
})

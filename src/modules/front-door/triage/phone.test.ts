import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../../app.js'
import { auditLog, clients, consents, frontDoorRequests } from '../../../db/schema/index.js'
import { termIdsByCode } from '../../../../test/directory-factories.js'
import { frontDoorNetwork } from '../../../../test/front-door-factories.js'
import { testApp } from '../../../../test/support/app.js'
import { testDatabase } from '../../../../test/support/database.js'
import { signIn } from '../../../../test/support/sign-in.js'

const inputValue = (body: string, name: string): string | undefined => new RegExp(`<input[^>]*name="${name}"[^>]*value="([^"]*)"`).exec(body)?.[1]

/** Jim: 78, no email, a house phone, mornings only, hard of hearing. */
const jim = (issues: string[]) => ({
  issue: issues,
  need: 'Cannot manage the stairs any more and the heating bill frightens me.',
  name: 'Jim Hargreaves',
  postcode: 'e1 6an',
  contactMethod: 'phone',
  phone: '020 7946 0321',
  email: '',
  contactTimes: 'Mornings, before 12',
  safeToLeaveMessage: 'yes',
  language: 'en',
  contactDifficulties: 'Hard of hearing: let it ring a long time and speak slowly.',
})

describe('a request for help taken by phone', () => {
  let app: App
  beforeAll(async () => {
    app = await testApp()
  })
  afterAll(async () => {
    await app.server.close()
  })

  it('shows the consent wording to read out, records the caller’s verbal consent, and goes straight to referrals', async () => {
    const s = await frontDoorNetwork()
    const terms = await termIdsByCode(s.network.id)
    const browser = await signIn(app, s.worker)
    const form = await browser.get('/front-door/phone')
    expect(form.status).toBe(200)
    expect(form.body).toContain('data-testid="consent-wording"')
    expect(form.body).toContain(s.frontDoor.name)
    // The same words the online form shows, so a caller agrees to exactly what a resident online does.
    expect(form.body).toContain('Nobody else will see your details.')

    const saved = await browser.submit('/front-door/phone', { ...jim([terms['community-care'], terms['utility-advice']]), consent: 'yes' })
    expect(saved.status).toBe(303)
    const requestId = /^\/front-door\/requests\/([0-9a-f-]{36})\/convert$/.exec(saved.location ?? '')?.[1] as string
    expect(requestId).toBeDefined()

    const { db } = await testDatabase()
    const [request] = await db.select().from(frontDoorRequests).where(eq(frontDoorRequests.id, requestId))
    expect(request).toMatchObject({
      networkId: s.network.id,
      channel: 'phone',
      consentMethod: 'verbal',
      recordedByUserId: s.worker.id,
      recordedByOrganisationId: s.frontDoor.id,
      status: 'claimed',
      claimedByUserId: s.worker.id,
      name: 'Jim Hargreaves',
      phone: '020 7946 0321',
      email: null,
      postcode: 'E1 6AN',
      contactMethod: 'phone',
      contactTimes: 'Mornings, before 12',
      safeToLeaveMessage: true,
      language: 'en',
      interpreterNeeded: false,
      contactDifficulties: 'Hard of hearing: let it ring a long time and speak slowly.',
    })
    expect(request.issueTermIds.sort()).toEqual([terms['community-care'], terms['utility-advice']].sort())
    expect(request.reference).toMatch(/^H-[0-9A-Z]{6}$/)
    const [recorded] = await db.select().from(auditLog).where(and(eq(auditLog.action, 'front-door.request-recorded'), eq(auditLog.subjectId, requestId)))
    expect(recorded).toMatchObject({ actorUserId: s.worker.id, details: { channel: 'phone', consentMethod: 'verbal' } })
    expect(JSON.stringify(recorded.details)).not.toContain('Jim')

    // The intake form, filled in: the worker adds his age and saves; consent is verbal, given when the call was taken.
    const convert = await browser.follow(saved)
    expect(convert.status).toBe(200)
    expect(convert.body).toContain('Request recorded with the caller’s verbal consent, and claimed by you.')
    expect(inputValue(convert.body, 'phone')).toBe('020 7946 0321')
    const values = Object.fromEntries([...convert.body.matchAll(/<input[^>]*name="([^"]+)"[^>]*type="(?:text|tel|email)"[^>]*value="([^"]*)"/g)].map((match) => [match[1], match[2]]))
    const posted = await browser.submit(`/front-door/requests/${requestId}/convert`, {
      ...values,
      age: '78',
      preferredContactMethod: 'phone',
      safeToLeaveMessage: 'yes',
      language: 'en',
      need: request.need,
      issues: request.issueTermIds,
      accessibilityNeeds: request.contactDifficulties ?? '',
      urgency: 'standard',
    })
    expect(posted.status).toBe(303)
    const [converted] = await db.select().from(frontDoorRequests).where(eq(frontDoorRequests.id, requestId))
    expect(converted.status).toBe('converted')
    const [client] = await db.select().from(clients).where(eq(clients.id, converted.clientId as string))
    expect(client).toMatchObject({ name: 'Jim Hargreaves', phone: '020 7946 0321', email: null, statedAge: 78, contactTimes: 'Mornings, before 12', safeToLeaveMessage: true })
    const [consent] = await db.select().from(consents).where(eq(consents.clientId, client.id))
    expect(consent.method).toBe('verbal')
    expect(consent.givenAt.getTime()).toBe(request.consentGivenAt.getTime())
  })

  it('needs the caller’s consent and a number to call: otherwise the form comes back with every problem and nothing is saved', async () => {
    const s = await frontDoorNetwork()
    const browser = await signIn(app, s.worker)
    const refused = await browser.submit('/front-door/phone', { ...jim([]), phone: '', name: '' })
    expect(refused.status).toBe(400)
    const summary = /govuk-error-summary__list[\s\S]*?<\/ul>/.exec(refused.body)?.[0] ?? ''
    for (const field of ['name', 'phone', 'consent']) expect(summary).toContain(`href="#${field}"`)
    expect(refused.body).toContain('Cannot manage the stairs any more')
    const { db } = await testDatabase()
    expect(await db.select().from(frontDoorRequests).where(eq(frontDoorRequests.networkId, s.network.id))).toHaveLength(0)
  })

  it('is for front-door staff only', async () => {
    const s = await frontDoorNetwork()
    for (const user of [s.outsider, s.receiver]) {
      const browser = await signIn(app, user)
      expect((await browser.get('/front-door/phone')).status).toBe(404)
      const posted = await browser.submit('/clients/new', { ...jim([]), consent: 'yes' }, '/front-door/phone')
      expect(posted.status).toBe(404)
    }
    const { db } = await testDatabase()
    expect(await db.select().from(frontDoorRequests).where(eq(frontDoorRequests.networkId, s.network.id))).toHaveLength(0)
  })
})

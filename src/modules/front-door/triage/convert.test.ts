import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../../app.js'
import { auditLog, clients, consents, frontDoorRequests, intakeIssues, intakes } from '../../../db/schema/index.js'
import { termIdsByCode } from '../../../../test/directory-factories.js'
import { frontDoorNetwork, frontDoorRequestFactory } from '../../../../test/front-door-factories.js'
import { clientFactory } from '../../../../test/referral-factories.js'
import { testApp } from '../../../../test/support/app.js'
import { testDatabase } from '../../../../test/support/database.js'
import { signIn } from '../../../../test/support/sign-in.js'
import { intakeValuesFrom } from './prefill.js'

const inputValue = (body: string, name: string): string | undefined => new RegExp(`<input[^>]*name="${name}"[^>]*value="([^"]*)"`).exec(body)?.[1]
const textareaValue = (body: string, name: string): string | undefined => new RegExp(`<textarea[^>]*name="${name}"[^>]*>([^<]*)</textarea>`).exec(body)?.[1]?.trim()
const checked = (body: string, name: string): string[] =>
  [...body.matchAll(new RegExp(`<input[^>]*name="${name}"[^>]*value="([^"]*)"[^>]*checked`, 'g'))].map((match) => match[1])
const selected = (body: string): string[] => [...body.matchAll(/<option value="([^"]*)" selected/g)].map((match) => match[1])

/** What a browser would post back from the pre-filled form, unchanged unless told. */
function formOf(values: Record<string, string | string[] | undefined>, changes: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return Object.fromEntries(Object.entries({ ...values, ...changes }).filter((entry): entry is [string, string | string[]] => entry[1] !== undefined))
}

async function claimedRequest(s: Awaited<ReturnType<typeof frontDoorNetwork>>, values: Parameters<typeof frontDoorRequestFactory.create>[0] = {}, issues: string[] = ['debt', 'housing']) {
  return frontDoorRequestFactory.transient({ issues }).create({
    networkId: s.network.id,
    status: 'claimed',
    claimedByUserId: s.worker.id,
    claimedByOrganisationId: s.frontDoor.id,
    claimedAt: new Date(),
    ...values,
  })
}

describe('turning a front-door request into a client, an intake and consent, without re-typing', () => {
  let app: App
  beforeAll(async () => {
    app = await testApp()
  })
  afterAll(async () => {
    await app.server.close()
  })

  it('maps every answer the resident gave onto the intake form', () => {
    const request = {
      name: 'Rahima Begum',
      phone: '07700 900789',
      email: 'rahima@example.org',
      postcode: 'E1 6AN',
      contactMethod: 'text' as const,
      contactTimes: 'After 4pm',
      safeToLeaveMessage: false,
      language: 'bn',
      interpreterNeeded: true,
      contactDifficulties: 'Shares a phone with her husband',
      need: 'I look after my husband and need help.',
      issueTermIds: ['a', 'b', 'retired'],
    }
    const values = intakeValuesFrom(request, new Set(['a', 'b']), (code) => `Language: ${code}`)
    expect(values).toEqual({
      name: 'Rahima Begum',
      phone: '07700 900789',
      email: 'rahima@example.org',
      postcode: 'E1 6AN',
      preferredContactMethod: 'text',
      contactTimes: 'After 4pm',
      safeToLeaveMessage: 'no',
      language: 'bn',
      interpreterNeeded: 'yes',
      accessibilityNeeds: 'Shares a phone with her husband',
      need: 'I look after my husband and need help.',
      issues: ['a', 'b'],
      urgency: 'standard',
    })
    // Not said stays unanswered; a language the form does not list is kept in the notes, by its code.
    const other = intakeValuesFrom({ ...request, safeToLeaveMessage: null, language: 'yo', interpreterNeeded: false, contactDifficulties: null, email: null }, new Set(), (code) => `Language: ${code}`)
    expect(other).toMatchObject({ safeToLeaveMessage: '', language: '', interpreterNeeded: undefined, accessibilityNeeds: 'Language: yo', email: '', issues: [] })
  })

  it('pre-fills the form, then records the client, the need and the consent given online at the request’s time; the request is converted', async () => {
    const s = await frontDoorNetwork()
    const givenAt = new Date(Date.now() - 3 * 86_400_000)
    const request = await claimedRequest(s, {
      name: 'Rahima Begum',
      phone: '07700 900789',
      email: 'rahima@example.org',
      postcode: 'E1 6AN',
      contactMethod: 'text',
      contactTimes: 'After 4pm',
      safeToLeaveMessage: false,
      language: 'bn',
      interpreterNeeded: true,
      contactDifficulties: 'Shares a phone with her husband',
      need: 'I look after my husband and need help with money.',
      consentGivenAt: givenAt,
      createdAt: givenAt,
    })
    const terms = await termIdsByCode(s.network.id)
    const browser = await signIn(app, s.worker)
    const form = await browser.get(`/front-door/requests/${request.id}/convert`)
    expect(form.status).toBe(200)
    expect(inputValue(form.body, 'name')).toBe('Rahima Begum')
    expect(inputValue(form.body, 'phone')).toBe('07700 900789')
    expect(inputValue(form.body, 'email')).toBe('rahima@example.org')
    expect(inputValue(form.body, 'postcode')).toBe('E1 6AN')
    expect(inputValue(form.body, 'contactTimes')).toBe('After 4pm')
    expect(checked(form.body, 'preferredContactMethod')).toEqual(['text'])
    expect(checked(form.body, 'safeToLeaveMessage')).toEqual(['no'])
    expect(checked(form.body, 'interpreterNeeded')).toEqual(['yes'])
    expect(checked(form.body, 'issues').sort()).toEqual([terms.debt, terms.housing].sort())
    expect(selected(form.body)).toContain('bn')
    expect(textareaValue(form.body, 'need')).toBe('I look after my husband and need help with money.')
    expect(textareaValue(form.body, 'accessibilityNeeds')).toBe('Shares a phone with her husband')
    expect(form.body).toContain('They gave consent online when they asked for help.')

    // The worker adds only what was missing: her date of birth.
    const prefilled = intakeValuesFrom(request, new Set(Object.values(terms)), (code) => code)
    const saved = await browser.submit(`/front-door/requests/${request.id}/convert`, formOf(prefilled, { dobDay: '3', dobMonth: '4', dobYear: '1961' }))
    expect(saved.status).toBe(303)
    const intakeId = /^\/intakes\/([0-9a-f-]{36})\/send$/.exec(saved.location ?? '')?.[1]
    expect(intakeId).toBeDefined()

    const { db } = await testDatabase()
    const [converted] = await db.select().from(frontDoorRequests).where(eq(frontDoorRequests.id, request.id))
    expect(converted).toMatchObject({ status: 'converted', intakeId })
    const [client] = await db.select().from(clients).where(eq(clients.id, converted.clientId as string))
    expect(client).toMatchObject({
      organisationId: s.frontDoor.id,
      name: 'Rahima Begum',
      dateOfBirth: '1961-04-03',
      phone: '07700 900789',
      email: 'rahima@example.org',
      postcode: 'E1 6AN',
      preferredContactMethod: 'text',
      contactTimes: 'After 4pm',
      safeToLeaveMessage: false,
      language: 'bn',
      interpreterNeeded: true,
      accessibilityNeeds: 'Shares a phone with her husband',
      createdBy: s.worker.id,
    })
    const [intake] = await db.select().from(intakes).where(eq(intakes.id, intakeId as string))
    expect(intake).toMatchObject({ clientId: client.id, organisationId: s.frontDoor.id, need: 'I look after my husband and need help with money.', urgency: 'standard' })
    const issues = await db.select().from(intakeIssues).where(eq(intakeIssues.intakeId, intake.id))
    expect(issues.map((issue) => issue.termId).sort()).toEqual([terms.debt, terms.housing].sort())
    const [consent] = await db.select().from(consents).where(eq(consents.clientId, client.id))
    expect(consent).toMatchObject({ method: 'online', scope: 'organisations_referred_to', recordedBy: s.worker.id, recordedByOrganisationId: s.frontDoor.id })
    expect(consent.givenAt.getTime()).toBe(givenAt.getTime())
    expect(consent.purpose).toContain(request.reference)
    const [audited] = await db.select().from(auditLog).where(and(eq(auditLog.action, 'front-door.request-converted'), eq(auditLog.subjectId, request.id)))
    expect(audited.details).toEqual({ clientId: client.id, intakeId })

    // Straight on to choosing services: consent allows sending.
    const send = await browser.follow(saved)
    expect(send.status).toBe(200)
    expect(send.body).toContain('Client, need and consent recorded from the request.')
    expect(send.body).not.toMatch(/consent (is|has been) (missing|withdrawn|expired)/i)
    // Submitting again does not make a second client: it goes to the same intake.
    const again = await browser.submit('/clients/new', formOf(prefilled), `/front-door/requests/${request.id}/convert`)
    expect(again.status).toBe(303)
    expect(again.location).toBe(`/intakes/${intakeId}/send`)
    expect(await db.select().from(clients).where(and(eq(clients.networkId, s.network.id), eq(clients.name, 'Rahima Begum')))).toHaveLength(1)
    // Back to the form (the browser's back button): on to its referrals; closing it is refused, it is finished.
    expect((await browser.get(`/front-door/requests/${request.id}/convert`)).location).toBe(`/intakes/${intakeId}/send`)
    const close = await browser.get(`/front-door/requests/${request.id}/close`)
    expect(close.status).toBe(409)
    expect(close.body).toContain('This request is already closed or turned into referrals.')
    const page = await browser.get(`/front-door/requests/${request.id}`)
    expect(page.body).toContain(`Turned into referrals by ${s.worker.name}`)
    expect(page.body).toContain(`href="/intakes/${intakeId}"`)
  })

  it('records consent as verbal for a request taken by phone', async () => {
    const s = await frontDoorNetwork()
    const request = await claimedRequest(s, { channel: 'phone', consentMethod: 'verbal', recordedByUserId: s.colleague.id, recordedByOrganisationId: s.frontDoor.id })
    const browser = await signIn(app, s.worker)
    const form = await browser.get(`/front-door/requests/${request.id}/convert`)
    expect(form.body).toContain('They gave consent on the phone.')
    const saved = await browser.submit(`/front-door/requests/${request.id}/convert`, formOf(intakeValuesFrom(request, new Set(request.issueTermIds), (code) => code)))
    expect(saved.status).toBe(303)
    const { db } = await testDatabase()
    const [row] = await db.select().from(frontDoorRequests).where(eq(frontDoorRequests.id, request.id))
    const [consent] = await db.select().from(consents).where(eq(consents.clientId, row.clientId as string))
    expect(consent.method).toBe('verbal')
  })

  it('offers a possible duplicate (same name and date of birth) before making a new client', async () => {
    const s = await frontDoorNetwork()
    const existing = await clientFactory.create({ networkId: s.network.id, organisationId: s.frontDoor.id, name: 'Jim Hargreaves', dateOfBirth: '1948-02-11' })
    const request = await claimedRequest(s, { name: 'Jim Hargreaves' })
    const browser = await signIn(app, s.worker)
    const form = formOf(intakeValuesFrom(request, new Set(request.issueTermIds), (code) => code), { dobDay: '11', dobMonth: '2', dobYear: '1948' })
    const offered = await browser.submit(`/front-door/requests/${request.id}/convert`, form)
    expect(offered.status).toBe(200)
    expect(offered.body).toContain('Yes, use the record for Jim Hargreaves')
    expect(offered.body).toContain(`value="${existing.id}"`)
    const { db } = await testDatabase()
    expect((await db.select().from(frontDoorRequests).where(eq(frontDoorRequests.id, request.id)))[0].status).toBe('claimed')

    const chosen = await browser.submit(`/front-door/requests/${request.id}/convert`, { ...form, sameAs: existing.id })
    expect(chosen.status).toBe(303)
    const [row] = await db.select().from(frontDoorRequests).where(eq(frontDoorRequests.id, request.id))
    expect(row).toMatchObject({ status: 'converted', clientId: existing.id })
    expect(await db.select().from(clients).where(and(eq(clients.organisationId, s.frontDoor.id), eq(clients.name, 'Jim Hargreaves')))).toHaveLength(1)
  })

  it('saves nothing when something fails part-way, and only the person who claimed it may convert it', async () => {
    const s = await frontDoorNetwork()
    // Consent dated in the future is refused by the consent service after the client was made: all of it rolls back.
    const request = await claimedRequest(s, { name: 'Nobody Saved', consentGivenAt: new Date(Date.now() + 3_600_000) })
    const browser = await signIn(app, s.worker)
    const failed = await browser.submit(`/front-door/requests/${request.id}/convert`, formOf(intakeValuesFrom(request, new Set(request.issueTermIds), (code) => code)))
    expect(failed.status).toBe(400)
    const { db } = await testDatabase()
    expect(await db.select().from(clients).where(eq(clients.name, 'Nobody Saved'))).toHaveLength(0)
    expect((await db.select().from(frontDoorRequests).where(eq(frontDoorRequests.id, request.id)))[0].status).toBe('claimed')

    // Consent given more than a year ago has run out: the worker is told to ask again.
    const stale = await claimedRequest(s, { name: 'Stale Consent', consentGivenAt: new Date(Date.now() - 400 * 86_400_000) })
    const staleAttempt = await browser.submit(`/front-door/requests/${stale.id}/convert`, formOf(intakeValuesFrom(stale, new Set(stale.issueTermIds), (code) => code)))
    expect(staleAttempt.status).toBe(409)
    expect(staleAttempt.body).toContain('Their consent is more than a year old.')
    expect(await db.select().from(clients).where(eq(clients.name, 'Stale Consent'))).toHaveLength(0)

    const unclaimed = await frontDoorRequestFactory.create({ networkId: s.network.id })
    expect((await browser.get(`/front-door/requests/${unclaimed.id}/convert`)).status).toBe(409)
    const colleague = await signIn(app, s.colleague)
    const claimedByWorker = await claimedRequest(s)
    expect((await colleague.get(`/front-door/requests/${claimedByWorker.id}/convert`)).status).toBe(409)
    const posted = await colleague.submit('/clients/new', formOf(intakeValuesFrom(claimedByWorker, new Set(), (code) => code)), `/front-door/requests/${claimedByWorker.id}/convert`)
    expect(posted.status).toBe(409)
    expect((await db.select().from(frontDoorRequests).where(eq(frontDoorRequests.id, claimedByWorker.id)))[0].status).toBe('claimed')
  })

  it('re-shows the form with errors and what was typed when an answer is wrong', async () => {
    const s = await frontDoorNetwork()
    const request = await claimedRequest(s, { email: null, contactMethod: 'phone' })
    const browser = await signIn(app, s.worker)
    const form = formOf(intakeValuesFrom(request, new Set(request.issueTermIds), (code) => code), { preferredContactMethod: 'email', dobDay: '31', dobMonth: '2', dobYear: '1970' })
    const refused = await browser.submit(`/front-door/requests/${request.id}/convert`, form)
    expect(refused.status).toBe(400)
    expect(refused.body).toContain('govuk-error-summary')
    expect(inputValue(refused.body, 'name')).toBe(request.name)
    const { db } = await testDatabase()
    expect((await db.select().from(frontDoorRequests).where(eq(frontDoorRequests.id, request.id)))[0].status).toBe('claimed')
  })
})

import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../../app.js'
import { auditLog, consents, outbox, referrals } from '../../../db/schema/index.js'
import { addMembership, networkWithPeople, organisationFactory, userFactory } from '../../../../test/factories.js'
import { serviceFactory } from '../../../../test/directory-factories.js'
import { clientFactory, consentFactory, intakeFactory, referralFactory } from '../../../../test/referral-factories.js'
import { testApp } from '../../../../test/support/app.js'
import { testDatabase } from '../../../../test/support/database.js'
import { signIn } from '../../../../test/support/sign-in.js'
import { consentDecision, lockedConsentDecisions } from './consent.service.js'

/** A client of the network's first organisation, referred to a second one. */
async function referredClient() {
  const people = await networkWithPeople()
  const { network, organisation } = people
  const receiving = await organisationFactory.create({ networkId: network.id })
  const receiver = await userFactory.create()
  await addMembership(receiver, receiving, 'receiver')
  const client = await clientFactory.create({ networkId: network.id, organisationId: organisation.id, name: 'Jim Hargreaves' })
  const intake = await intakeFactory.create({ networkId: network.id, organisationId: organisation.id, clientId: client.id })
  const service = await serviceFactory.create({ networkId: network.id, organisationId: receiving.id })
  const referral = await referralFactory.create({
    networkId: network.id, intakeId: intake.id, clientId: client.id, fromOrganisationId: organisation.id, serviceId: service.id, toOrganisationId: receiving.id,
  })
  return { ...people, receiving, receiver, client, intake, referral }
}

const consentFields = {
  method: 'verbal',
  givenDay: '', givenMonth: '', givenYear: '', givenTime: '',
  scope: 'organisations_referred_to',
  purpose: 'To refer Jim for help with his heating and benefits',
  expiresDay: '', expiresMonth: '', expiresYear: '',
}

/** The form's own defaults (given now, 12 months) with the worker's answers. */
function withDefaults(page: string, answers: Record<string, string | string[]>): Record<string, string | string[]> {
  const value = (name: string) => new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(page)?.[1] ?? ''
  const fields: Record<string, string | string[]> = { ...consentFields }
  for (const name of ['givenDay', 'givenMonth', 'givenYear', 'givenTime', 'expiresDay', 'expiresMonth', 'expiresYear']) fields[name] = value(name)
  return { ...fields, ...answers }
}

describe('consent', () => {
  let app: App
  beforeAll(async () => {
    app = await testApp()
  })
  afterAll(async () => {
    await app.server.close()
  })

  it('is recorded after the intake by the signed-in worker, for 12 months by default, then sending follows', async () => {
    const { network, organisation, referrer, receiving, client, intake } = await referredClient()
    const { db } = await testDatabase()
    expect(await consentDecision(db, { networkId: network.id, clientId: client.id, organisationId: receiving.id, at: new Date() })).toEqual({ allowed: false, reason: 'missing' })
    const browser = await signIn(app, referrer)
    const form = await browser.get(`/intakes/${intake.id}/consent`)
    expect(form.status).toBe(200)
    const response = await browser.submit(`/intakes/${intake.id}/consent`, withDefaults(form.body, {}))
    expect(response.status).toBe(303)
    expect(response.location).toBe(`/intakes/${intake.id}/send`)
    const [row] = await db.select().from(consents).where(eq(consents.clientId, client.id))
    expect(row).toMatchObject({ method: 'verbal', recordedBy: referrer.id, recordedByOrganisationId: organisation.id, scope: 'organisations_referred_to' })
    const yearAhead = new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10)
    expect(Math.abs(Date.parse(row.expiresOn) - Date.parse(yearAhead))).toBeLessThanOrEqual(2 * 86_400_000)
    expect(await consentDecision(db, { networkId: network.id, clientId: client.id, organisationId: receiving.id, at: new Date() })).toMatchObject({ allowed: true })
  })

  it('named organisations: only those are covered', async () => {
    const { network, referrer, receiving, client, intake } = await referredClient()
    const other = await organisationFactory.create({ networkId: network.id })
    const browser = await signIn(app, referrer)
    const form = await browser.get(`/intakes/${intake.id}/consent`)
    const missing = await browser.submit(`/intakes/${intake.id}/consent`, withDefaults(form.body, { scope: 'named' }))
    expect(missing.status).toBe(400)
    expect(missing.body).toContain('Choose at least one organisation')
    expect((await browser.submit(`/intakes/${intake.id}/consent`, withDefaults(form.body, { scope: 'named', organisations: [other.id] }))).status).toBe(303)
    const { db } = await testDatabase()
    const at = new Date()
    expect(await consentDecision(db, { networkId: network.id, clientId: client.id, organisationId: other.id, at })).toMatchObject({ allowed: true })
    expect(await consentDecision(db, { networkId: network.id, clientId: client.id, organisationId: receiving.id, at })).toEqual({ allowed: false, reason: 'not_covered' })
  })

  it('withdrawn: blocks sharing, emails the organisations holding referrals without personal data, audits, locks the record to them', async () => {
    const { network, organisation, referrer, receiving, receiver, client, referral } = await referredClient()
    await consentFactory.create({ networkId: network.id, clientId: client.id, recordedBy: referrer.id, recordedByOrganisationId: organisation.id })
    const atReceiver = await signIn(app, receiver)
    expect((await atReceiver.get(`/clients/${client.id}`)).status).toBe(200)

    const browser = await signIn(app, referrer)
    const refused = await browser.submit(`/clients/${client.id}/consent/withdraw`, { note: '' })
    expect(refused.status).toBe(400)
    const response = await browser.submit(`/clients/${client.id}/consent/withdraw`, { note: 'Client phoned to stop sharing' })
    expect(response.status).toBe(303)

    const { db } = await testDatabase()
    expect(await consentDecision(db, { networkId: network.id, clientId: client.id, organisationId: receiving.id, at: new Date() })).toEqual({ allowed: false, reason: 'withdrawn' })
    const mail = await db.select().from(outbox).where(and(eq(outbox.networkId, network.id), eq(outbox.template, 'consentWithdrawn')))
    expect(mail.map((message) => message.toAddress)).toEqual([receiver.email])
    expect(mail[0].bodyText).toContain(referral.reference)
    expect(mail[0].bodyText).toContain(`/referrals/${referral.id}`)
    expect(`${mail[0].subject} ${mail[0].bodyText}`).not.toContain('Jim')
    expect(`${mail[0].subject} ${mail[0].bodyText}`).not.toContain(client.phone!)
    const [entry] = await db.select().from(auditLog).where(and(eq(auditLog.action, 'consent.withdrawn'), eq(auditLog.subjectId, client.id)))
    expect(entry.details).toMatchObject({ organisationIds: [receiving.id] })

    expect((await atReceiver.get(`/clients/${client.id}`)).status).toBe(404)
    const page = await browser.get(`/clients/${client.id}`)
    expect(page.body).toContain('Consent has been withdrawn')
  })

  it('expired: locks the record and blocks sharing until renewed', async () => {
    const { network, organisation, referrer, receiving, client, intake } = await referredClient()
    await consentFactory.create({
      networkId: network.id, clientId: client.id, recordedBy: referrer.id, recordedByOrganisationId: organisation.id,
      givenAt: new Date(Date.now() - 400 * 86_400_000), expiresOn: new Date(Date.now() - 35 * 86_400_000).toISOString().slice(0, 10),
    })
    const { db } = await testDatabase()
    expect(await consentDecision(db, { networkId: network.id, clientId: client.id, organisationId: receiving.id, at: new Date() })).toEqual({ allowed: false, reason: 'expired' })
    const browser = await signIn(app, referrer)
    expect((await browser.get(`/clients/${client.id}`)).body).toContain('Consent has expired')
    const intakePage = await browser.get(`/intakes/${intake.id}`)
    expect(intakePage.body).toContain('Consent has expired')
    expect(intakePage.body).not.toContain(`/intakes/${intake.id}/send`)

    const form = await browser.get(`/clients/${client.id}/consent/renew`)
    const renewed = await browser.submit(`/clients/${client.id}/consent/renew`, withDefaults(form.body, { method: 'written' }))
    expect(renewed.status).toBe(303)
    expect(await consentDecision(db, { networkId: network.id, clientId: client.id, organisationId: receiving.id, at: new Date() })).toMatchObject({ allowed: true })
  })

  // PGlite is one connection, so two transactions can only meet on a server.
  it.runIf(process.env.DATABASE_URL)('on a server, a withdrawal made while a send is sharing waits for it, then tells the organisation it reached', async () => {
    const people = await networkWithPeople()
    const { network, organisation, referrer } = people
    const receiving = await organisationFactory.create({ networkId: network.id })
    const receiver = await userFactory.create()
    await addMembership(receiver, receiving, 'receiver')
    const client = await clientFactory.create({ networkId: network.id, organisationId: organisation.id })
    const intake = await intakeFactory.create({ networkId: network.id, organisationId: organisation.id, clientId: client.id })
    const service = await serviceFactory.create({ networkId: network.id, organisationId: receiving.id })
    await consentFactory.create({ networkId: network.id, clientId: client.id, recordedBy: referrer.id, recordedByOrganisationId: organisation.id })
    const browser = await signIn(app, referrer)
    const { db } = await testDatabase()
    const referral = referralFactory.build({
      networkId: network.id, intakeId: intake.id, clientId: client.id, fromOrganisationId: organisation.id, serviceId: service.id, toOrganisationId: receiving.id,
    })

    let withdrawal: ReturnType<typeof browser.submit> | undefined
    let withdrawn = false
    await db.transaction(async (tx) => {
      const decisions = await lockedConsentDecisions(tx, { networkId: network.id, clientId: client.id, organisationIds: [receiving.id], at: new Date() })
      expect(decisions.get(receiving.id)).toMatchObject({ allowed: true })
      withdrawal = browser.submit(`/clients/${client.id}/consent/withdraw`, { note: 'Client phoned to stop sharing' })
      void withdrawal.then(() => (withdrawn = true))
      await new Promise((resolve) => setTimeout(resolve, 300))
      expect(withdrawn).toBe(false)
      await tx.insert(referrals).values(referral)
    })
    expect((await withdrawal)?.status).toBe(303)
    const mail = await db.select().from(outbox).where(and(eq(outbox.networkId, network.id), eq(outbox.template, 'consentWithdrawn')))
    expect(mail.map((message) => message.toAddress)).toEqual([receiver.email])
    expect(mail[0].bodyText).toContain(referral.reference)
    expect(await consentDecision(db, { networkId: network.id, clientId: client.id, organisationId: receiving.id, at: new Date() })).toEqual({ allowed: false, reason: 'withdrawn' })
  })
})

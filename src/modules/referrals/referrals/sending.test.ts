import { randomUUID } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../../app.js'
import { consents, intakeIssues, referralEvents, referrals, services } from '../../../db/schema/index.js'
import { serviceFactory } from '../../../../test/directory-factories.js'
import { testApp } from '../../../../test/support/app.js'
import { testDatabase } from '../../../../test/support/database.js'
import { SendingRefused } from './dispatch.js'
import { createReferralsService } from './referrals.service.js'
import { referralWorld } from './referrals.test-support.js'

const referralsOf = async (networkId: string) => {
  const { db } = await testDatabase()
  return db.select().from(referrals).where(eq(referrals.networkId, networkId))
}

async function refusal(promise: Promise<unknown>): Promise<SendingRefused> {
  const error = await promise.then(() => null, (caught: unknown) => caught)
  expect(error).toBeInstanceOf(SendingRefused)
  return error as SendingRefused
}

describe('sending referrals', () => {
  let app: App
  beforeAll(async () => {
    app = await testApp()
  })
  afterAll(async () => {
    await app.server.close()
  })

  it('sends several services in one step, each its own referral with a sent event; the same form twice makes nothing new', async () => {
    const world = await referralWorld()
    const caller = await world.as(world.people.referrer.id)
    const { sending } = app.services.referrals
    const input = { idempotencyKey: randomUUID(), chosen: [{ serviceId: world.services.debtB.id }, { serviceId: world.services.debtC.id }] }
    const first = await sending.send(caller, world.intake.id, input)
    const again = await sending.send(caller, world.intake.id, input)
    expect(first.created).toBe(2)
    expect(again.created).toBe(0)
    const made = await referralsOf(world.network.id)
    expect(made.map((row) => row.serviceId).sort()).toEqual([world.services.debtB.id, world.services.debtC.id].sort())
    expect(new Set(made.map((row) => row.intakeId))).toEqual(new Set([world.intake.id]))
    for (const row of made) expect(row.reference).toMatch(/^R-[2-9A-Z]{6}$/)
    const { db } = await testDatabase()
    // Each carries its intake's issues, which the work lists filter by.
    const issueIds = (await db.select({ termId: intakeIssues.termId }).from(intakeIssues).where(eq(intakeIssues.intakeId, world.intake.id))).map((row) => row.termId).sort()
    expect(issueIds.length).toBeGreaterThan(0)
    for (const row of made) expect([...row.issueIds].sort()).toEqual(issueIds)
    const events = await db.select().from(referralEvents).where(eq(referralEvents.networkId, world.network.id))
    expect(events.map((event) => event.type)).toEqual(['sent', 'sent'])
    const confirmation = await sending.sent(caller, world.intake.id, input.idempotencyKey)
    expect(confirmation.map((row) => row.serviceName).sort()).toEqual(['Debt Advice Line', 'Rent Arrears Help'])
  })

  it('a double click sent at the same moment still makes one referral per service', async () => {
    const world = await referralWorld()
    const caller = await world.as(world.people.referrer.id)
    const input = { idempotencyKey: randomUUID(), chosen: [{ serviceId: world.services.debtB.id }] }
    await Promise.all([app.services.referrals.sending.send(caller, world.intake.id, input), app.services.referrals.sending.send(caller, world.intake.id, input)])
    expect(await referralsOf(world.network.id)).toHaveLength(1)
  })

  it.each(['missing', 'withdrawn', 'expired'] as const)('consent %s blocks sending and saves nothing', async (state) => {
    const world = await referralWorld({ consent: state !== 'missing' })
    const { db } = await testDatabase()
    if (state === 'withdrawn') await db.update(consents).set({ withdrawnAt: new Date(), withdrawnBy: world.people.referrer.id }).where(eq(consents.clientId, world.client.id))
    if (state === 'expired') await db.update(consents).set({ expiresOn: '2020-01-01' }).where(eq(consents.clientId, world.client.id))
    const caller = await world.as(world.people.referrer.id)
    const error = await refusal(app.services.referrals.sending.send(caller, world.intake.id, { idempotencyKey: randomUUID(), chosen: [{ serviceId: world.services.debtB.id }, { serviceId: world.services.debtC.id }] }))
    expect(error.problems).toEqual([{ field: 'consent', message: `referrals:errors.consent.${state}` }])
    expect(await referralsOf(world.network.id)).toHaveLength(0)
    const page = await app.services.referrals.sending.sendingPage(caller, world.intake.id)
    expect(page.consent).toEqual({ allowed: false, reason: state })
  })

  it('a paused service cannot be chosen, and nothing else in the same send is saved', async () => {
    const world = await referralWorld()
    const { db } = await testDatabase()
    await db.update(services).set({ capacityStatus: 'paused', expectedReopening: '2099-03-01' }).where(eq(services.id, world.services.debtC.id))
    const caller = await world.as(world.people.referrer.id)
    const page = await app.services.referrals.sending.sendingPage(caller, world.intake.id)
    const paused = page.candidates.forNeed.find((candidate) => candidate.serviceId === world.services.debtC.id)
    expect(paused?.reasons).toContainEqual(expect.objectContaining({ criterion: 'capacity', ok: false, key: 'pausedUntil' }))
    const error = await refusal(app.services.referrals.sending.send(caller, world.intake.id, { idempotencyKey: randomUUID(), chosen: [{ serviceId: world.services.debtB.id }, { serviceId: world.services.debtC.id }] }))
    expect(error.problems).toEqual([{ field: 'service', message: 'referrals:errors.serviceUnavailable', params: { service: 'Rent Arrears Help' } }])
    expect(await referralsOf(world.network.id)).toHaveLength(0)
  })

  it('a service whose criteria the client does not meet needs a written justification, which is kept with the reasons shown', async () => {
    const world = await referralWorld()
    const over60 = await serviceFactory.transient({ issues: ['debt'] }).create({ networkId: world.network.id, organisationId: world.organisations.adviceB.id, name: 'Later Life Money', minimumAge: 60 })
    const caller = await world.as(world.people.referrer.id)
    const { sending } = app.services.referrals
    const key = randomUUID()
    const error = await refusal(sending.send(caller, world.intake.id, { idempotencyKey: key, chosen: [{ serviceId: over60.id }] }))
    expect(error.problems).toEqual([{ field: `justification-${over60.id}`, message: 'referrals:errors.justificationRequired', params: { service: 'Later Life Money' } }])
    expect(await referralsOf(world.network.id)).toHaveLength(0)
    await sending.send(caller, world.intake.id, { idempotencyKey: key, chosen: [{ serviceId: over60.id, justification: 'Cares for her mother, 84, whose debts she manages.' }] })
    const [made] = await referralsOf(world.network.id)
    expect(made.justification).toBe('Cares for her mother, 84, whose debts she manages.')
    expect(made.eligibility).toContainEqual(expect.objectContaining({ criterion: 'age', ok: false, key: 'ageFrom' }))
  })

  it('another organisation cannot send from the intake: it does not exist for them', async () => {
    const world = await referralWorld()
    const outsider = await world.as(world.people.outsider.id)
    await expect(app.services.referrals.sending.sendingPage(outsider, world.intake.id)).rejects.toMatchObject({ statusCode: 404 })
    await expect(app.services.referrals.sending.send(outsider, world.intake.id, { idempotencyKey: randomUUID(), chosen: [{ serviceId: world.services.debtB.id }] })).rejects.toMatchObject({ statusCode: 404 })
  })

  it.each([
    ['england', '2027-01-05'],
    ['scotland', '2027-01-06'],
  ] as const)('the contact due date counts working days of the network’s nation (%s, across New Year and 2 January)', async (nation, due) => {
    const world = await referralWorld({ nation })
    const { db } = await testDatabase()
    await db.update(services).set({ contactSlaDays: 2 }).where(and(eq(services.id, world.services.debtB.id)))
    // Thursday 31 December 2026: 1 January is a bank holiday everywhere; Scotland also takes Monday 4th for Saturday 2nd.
    const referralsService = createReferralsService({ ...app.services.deps, now: () => new Date('2026-12-31T10:00:00Z') }, app.services.directorySearch)
    const caller = await world.as(world.people.referrer.id)
    await referralsService.sending.send(caller, world.intake.id, { idempotencyKey: randomUUID(), chosen: [{ serviceId: world.services.debtB.id }] })
    const [made] = await referralsOf(world.network.id)
    expect(made.contactSlaDays).toBe(2)
    expect(made.contactDueOn).toBe(due)
  })
})

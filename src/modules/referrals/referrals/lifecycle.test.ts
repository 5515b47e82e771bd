import { randomUUID } from 'node:crypto'
import { and, eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../../app.js'
import { auditLog, referralEvents, referrals } from '../../../db/schema/index.js'
import { testApp } from '../../../../test/support/app.js'
import { testDatabase } from '../../../../test/support/database.js'
import { signIn } from '../../../../test/support/sign-in.js'
import { ReferralActionRefused } from './lifecycle.service.js'
import { referralWorld, type ReferralWorld } from './referrals.test-support.js'

async function sendTo(app: App, world: ReferralWorld, serviceId: string): Promise<string> {
  const caller = await world.as(world.people.referrer.id)
  const key = randomUUID()
  await app.services.referrals.sending.send(caller, world.intake.id, { idempotencyKey: key, chosen: [{ serviceId }] })
  const [sent] = await app.services.referrals.sending.sent(caller, world.intake.id, key)
  return sent.id
}

const eventsOf = async (referralId: string) => {
  const { db } = await testDatabase()
  return db.select().from(referralEvents).where(eq(referralEvents.referralId, referralId)).orderBy(referralEvents.id)
}
const statusOf = async (referralId: string) => {
  const { db } = await testDatabase()
  const [row] = await db.select().from(referrals).where(eq(referrals.id, referralId))
  return row
}

describe('the referral lifecycle', () => {
  let app: App
  beforeAll(async () => {
    app = await testApp()
  })
  afterAll(async () => {
    await app.server.close()
  })

  it('the receiver opens, accepts, records contact and completes; each move is an event; the sender’s view changes nothing', async () => {
    const world = await referralWorld()
    const referralId = await sendTo(app, world, world.services.debtB.id)
    const { lifecycle } = app.services.referrals
    const sender = await world.as(world.people.referrer.id)
    const receiver = await world.as(world.people.receiverB.id)
    expect((await lifecycle.referralPage(sender, referralId)).referral.status).toBe('sent')
    const page = await lifecycle.referralPage(receiver, referralId)
    expect(page.referral.status).toBe('received')
    expect(page.actions).toEqual(['accept', 'contact', 'unable-to-contact', 'decline'])
    await lifecycle.act(receiver, referralId, { action: 'accept' })
    await lifecycle.act(receiver, referralId, { action: 'contact', note: 'Spoke on the phone.' })
    await lifecycle.act(receiver, referralId, { action: 'complete', outcomes: ['advice_given', 'debt_managed'], note: 'Plan agreed.' })
    const done = await statusOf(referralId)
    expect(done.status).toBe('completed')
    expect(done.outcome).toBe('advice_given,debt_managed')
    expect(done.contactedAt).not.toBeNull()
    const events = await eventsOf(referralId)
    expect(events.map((event) => [event.type, event.fromStatus, event.toStatus])).toEqual([
      ['sent', null, 'sent'],
      ['received', 'sent', 'received'],
      ['accepted', 'received', 'accepted'],
      ['contacted', 'accepted', 'in_progress'],
      ['completed', 'in_progress', 'completed'],
    ])
    expect(events[3]).toMatchObject({ note: 'Spoke on the phone.', actorUserId: world.people.receiverB.id, actorOrganisationId: world.organisations.adviceB.id })
    // Each view of the page showed the client's details: audited with the referral id, no personal data.
    const { db } = await testDatabase()
    const audits = await db.select().from(auditLog).where(and(eq(auditLog.action, 'client.viewed'), eq(auditLog.subjectId, world.client.id)))
    expect(audits.filter((row) => (row.details as { referralId?: string }).referralId === referralId)).toHaveLength(2)
  })

  it('recording contact straight from received implies acceptance', async () => {
    const world = await referralWorld()
    const referralId = await sendTo(app, world, world.services.debtB.id)
    const receiver = await world.as(world.people.receiverB.id)
    await app.services.referrals.lifecycle.referralPage(receiver, referralId)
    await app.services.referrals.lifecycle.act(receiver, referralId, { action: 'contact' })
    const row = await statusOf(referralId)
    expect(row.status).toBe('in_progress')
    expect(row.acceptedAt).not.toBeNull()
  })

  it('refuses illegal moves with nothing changed: wrong state, or the wrong side', async () => {
    const world = await referralWorld()
    const referralId = await sendTo(app, world, world.services.debtB.id)
    const { lifecycle } = app.services.referrals
    const sender = await world.as(world.people.referrer.id)
    const receiver = await world.as(world.people.receiverB.id)
    await expect(lifecycle.act(receiver, referralId, { action: 'complete', outcomes: ['advice_given'] })).rejects.toBeInstanceOf(ReferralActionRefused)
    await expect(lifecycle.act(sender, referralId, { action: 'accept' })).rejects.toBeInstanceOf(ReferralActionRefused)
    await expect(lifecycle.act(receiver, referralId, { action: 'withdraw', note: 'No.' })).rejects.toBeInstanceOf(ReferralActionRefused)
    expect((await statusOf(referralId)).status).toBe('sent')
    expect((await eventsOf(referralId)).map((event) => event.type)).toEqual(['sent'])
    await lifecycle.act(sender, referralId, { action: 'withdraw', note: 'Client found help elsewhere.' })
    await expect(lifecycle.act(receiver, referralId, { action: 'accept' })).rejects.toBeInstanceOf(ReferralActionRefused)
    expect((await statusOf(referralId)).status).toBe('withdrawn')
  })

  it('unable to contact and decline close the referral with their note and reason', async () => {
    const world = await referralWorld()
    const first = await sendTo(app, world, world.services.debtB.id)
    const second = await sendTo(app, world, world.services.debtC.id)
    const { lifecycle } = app.services.referrals
    const receiverB = await world.as(world.people.receiverB.id)
    const receiverC = await world.as(world.people.receiverC.id)
    await lifecycle.act(receiverB, first, { action: 'accept' })
    await lifecycle.act(receiverB, first, { action: 'unable-to-contact', note: 'Three calls, Mon–Wed, no answer.' })
    await lifecycle.act(receiverC, second, { action: 'decline', reason: 'no_capacity', note: 'Waiting list closed.' })
    expect(await statusOf(first)).toMatchObject({ status: 'unable_to_contact', closingNote: 'Three calls, Mon–Wed, no answer.' })
    expect(await statusOf(second)).toMatchObject({ status: 'declined', declineReason: 'no_capacity' })
  })

  it('a declined referral is re-routed to a new linked referral, seen from both ends, without offering services already tried', async () => {
    const world = await referralWorld()
    const declined = await sendTo(app, world, world.services.debtC.id)
    const { lifecycle, reroute } = app.services.referrals
    const receiverC = await world.as(world.people.receiverC.id)
    const sender = await world.as(world.people.referrer.id)
    await lifecycle.act(receiverC, declined, { action: 'decline', reason: 'no_capacity' })
    const offer = await reroute.reroutePage(receiverC, declined)
    const offered = offer.candidates.forNeed.map((candidate) => candidate.serviceId)
    expect(offered).not.toContain(world.services.debtC.id)
    expect(offered).toEqual(expect.arrayContaining([world.services.debtB.id, world.services.debtE.id]))
    const key = randomUUID()
    const nextId = await reroute.reroute(receiverC, declined, { idempotencyKey: key, serviceId: world.services.debtE.id })
    expect(await reroute.reroute(receiverC, declined, { idempotencyKey: key, serviceId: world.services.debtE.id })).toBe(nextId)
    const next = await statusOf(nextId)
    expect(next).toMatchObject({ previousReferralId: declined, fromOrganisationId: world.organisations.foodbank.id, toOrganisationId: world.organisations.charityE.id, status: 'sent' })
    expect((await eventsOf(declined)).map((event) => event.type)).toEqual(['sent', 'declined', 'rerouted'])
    expect((await lifecycle.referralPage(receiverC, declined)).next.map((link) => link.id)).toEqual([nextId])
    expect((await lifecycle.referralPage(sender, nextId)).previous.map((link) => link.id)).toEqual([declined])
    await expect(reroute.reroute(sender, declined, { idempotencyKey: randomUUID(), serviceId: world.services.debtB.id })).rejects.toMatchObject({ problems: [{ message: 'referrals:errors.alreadyRerouted' }] })
  })

  it('referral events are append-only', async () => {
    const world = await referralWorld()
    const referralId = await sendTo(app, world, world.services.debtB.id)
    const { db } = await testDatabase()
    await expect(db.execute(sql`update referral_events set note = 'changed' where referral_id = ${referralId}`)).rejects.toThrow()
    await expect(db.execute(sql`delete from referral_events where referral_id = ${referralId}`)).rejects.toThrow()
    expect((await eventsOf(referralId))[0].note).toBeNull()
  })

  it('the page and its forms are 404 for another organisation, the coordinator and another network', async () => {
    const world = await referralWorld()
    const elsewhere = await referralWorld()
    const referralId = await sendTo(app, world, world.services.debtB.id)
    const before = await statusOf(referralId)
    for (const user of [world.people.outsider, world.people.coordinator, elsewhere.people.receiverB]) {
      const browser = await signIn(app, user)
      expect((await browser.get(`/referrals/${referralId}`)).status).toBe(404)
      expect((await browser.get(`/referrals/${referralId}/reroute`)).status).toBe(404)
      const token = /name="_csrf" value="([^"]+)"/.exec((await browser.get('/account/password')).body)?.[1] ?? ''
      expect(token).not.toBe('')
      for (const [action, fields] of [['accept', {}], ['decline', { reason: 'no_capacity' }], ['withdraw', { note: 'x' }], ['messages', { body: 'hello' }], ['reroute', { key: randomUUID(), service: world.services.debtE.id }]] as const) {
        expect((await browser.post(`/referrals/${referralId}/${action}`, { ...fields, _csrf: token })).status).toBe(404)
      }
      expect((await browser.get(`/intakes/${world.intake.id}/send`)).status).toBe(404)
    }
    expect(await statusOf(referralId)).toEqual(before)
    expect((await eventsOf(referralId)).map((event) => event.type)).toEqual(['sent'])
  })
})

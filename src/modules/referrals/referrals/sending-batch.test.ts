import { randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { App } from '../../../app.js'
import { notifications, referralEvents, referrals } from '../../../db/schema/index.js'
import { testApp } from '../../../../test/support/app.js'
import { testDatabase } from '../../../../test/support/database.js'
import { references } from './dispatch.js'
import { referralWorld } from './referrals.test-support.js'

/*
 * Sending several services writes the referrals and their events in one statement each: every referral still gets
 * its own 'sent' event and its own notifications, and a reference that clashes is drawn again for that referral only.
 */
describe('sending several services at once', () => {
  let app: App
  beforeAll(async () => {
    app = await testApp()
  })
  afterAll(async () => {
    await app.server.close()
  })
  afterEach(() => {
    vi.restoreAllMocks()
  })

  it('gives each referral its own sent event and tells each receiving organisation about its own referral', async () => {
    const world = await referralWorld()
    const caller = await world.as(world.people.referrer.id)
    const { debtB, debtC, debtE } = world.services
    const sent = await app.services.referrals.sending.send(caller, world.intake.id, { idempotencyKey: randomUUID(), chosen: [{ serviceId: debtB.id }, { serviceId: debtC.id }, { serviceId: debtE.id }] })
    expect(sent.created).toBe(3)
    const { db } = await testDatabase()
    const made = await db.select().from(referrals).where(eq(referrals.networkId, world.network.id))
    const events = await db.select().from(referralEvents).where(eq(referralEvents.networkId, world.network.id))
    expect(events.map((event) => event.referralId).sort()).toEqual(made.map((row) => row.id).sort())
    expect(new Set(events.map((event) => event.type))).toEqual(new Set(['sent']))
    const told = await db.select().from(notifications).where(eq(notifications.networkId, world.network.id))
    const referralOf = (serviceId: string) => made.find((row) => row.serviceId === serviceId)?.id
    expect(told.filter((row) => row.userId === world.people.receiverB.id).map((row) => row.referralId)).toEqual([referralOf(debtB.id)])
    expect(told.filter((row) => row.userId === world.people.receiverC.id).map((row) => row.referralId)).toEqual([referralOf(debtC.id)])
    expect(told.filter((row) => row.userId === world.people.referrer.id)).toEqual([])
  })

  it('draws a clashing reference again, for the clashing referral only', async () => {
    const world = await referralWorld()
    const caller = await world.as(world.people.referrer.id)
    const { debtB, debtC } = world.services
    // Both referrals of the first insert draw the same reference: one is saved, the other clashes and is drawn again.
    const draw = vi.spyOn(references, 'draw').mockReturnValueOnce('R-222222').mockReturnValueOnce('R-222222')
    const sent = await app.services.referrals.sending.send(caller, world.intake.id, { idempotencyKey: randomUUID(), chosen: [{ serviceId: debtB.id }, { serviceId: debtC.id }] })
    expect(draw).toHaveBeenCalledTimes(3)
    expect(sent.created).toBe(2)
    const { db } = await testDatabase()
    const made = await db.select().from(referrals).where(eq(referrals.networkId, world.network.id))
    expect(made).toHaveLength(2)
    expect(made.map((row) => row.reference)).toContain('R-222222')
    expect(new Set(made.map((row) => row.reference)).size).toBe(2)
    const events = await db.select().from(referralEvents).where(eq(referralEvents.networkId, world.network.id))
    expect(events).toHaveLength(2)
  })
})

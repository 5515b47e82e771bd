import { and, eq, inArray } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../app.js'
import { memberships, notifications, outbox } from '../../db/schema/index.js'
import { testApp } from '../../../test/support/app.js'
import { testDatabase } from '../../../test/support/database.js'
import { notifyReferralEvent, unreadCount, type ReferralEventNotice } from './notifications.service.js'
import { clientDetails, referralBetweenTwoOrganisations } from './notifications.test-support.js'

type Setup = Awaited<ReturnType<typeof referralBetweenTwoOrganisations>>

describe('notifyReferralEvent', () => {
  let app: App
  beforeAll(async () => {
    app = await testApp()
  })
  afterAll(async () => {
    await app.server.close()
  })

  const notify = async (setup: Setup, type: string, actor: { id: string }, actorOrganisation: { id: string }): Promise<void> => {
    const { db } = await testDatabase()
    const notice: ReferralEventNotice = {
      networkId: setup.network.id,
      referralId: setup.referral.id,
      reference: setup.referral.reference,
      type,
      actorUserId: actor.id,
      actorOrganisationId: actorOrganisation.id,
      fromOrganisationId: setup.sending.id,
      toOrganisationId: setup.receiving.id,
    }
    await db.transaction((tx) => notifyReferralEvent(app.services.deps, tx, notice))
  }
  const notified = async (setup: Setup, kind: string): Promise<string[]> => {
    const { db } = await testDatabase()
    const rows = await db
      .select({ userId: notifications.userId })
      .from(notifications)
      .where(and(eq(notifications.networkId, setup.network.id), eq(notifications.referralId, setup.referral.id), eq(notifications.kind, kind)))
    return rows.map((row) => row.userId).sort()
  }
  const mailTo = async (...users: { email: string }[]) => {
    const { db } = await testDatabase()
    return db.select().from(outbox).where(inArray(outbox.toAddress, users.map((user) => user.email)))
  }
  const ids = (...users: { id: string }[]): string[] => users.map((user) => user.id).sort()

  it('tells the receiving organisation’s receivers and admins of a new referral, emailing only those who want it at once', async () => {
    const setup = await referralBetweenTwoOrganisations()
    await notify(setup, 'sent', setup.sender, setup.sending)

    expect(await notified(setup, 'sent')).toEqual(ids(setup.receiver, setup.dailyReceiver, setup.receivingAdmin))
    // Not the sender's side, not the receiving organisation's referrer, not a third organisation, not the coordinator.
    const [immediate] = await mailTo(setup.receiver)
    expect(immediate.subject).toBe(`New referral ${setup.referral.reference} for Debt Advice Line`)
    expect(immediate.bodyText).toContain(`/referrals/${setup.referral.id}`)
    expect(await mailTo(setup.dailyReceiver, setup.receivingAdmin)).toHaveLength(0)
    for (const detail of clientDetails(setup.client)) {
      expect(immediate.subject).not.toContain(detail)
      expect(immediate.bodyText).not.toContain(detail)
    }
    const { db } = await testDatabase()
    const rows = await db.select().from(notifications).where(eq(notifications.referralId, setup.referral.id))
    expect(rows.find((row) => row.userId === setup.receiver.id)?.emailedAt).not.toBeNull()
    expect(rows.find((row) => row.userId === setup.dailyReceiver.id)?.emailedAt).toBeNull()
    expect(JSON.stringify(rows.map((row) => row.params))).not.toContain(setup.client.name)
    expect(await unreadCount(db, setup.receiver.id, setup.network.id)).toBe(1)
    expect(await unreadCount(db, setup.sender.id, setup.network.id)).toBe(0)
  })

  it('tells the referrer who sent it and the sending organisation’s admins when the receiver acts, in the referrer’s language', async () => {
    const setup = await referralBetweenTwoOrganisations()
    await notify(setup, 'accepted', setup.receiver, setup.receiving)

    expect(await notified(setup, 'accepted')).toEqual(ids(setup.sender, setup.sendingAdmin))
    const [welsh] = await mailTo(setup.sender)
    expect(welsh.language).toBe('cy')
    expect(welsh.subject).toBe(`Cafodd atgyfeiriad ${setup.referral.reference} i Debt Advice Line ei dderbyn`)
    expect((await mailTo(setup.sendingAdmin))[0].subject).toBe(`Referral ${setup.referral.reference} to Debt Advice Line was accepted`)
    expect(await mailTo(setup.senderColleague, setup.receiver, setup.dailyReceiver, setup.thirdReceiver, setup.coordinator)).toHaveLength(0)
  })

  it('says nothing when the receiver opens the referral', async () => {
    const setup = await referralBetweenTwoOrganisations()
    await notify(setup, 'received', setup.receiver, setup.receiving)
    const { db } = await testDatabase()
    expect(await db.select().from(notifications).where(eq(notifications.referralId, setup.referral.id))).toHaveLength(0)
  })

  it('sends a message to the other side, whichever side wrote it, and never to the writer', async () => {
    const setup = await referralBetweenTwoOrganisations()
    await notify(setup, 'message', setup.receivingAdmin, setup.receiving)
    expect(await notified(setup, 'message')).toEqual(ids(setup.sender, setup.sendingAdmin))

    const again = await referralBetweenTwoOrganisations()
    await notify(again, 'message', again.sendingAdmin, again.sending)
    expect(await notified(again, 'message')).toEqual(ids(again.receiver, again.dailyReceiver, again.receivingAdmin))
  })

  it('leaves out the actor when they are one of the people who would be told', async () => {
    const setup = await referralBetweenTwoOrganisations()
    await notify(setup, 'declined', setup.receivingAdmin, setup.receiving)
    await notify(setup, 'withdrawn', setup.sendingAdmin, setup.sending)
    expect(await notified(setup, 'declined')).toEqual(ids(setup.sender, setup.sendingAdmin))
    expect(await notified(setup, 'withdrawn')).toEqual(ids(setup.receiver, setup.dailyReceiver, setup.receivingAdmin))

    const rerouted = await referralBetweenTwoOrganisations()
    // Re-routed by the referrer who sent it: the receiving side hears, whatever the type's usual direction.
    await notify(rerouted, 'rerouted', rerouted.sender, rerouted.sending)
    expect(await notified(rerouted, 'rerouted')).toEqual(ids(rerouted.receiver, rerouted.dailyReceiver, rerouted.receivingAdmin))
  })

  it('does not tell a referrer who has since left the sending organisation', async () => {
    const setup = await referralBetweenTwoOrganisations()
    const { db } = await testDatabase()
    await db.delete(memberships).where(eq(memberships.userId, setup.sender.id))
    await notify(setup, 'completed', setup.receiver, setup.receiving)
    expect(await notified(setup, 'completed')).toEqual(ids(setup.sendingAdmin))
  })

  it('refuses an event type it does not know, so a typo cannot silently tell no one', async () => {
    const setup = await referralBetweenTwoOrganisations()
    await expect(notify(setup, 'acepted', setup.receiver, setup.receiving)).rejects.toThrow(/acepted/)
  })
})

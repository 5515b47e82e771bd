import { and, eq, inArray } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../app.js'
import { notifications, outbox } from '../../db/schema/index.js'
import { jobDefinitions } from '../../jobs.js'
import { testApp } from '../../../test/support/app.js'
import { testDatabase } from '../../../test/support/database.js'
import { referralFactory } from '../../../test/referral-factories.js'
import { dailyDigestJobName } from './notifications.jobs.js'
import { notifyReferralEvent } from './notifications.service.js'
import { clientDetails, referralBetweenTwoOrganisations } from './notifications.test-support.js'

describe('the daily digest', () => {
  let app: App
  beforeAll(async () => {
    app = await testApp()
  })
  afterAll(async () => {
    await app.server.close()
  })

  it('emails each person who chose it once, with every notification not yet emailed, and never twice', async () => {
    const setup = await referralBetweenTwoOrganisations()
    const second = await referralFactory.create({
      networkId: setup.network.id,
      intakeId: setup.intake.id,
      clientId: setup.client.id,
      fromOrganisationId: setup.sending.id,
      fromUserId: setup.sender.id,
      serviceId: setup.service.id,
      toOrganisationId: setup.receiving.id,
    })
    const { db } = await testDatabase()
    for (const referral of [setup.referral, second]) {
      await db.transaction((tx) =>
        notifyReferralEvent(app.services.deps, tx, {
          networkId: setup.network.id,
          referralId: referral.id,
          reference: referral.reference,
          type: 'sent',
          actorUserId: setup.sender.id,
          actorOrganisationId: setup.sending.id,
          fromOrganisationId: setup.sending.id,
          toOrganisationId: setup.receiving.id,
        }),
      )
    }
    const mailTo = async (user: { email: string }) =>
      db.select().from(outbox).where(and(eq(outbox.toAddress, user.email), eq(outbox.template, 'notificationDigest')))

    const run = new Date(Date.now() + 60_000)
    expect(await app.services.notifications.sendDailyDigests(run, { networkId: setup.network.id })).toBe(1)
    const digests = await mailTo(setup.dailyReceiver)
    expect(digests).toHaveLength(1)
    expect(digests[0].subject).toBe('Your referral updates: 2')
    expect(digests[0].bodyText).toContain(setup.referral.reference)
    expect(digests[0].bodyText).toContain(second.reference)
    expect(digests[0].bodyText).toContain(`/referrals/${second.id}`)
    for (const detail of clientDetails(setup.client)) expect(digests[0].bodyText).not.toContain(detail)
    // 'Immediately' was emailed already; 'off' is never emailed.
    expect(await mailTo(setup.receiver)).toHaveLength(0)
    expect(await mailTo(setup.receivingAdmin)).toHaveLength(0)
    const rows = await db.select().from(notifications).where(inArray(notifications.referralId, [setup.referral.id, second.id]))
    expect(rows.filter((row) => row.userId === setup.dailyReceiver.id).every((row) => row.emailedAt !== null)).toBe(true)
    expect(rows.filter((row) => row.userId === setup.receivingAdmin.id).every((row) => row.emailedAt === null)).toBe(true)

    // Run again (a retry, or the job twice): nothing new to send.
    expect(await app.services.notifications.sendDailyDigests(new Date(run.getTime() + 60_000), { networkId: setup.network.id })).toBe(0)
    expect(await mailTo(setup.dailyReceiver)).toHaveLength(1)
  })

  it('runs every morning at 07:00', () => {
    const job = jobDefinitions(app.services).find((definition) => definition.name === dailyDigestJobName)
    expect(job?.schedule).toBe('0 7 * * *')
  })
})

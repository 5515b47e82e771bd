import { and, eq, inArray } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../../app.js'
import { notifications, outbox, referrals } from '../../../db/schema/index.js'
import { jobDefinitions } from '../../../jobs.js'
import { serviceFactory } from '../../../../test/directory-factories.js'
import { referralFactory } from '../../../../test/referral-factories.js'
import { testApp } from '../../../../test/support/app.js'
import { testDatabase } from '../../../../test/support/database.js'
import { clientDetails, preferEmail, referralBetweenTwoOrganisations } from '../../notifications/notifications.test-support.js'
import { overdueJobName } from './overdue.jobs.js'

// Tuesday 10 March 2026, 08:00 in London.
const tuesday = new Date('2026-03-10T08:00:00Z')

describe('the overdue job', () => {
  let app: App
  beforeAll(async () => {
    app = await testApp()
  })
  afterAll(async () => {
    await app.server.close()
  })

  async function overdueNetwork() {
    const setup = await referralBetweenTwoOrganisations()
    const { db } = await testDatabase()
    const base = { networkId: setup.network.id, intakeId: setup.intake.id, clientId: setup.client.id, fromOrganisationId: setup.sending.id, fromUserId: setup.sender.id }
    const toReceiving = { ...base, serviceId: setup.service.id, toOrganisationId: setup.receiving.id }
    // The setup's own referral: due Thursday 5 March, still only sent: 3 working days overdue on Tuesday 10th.
    await db.update(referrals).set({ contactDueOn: '2026-03-05' }).where(eq(referrals.id, setup.referral.id))
    const accepted = await referralFactory.create({ ...toReceiving, status: 'accepted', contactDueOn: '2026-03-09' })
    const contacted = await referralFactory.create({ ...toReceiving, status: 'in_progress', contactDueOn: '2026-03-02' })
    const dueToday = await referralFactory.create({ ...toReceiving, status: 'received', contactDueOn: '2026-03-10' })
    const thirdService = await serviceFactory.create({ networkId: setup.network.id, organisationId: setup.third.id, name: 'Housing Options' })
    const atThird = await referralFactory.create({ ...base, serviceId: thirdService.id, toOrganisationId: setup.third.id, contactDueOn: '2026-03-06' })
    return { ...setup, accepted, contacted, dueToday, atThird }
  }

  it('emails each receiving organisation its own overdue referrals and the coordinator all of them, with no client details', async () => {
    const setup = await overdueNetwork()
    const { db } = await testDatabase()
    await preferEmail(setup.coordinator, 'daily')
    const mailTo = async (user: { email: string }) =>
      db.select().from(outbox).where(and(eq(outbox.toAddress, user.email), eq(outbox.template, 'overdueReferrals')))

    expect(await app.services.referralOverdue.sendOverdueSummaries(tuesday, { networkId: setup.network.id })).toBeGreaterThan(0)

    const [toReceiver] = await mailTo(setup.receiver)
    expect(toReceiver.subject).toBe('Referrals overdue for contact: 2')
    expect(toReceiver.bodyText).toContain(`${setup.referral.reference} – Debt Advice Line – due 5 March 2026, working days overdue: 3`)
    expect(toReceiver.bodyText).toContain(`${setup.accepted.reference} – Debt Advice Line – due 9 March 2026, working days overdue: 1`)
    for (const notOverdue of [setup.contacted, setup.dueToday, setup.atThird]) expect(toReceiver.bodyText).not.toContain(notOverdue.reference)
    expect(await mailTo(setup.dailyReceiver)).toHaveLength(1)
    // Email off: told in-app only.
    expect(await mailTo(setup.receivingAdmin)).toHaveLength(0)
    const [inApp] = await db.select().from(notifications).where(and(eq(notifications.userId, setup.receivingAdmin.id), eq(notifications.kind, 'overdue')))
    expect(inApp.params).toMatchObject({ count: 2, on: '2026-03-10' })

    const [toThird] = await mailTo(setup.thirdAdmin)
    expect(toThird.bodyText).toContain(setup.atThird.reference)
    expect(toThird.bodyText).not.toContain(setup.referral.reference)

    const [toCoordinator] = await mailTo(setup.coordinator)
    expect(toCoordinator.subject).toBe('Referrals overdue for contact: 3')
    expect(toCoordinator.bodyText).toContain(`Debt Advice Line (${setup.receiving.name})`)
    expect(toCoordinator.bodyText).toContain(`Housing Options (${setup.third.name})`)

    for (const user of [setup.sender, setup.sendingAdmin, setup.receivingReferrer]) expect(await mailTo(user)).toHaveLength(0)
    for (const mail of [toReceiver, toThird, toCoordinator]) {
      for (const detail of clientDetails(setup.client)) expect(mail.bodyText).not.toContain(detail)
    }
  })

  it('sends the same day’s summary only once, however often it runs', async () => {
    const setup = await overdueNetwork()
    const { db } = await testDatabase()
    const people = [setup.receiver, setup.dailyReceiver, setup.thirdAdmin, setup.thirdReceiver, setup.coordinator].map((user) => user.email)
    const count = async () => (await db.select().from(outbox).where(and(inArray(outbox.toAddress, people), eq(outbox.template, 'overdueReferrals')))).length

    await app.services.referralOverdue.sendOverdueSummaries(tuesday, { networkId: setup.network.id })
    expect(await count()).toBe(5)
    expect(await app.services.referralOverdue.sendOverdueSummaries(new Date(tuesday.getTime() + 3_600_000), { networkId: setup.network.id })).toBe(0)
    expect(await count()).toBe(5)
    // The next working day is a new day's summary.
    await app.services.referralOverdue.sendOverdueSummaries(new Date('2026-03-11T08:00:00Z'), { networkId: setup.network.id })
    expect(await count()).toBe(10)
  })

  it('sends nothing on a weekend or bank holiday of the network’s nation', async () => {
    const setup = await overdueNetwork()
    expect(await app.services.referralOverdue.sendOverdueSummaries(new Date('2026-03-14T08:00:00Z'), { networkId: setup.network.id })).toBe(0)
    // Easter Monday 2026: a bank holiday in England.
    expect(await app.services.referralOverdue.sendOverdueSummaries(new Date('2026-04-06T07:00:00Z'), { networkId: setup.network.id })).toBe(0)

    // In Scotland Easter Monday is a working day.
    const scottish = await referralBetweenTwoOrganisations('scotland')
    const { db } = await testDatabase()
    await db.update(referrals).set({ contactDueOn: '2026-04-02' }).where(eq(referrals.id, scottish.referral.id))
    expect(await app.services.referralOverdue.sendOverdueSummaries(new Date('2026-04-06T07:00:00Z'), { networkId: scottish.network.id })).toBeGreaterThan(0)
  })

  it('runs every morning at 08:00', () => {
    const job = jobDefinitions(app.services).find((definition) => definition.name === overdueJobName)
    expect(job?.schedule).toBe('0 8 * * *')
  })
})

import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../../app.js'
import { outbox, services } from '../../../db/schema/index.js'
import { jobDefinitions } from '../../../jobs.js'
import { addMembership, networkWithPeople, userFactory } from '../../../../test/factories.js'
import { serviceFactory } from '../../../../test/directory-factories.js'
import { testApp } from '../../../../test/support/app.js'
import { testDatabase } from '../../../../test/support/database.js'
import { freshnessJobName } from './freshness.jobs.js'
import { isStale, monthsBefore, reminderAfterMonths, staleAfterMonths } from './freshness.js'

const day = 24 * 3600_000

describe('listing freshness', () => {
  let app: App
  beforeAll(async () => {
    app = await testApp()
  })
  afterAll(async () => {
    await app.server.close()
  })

  it('emails each admin of the organisation once when a listing reaches 6 months without review', async () => {
    const { network, organisation, admin, referrer } = await networkWithPeople()
    const welshAdmin = await userFactory.transient({ totp: true }).create({ language: 'cy' })
    await addMembership(welshAdmin, organisation, 'organisation_admin')
    const reviewed = new Date('2025-01-10T10:00:00Z')
    const service = await serviceFactory.create({ networkId: network.id, organisationId: organisation.id, lastReviewedAt: reviewed, name: 'Eastside Food Hub' })
    const fresh = await serviceFactory.create({ networkId: network.id, organisationId: organisation.id, lastReviewedAt: new Date('2025-03-01T10:00:00Z') })
    const { db } = await testDatabase()
    const mailTo = async (email: string) => db.select().from(outbox).where(eq(outbox.toAddress, email))

    // A day short of 6 months: nothing yet.
    await app.services.listings.sendReviewReminders(new Date('2025-07-09T07:15:00Z'), { networkId: network.id })
    expect(await mailTo(admin.email)).toHaveLength(0)

    await app.services.listings.sendReviewReminders(new Date('2025-07-11T07:15:00Z'), { networkId: network.id })
    const [message] = await mailTo(admin.email)
    expect(message.subject).toBe('Please check your listing: Eastside Food Hub')
    expect(message.bodyText).toContain(`/services/${service.id}`)
    expect(message.bodyText).toContain('10 January 2025')
    expect((await mailTo(welshAdmin.email))[0].subject).toBe('Gwiriwch eich rhestriad: Eastside Food Hub')
    expect(await mailTo(referrer.email)).toHaveLength(0)
    const [row] = await db.select().from(services).where(eq(services.id, service.id))
    expect(row.reviewReminderSentAt?.toISOString()).toBe('2025-07-11T07:15:00.000Z')
    expect((await db.select().from(services).where(eq(services.id, fresh.id)))[0].reviewReminderSentAt).toBeNull()

    // The next day's run does not send it again.
    await app.services.listings.sendReviewReminders(new Date('2025-07-12T07:15:00Z'), { networkId: network.id })
    expect(await mailTo(admin.email)).toHaveLength(1)

    // Reviewed again, then 6 more months: a new reminder.
    await db.update(services).set({ lastReviewedAt: new Date('2025-07-20T09:00:00Z'), reviewReminderSentAt: null }).where(eq(services.id, service.id))
    await app.services.listings.sendReviewReminders(new Date('2026-01-21T07:15:00Z'), { networkId: network.id })
    const about = async (serviceId: string) => (await mailTo(admin.email)).filter((mail) => mail.bodyText.includes(`/services/${serviceId}`))
    expect(await about(service.id)).toHaveLength(2)
    // By then the other listing is 6 months old too.
    expect(await about(fresh.id)).toHaveLength(1)
  })

  it('runs every day on a schedule', () => {
    const job = jobDefinitions(app.services).find((definition) => definition.name === freshnessJobName)
    expect(job?.schedule).toMatch(/^\d+ \d+ \* \* \*$/)
  })
})

describe('isStale', () => {
  it('is stale after 7 months, not before; the reminder comes a month earlier', () => {
    const now = new Date('2025-08-15T12:00:00Z')
    expect(staleAfterMonths).toBe(7)
    expect(reminderAfterMonths).toBe(6)
    expect(isStale(new Date('2025-01-16T12:00:00Z'), now)).toBe(false)
    expect(isStale(new Date('2025-01-15T11:00:00Z'), now)).toBe(true)
    expect(isStale(new Date(now.getTime() - 100 * day), now)).toBe(false)
    expect(isStale(new Date(now.getTime() - 220 * day), now)).toBe(true)
  })

  it('counts calendar months, ending on the last day of a shorter month', () => {
    expect(monthsBefore(new Date('2025-09-30T08:00:00Z'), 7).toISOString()).toBe('2025-02-28T08:00:00.000Z')
    expect(monthsBefore(new Date('2025-03-31T08:00:00Z'), 6).toISOString()).toBe('2024-09-30T08:00:00.000Z')
  })
})

import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../app.js'
import { notificationPreferences, notifications } from '../../db/schema/index.js'
import { signIn } from '../../../test/support/sign-in.js'
import { testApp } from '../../../test/support/app.js'
import { testDatabase } from '../../../test/support/database.js'
import { notifyReferralEvent } from './notifications.service.js'
import { referralBetweenTwoOrganisations } from './notifications.test-support.js'

describe('notification pages', () => {
  let app: App
  beforeAll(async () => {
    app = await testApp()
  })
  afterAll(async () => {
    await app.server.close()
  })

  async function withNotice() {
    const setup = await referralBetweenTwoOrganisations()
    const { db } = await testDatabase()
    await db.transaction((tx) =>
      notifyReferralEvent(app.services.deps, tx, {
        networkId: setup.network.id,
        referralId: setup.referral.id,
        reference: setup.referral.reference,
        type: 'sent',
        actorUserId: setup.sender.id,
        actorOrganisationId: setup.sending.id,
        fromOrganisationId: setup.sending.id,
        toOrganisationId: setup.receiving.id,
      }),
    )
    const [notice] = await db.select().from(notifications).where(eq(notifications.userId, setup.receiver.id))
    return { ...setup, notice }
  }

  it('lists notifications, marked new until opened; opening one leads to the referral', async () => {
    const setup = await withNotice()
    const browser = await signIn(app, setup.receiver)
    const page = await browser.get('/notifications')
    expect(page.status).toBe(200)
    expect(page.body).toContain(`New referral ${setup.referral.reference} for Debt Advice Line`)
    expect(page.body).toContain(`href="/notifications/${setup.notice.id}"`)
    expect(page.body).toContain('Unread: 1')
    expect(page.body).toContain('govuk-tag--blue')
    expect(page.body).not.toContain(setup.client.name)

    const opened = await browser.get(`/notifications/${setup.notice.id}`)
    expect(opened.status).toBe(303)
    expect(opened.location).toBe(`/referrals/${setup.referral.id}`)
    expect((await browser.get('/notifications')).body).toContain('Unread: 0')
  })

  it('marks all as read', async () => {
    const setup = await withNotice()
    const browser = await signIn(app, setup.receiver)
    const marked = await browser.submit('/notifications', {}, '/notifications/read')
    expect(marked.status).toBe(303)
    const { db } = await testDatabase()
    const [row] = await db.select().from(notifications).where(eq(notifications.id, setup.notice.id))
    expect(row.readAt).not.toBeNull()
  })

  it("hides someone else's notification", async () => {
    const setup = await withNotice()
    const browser = await signIn(app, setup.thirdReceiver)
    expect((await browser.get(`/notifications/${setup.notice.id}`)).status).toBe(404)
    const { db } = await testDatabase()
    const [row] = await db.select().from(notifications).where(eq(notifications.id, setup.notice.id))
    expect(row.readAt).toBeNull()
  })

  it('saves how often to email, and asks again when nothing was chosen', async () => {
    const setup = await withNotice()
    const browser = await signIn(app, setup.receiver)
    const form = await browser.get('/notifications/preferences')
    expect(form.body).toMatch(/value="immediately" checked/)

    const refused = await browser.submit('/notifications/preferences', {})
    expect(refused.status).toBe(400)
    expect(refused.body).toContain('govuk-error-summary')
    expect(refused.body).toContain('Select how often we should email you')

    const saved = await browser.submit('/notifications/preferences', { email: 'daily' })
    expect(saved.status).toBe(303)
    const { db } = await testDatabase()
    const [preference] = await db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, setup.receiver.id))
    expect(preference.email).toBe('daily')
    expect((await browser.get('/notifications/preferences')).body).toMatch(/value="daily" checked/)
  })
})

import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../../app.js'
import { referrals } from '../../../db/schema/index.js'
import { testApp } from '../../../../test/support/app.js'
import { testDatabase } from '../../../../test/support/database.js'
import { signIn } from '../../../../test/support/sign-in.js'
import { referralWorld } from './referrals.test-support.js'

describe('referral pages in a browser without JavaScript', () => {
  let app: App
  beforeAll(async () => {
    app = await testApp()
  })
  afterAll(async () => {
    await app.server.close()
  })

  it('sends two services from the form; submitting the same form again shows the same confirmation and makes nothing new', async () => {
    const world = await referralWorld()
    const browser = await signIn(app, world.people.referrer)
    const sendPage = `/intakes/${world.intake.id}/send`
    const page = await browser.get(sendPage)
    expect(page.status).toBe(200)
    expect(page.body).toContain('Debt Advice Line')
    const key = /name="key" value="([^"]+)"/.exec(page.body)?.[1] as string
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] as string
    const fields = { _csrf: token, key, name: '', service: [world.services.debtB.id, world.services.debtC.id] }
    const first = await browser.post(sendPage, fields)
    const second = await browser.post(sendPage, fields)
    expect(first.status).toBe(303)
    expect(second.location).toBe(first.location)
    const confirmation = await browser.follow(first)
    expect(confirmation.body).toContain('Referrals sent (2)')
    expect(confirmation.body).toMatch(/R-[2-9A-Z]{6}/)
    const { db } = await testDatabase()
    expect(await db.select().from(referrals).where(eq(referrals.networkId, world.network.id))).toHaveLength(2)
  })

  it('sending nothing shows the error summary and keeps the page', async () => {
    const world = await referralWorld()
    const browser = await signIn(app, world.people.referrer)
    const response = await browser.submit(`/intakes/${world.intake.id}/send`, { key: '00000000-0000-4000-8000-000000000000' })
    expect(response.status).toBe(400)
    expect(response.body).toContain('Select at least one service')
    expect(response.body).toContain('govuk-error-summary')
  })

  it('the receiver opens the referral, sees the client, declines with a reason (asked again if missing) and re-routes', async () => {
    const world = await referralWorld()
    const sender = await signIn(app, world.people.referrer)
    const sent = await sender.follow(await sender.submit(`/intakes/${world.intake.id}/send`, { key: crypto.randomUUID(), service: world.services.debtC.id }))
    const href = /href="(\/referrals\/[0-9a-f-]+)"/.exec(sent.body)?.[1] as string
    const receiver = await signIn(app, world.people.receiverC)
    const page = await receiver.get(href)
    expect(page.status).toBe(200)
    expect(page.body).toContain(world.client.name)
    expect(page.body).toContain('Received')
    const missing = await receiver.submit(href, { note: '' }, `${href}/decline`)
    expect(missing.status).toBe(400)
    expect(missing.body).toContain('Select a reason for declining')
    const declined = await receiver.follow(await receiver.submit(href, { reason: 'no_capacity' }, `${href}/decline`))
    expect(declined.body).toContain('You declined the referral')
    expect(declined.body).toContain('No capacity')
    const again = await receiver.submit(href, {}, `${href}/accept`)
    expect(again.status).toBe(409)
    expect(again.body).toContain('nothing was changed')
    const reroutePage = await receiver.get(`${href}/reroute`)
    expect(reroutePage.body).toContain('Money Charity Casework')
    expect(reroutePage.body).not.toContain('Refer to Rent Arrears Help')
    const rerouted = await receiver.follow(await receiver.submit(`${href}/reroute`, { key: crypto.randomUUID(), service: world.services.debtE.id }))
    expect(rerouted.body).toContain('sent on to another service')
    expect(rerouted.body).toContain('Money Charity Casework')
    const message = await receiver.follow(await receiver.submit(href, { body: 'Sorry – try the Money Charity.' }, `${href}/messages`))
    expect(message.body).toContain('Sorry – try the Money Charity.')
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../../app.js'
import { hubReferral, hubWorld } from '../../../../test/hub-factories.js'
import { testApp } from '../../../../test/support/app.js'
import { signIn } from '../../../../test/support/sign-in.js'

const personal = { name: 'Zainab Okonkwo-Price', postcode: 'E14 7XJ', phone: '07700 900987' }

describe('the intelligence hub pages', () => {
  let app: App
  beforeAll(async () => {
    app = await testApp()
  })
  afterAll(async () => {
    await app.server.close()
  })

  async function populated() {
    const w = await hubWorld()
    const sentAt = new Date(Date.now() - 30 * 86_400_000).toISOString()
    for (let i = 0; i < 6; i++) await hubReferral(w.network.id, { from: w.foodbank, to: w.debt, sentAt, postcode: personal.postcode, issues: ['debt'] })
    await hubReferral(w.network.id, { from: w.council, to: w.debt, sentAt, postcode: 'N1 9GU' })
    return w
  }

  it('shows the coordinator and the analyst the network dashboard, aggregates only, with "data as of"', async () => {
    const w = await populated()
    for (const user of [w.coordinator, w.analyst]) {
      const browser = await signIn(app, user)
      const page = await browser.get('/hub')
      expect(page.status).toBe(200)
      expect(page.body).toContain('Referrals by area')
      expect(page.body).toContain('data-testid="data-as-of"')
      expect(page.body).toContain('E14')
      expect(page.body).toContain('fewer than 5')
      expect(page.body).not.toContain(personal.postcode)
      expect(page.body).not.toMatch(/Client \d+ [0-9a-f]{4}/)
      expect(page.body).not.toContain('href="/referrals/')
      // The anonymised referral-level extract is the coordinator's alone (decision 0013).
      if (user === w.coordinator) expect(page.body).toMatch(/href="\/hub\/export\/referrals\.csv\?from=\d{4}-\d\d-\d\d&amp;to=\d{4}-\d\d-\d\d"/)
      else expect(page.body).not.toContain('/hub/export/referrals.')
    }
  })

  it('keeps the network dashboard from referrers and organisation admins, and other networks’ organisations hidden', async () => {
    const w = await populated()
    const other = await hubWorld()
    expect((await (await signIn(app, w.referrer)).get('/hub')).status).toBe(403)
    expect((await (await signIn(app, w.adviceAdmin)).get('/hub')).status).toBe(403)
    // A referrer has no organisation view; a coordinator asking for another network's organisation finds nothing.
    expect((await (await signIn(app, w.referrer)).get('/hub/organisation')).status).toBe(403)
    const coordinator = await signIn(app, w.coordinator)
    expect((await coordinator.get(`/hub/organisation?organisation=${other.advice.id}`)).status).toBe(404)
    expect((await coordinator.get(`/hub/organisation?organisation=${w.advice.id}`)).status).toBe(200)
  })

  it('gives an organisation admin their own view and a printable impact report, in English and Welsh', async () => {
    const w = await populated()
    const browser = await signIn(app, w.adviceAdmin)
    const own = await browser.get('/hub/organisation')
    expect(own.status).toBe(200)
    expect(own.body).toContain(`${w.advice.name}: referrals and outcomes`)
    expect(own.body).toContain('Where referrals come from')
    const report = await browser.get('/hub/impact?fromDay=1&fromMonth=1&fromYear=2020')
    expect(report.status).toBe(200)
    expect(report.body).toContain('class="app-impact__page"')
    expect(report.body).toContain('1 January 2020')
    // ?lang=cy is remembered, then back to the same page.
    expect((await browser.get('/hub/impact?lang=cy')).status).toBe(303)
    expect((await browser.get('/hub/impact')).body).toContain('adroddiad effaith')
  })

  it('reports a date that is not one, and still shows the figures for the default range', async () => {
    const w = await populated()
    const page = await (await signIn(app, w.coordinator)).get('/hub?fromDay=31&fromMonth=2&fromYear=2026')
    expect(page.status).toBe(200)
    expect(page.body).toContain('govuk-error-summary')
    expect(page.body).toContain('The start date must be a real date')
    expect(page.body).toContain('Referrals over time')
  })
})

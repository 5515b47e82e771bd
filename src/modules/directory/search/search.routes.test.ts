import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../../app.js'
import { serviceFactory, termIdsByCode } from '../../../../test/directory-factories.js'
import { testApp } from '../../../../test/support/app.js'
import { BrowserClient } from '../../../../test/support/browser-client.js'
import { signIn } from '../../../../test/support/sign-in.js'
import { uniquePostcode } from '../postcodes/postcodes.test-support.js'
import { locateService, placedPostcode, referrerInNewNetwork } from './search.test-support.js'

const params = (fields: Record<string, string | string[]>): string => {
  const search = new URLSearchParams()
  for (const [name, value] of Object.entries(fields)) for (const one of [value].flat()) search.append(name, one)
  return search.toString()
}
const text = (html: string): string => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')

describe('the search page', () => {
  let app: App
  beforeAll(async () => {
    app = await testApp()
  })
  afterAll(async () => {
    await app.server.close()
  })

  it('asks people who are not signed in to sign in', async () => {
    const response = await new BrowserClient(app.server).get('/search?q=debt')
    expect(response.status).toBe(303)
    expect(response.location).toMatch(/^\/sign-in\?next=/)
  })

  it('shows the filters with the network’s issues before any search', async () => {
    const { referrer } = await referrerInNewNetwork()
    const browser = await signIn(app, referrer)
    const page = await browser.get('/search')
    expect(page.status).toBe(200)
    expect(page.body).toContain('<h1 class="govuk-heading-l">Find a service</h1>')
    expect(page.body).toMatch(/name="issue" type="checkbox" value="[0-9a-f-]{36}"/)
    expect(text(page.body)).toContain('Food Support')
    expect(page.body).not.toContain('Services that fit')
  })

  it('says why each service fits or not, with the paused one listed apart', async () => {
    const { networkId, organisationId, referrer } = await referrerInNewNetwork()
    const postcode = await placedPostcode(52.6, -1.1)
    const outcode = postcode.split(' ')[0]
    const open = await serviceFactory.transient({ issues: ['debt'] }).create({ networkId, organisationId, name: 'Eastside Debt Clinic', minimumAge: 18, areaDistricts: [outcode] })
    await locateService(open, 52.6 + 0.018, -1.1)
    await serviceFactory.transient({ issues: ['debt'] }).create({
      networkId, organisationId, name: 'Paused Money Advice', capacityStatus: 'paused', expectedReopening: '2026-01-03', pausedReason: 'Adviser on leave.',
    })
    const { debt } = await termIdsByCode(networkId)
    const browser = await signIn(app, referrer)
    const page = await browser.get(`/search?${params({ issue: debt, postcode: postcode.toLowerCase(), age: '30', search: '1' })}`)
    expect(page.status).toBe(200)
    const body = text(page.body)
    expect(body).toContain('Services that fit (1)')
    expect(body).toMatch(/Eastside Debt Clinic .*Debt ✓ \(fits\) covers [A-Z0-9]+ ✓ \(fits\) 18\+ ✓ \(fits\)/)
    expect(body).toContain('2.0 km away')
    expect(body).toContain('Services that do not fit (1)')
    expect(body).toMatch(/Paused Money Advice .*paused until 3 January 2026 ✗ \(does not fit\)/)
    expect(body).toContain('Paused until 3 January 2026. Adviser on leave.')
    expect(page.body).toContain(`href="/services/${open.id}"`)
    // The form keeps what was chosen.
    expect(page.body).toMatch(new RegExp(`value="${debt}" checked`))
    expect(page.body).toContain('value="30"')
  })

  it('shows error messages for an age or time that cannot be right, keeping what was typed', async () => {
    const { referrer } = await referrerInNewNetwork()
    const browser = await signIn(app, referrer)
    const page = await browser.get(`/search?${params({ q: 'debt', age: 'abc', day: 'MO', time: '25:00' })}`)
    expect(page.status).toBe(400)
    expect(page.body).toContain('govuk-error-summary')
    expect(page.body).toContain('href="#age"')
    expect(page.body).toContain('href="#time"')
    expect(text(page.body)).toContain('Error: Enter the client’s age as a number, like 34')
    expect(text(page.body)).toContain('Error: Enter a time on the 24-hour clock')
    expect(page.body).toContain('value="abc"')
    expect(page.body).not.toContain('Services that fit')
  })

  it('says when it cannot find the postcode and still searches, without distances', async () => {
    const { networkId, organisationId, referrer } = await referrerInNewNetwork()
    await serviceFactory.transient({ issues: ['housing'] }).create({ networkId, organisationId, name: 'Housing Options Drop-in' })
    const browser = await signIn(app, referrer)
    const postcode = uniquePostcode()
    const page = await browser.get(`/search?${params({ q: 'housing', postcode })}`)
    expect(page.status).toBe(200)
    const body = text(page.body)
    expect(body).toContain('Error: We could not find that postcode')
    expect(body).toContain(`We could not find the postcode ${postcode}, so these results do not show distances.`)
    expect(body).toContain('Housing Options Drop-in')
    expect(body).not.toContain('km away')
  })

  it('offers the nearest partial matches when nothing fits', async () => {
    const { networkId, organisationId, referrer } = await referrerInNewNetwork()
    await serviceFactory.transient({ issues: ['food-support'] }).create({ networkId, organisationId, name: 'Weekday Food Bank', acceptsNrpf: false })
    const { 'food-support': food } = await termIdsByCode(networkId)
    const browser = await signIn(app, referrer)
    const page = await browser.get(`/search?${params({ issue: food, nrpf: 'yes' })}`)
    const body = text(page.body)
    expect(body).toContain('No service fits everything you searched for.')
    expect(body).toContain('We have recorded this as a gap')
    expect(body).toMatch(/Nearest matches .*Weekday Food Bank .*does not accept people with no recourse to public funds ✗/)
  })

  it('is in Welsh for Welsh readers', async () => {
    const { networkId, organisationId, referrer } = await referrerInNewNetwork()
    await serviceFactory.transient({ issues: ['debt'] }).create({ networkId, organisationId, name: 'Cyngor Dyledion', minimumAge: 18 })
    const { debt } = await termIdsByCode(networkId)
    const browser = await signIn(app, referrer)
    await browser.get('/search?lang=cy')
    const page = await browser.get(`/search?${params({ issue: debt, age: '40' })}`)
    const body = text(page.body)
    expect(body).toContain('Dod o hyd i wasanaeth')
    expect(body).toContain('Gwasanaethau sy’n addas (1)')
    expect(body).toContain('Dyled ✓ (addas)')
  })

  it('shows 20 cards a list, with a link to show them all', async () => {
    const { networkId, organisationId, referrer } = await referrerInNewNetwork()
    for (let n = 0; n < 23; n++) {
      await serviceFactory.transient({ issues: ['family'] }).create({ networkId, organisationId, name: `Family Hub ${n}` })
    }
    const terms = await termIdsByCode(networkId)
    const browser = await signIn(app, referrer)
    const query = params({ issue: terms.family })
    const cards = (body: string): number => (body.match(/Family Hub \d+/g) ?? []).length

    const first = await browser.get(`/search?${query}`)
    expect(text(first.body)).toContain('Services that fit (23)')
    expect(cards(first.body)).toBe(20)
    expect(first.body).toContain(`href="/search?${query.replace('&', '&amp;')}&amp;all=1#results"`)

    const all = await browser.get(`/search?${query}&all=1`)
    expect(cards(all.body)).toBe(23)
    expect(all.body).not.toContain('all=1#results')
  })
})

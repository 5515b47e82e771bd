import { gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../../app.js'
import { phones, schedules } from '../../../db/schema/index.js'
import { publicLanguages } from '../../../platform/i18n/i18n.js'
import { serviceFactory, termIdsByCode } from '../../../../test/directory-factories.js'
import { testApp } from '../../../../test/support/app.js'
import { testDatabase } from '../../../../test/support/database.js'
import { answerEverything, networkWithFrontDoor, Resident } from '../ask/ask.test-support.js'

/** The issue's budget: everything a first visit transfers (HTML, CSS, JS, fonts, images) under 100 KB. */
const budget = 100 * 1024

/**
 * Fetches a page as a phone's browser would on a first visit (accepting gzip), then every stylesheet, script, image
 * and icon it links to, and adds up the bytes sent.
 */
async function firstLoadBytes(app: App, resident: Resident, url: string): Promise<{ total: number; html: number; assets: string[] }> {
  const page = await app.server.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip, deflate, br', cookie: resident.cookieHeader() } })
  expect(page.statusCode, url).toBeLessThan(500)
  const raw = page.rawPayload
  const html = page.headers['content-encoding'] === 'gzip' ? gunzipSync(raw).toString('utf8') : raw.toString('utf8')
  const assets = [...html.matchAll(/<(?:link|script|img)\b[^>]*(?:href|src)="([^"]+)"/g)].map((match) => match[1].replaceAll('&amp;', '&')).filter((href) => href.startsWith('/'))
  let total = raw.length
  for (const asset of assets) {
    const response = await app.server.inject({ method: 'GET', url: asset, headers: { 'accept-encoding': 'gzip, deflate, br' } })
    expect(response.statusCode, asset).toBe(200)
    total += response.rawPayload.length
  }
  return { total, html: raw.length, assets }
}

describe('the weight of the residents’ pages', () => {
  let app: App
  beforeAll(async () => {
    app = await testApp()
  })
  afterAll(async () => {
    await app.server.close()
  })

  it('keeps every public page under 100 KB transferred on a first load, in every language', async () => {
    const { network, frontDoor } = await networkWithFrontDoor()
    // A full results page: the most services a page shows, each with times and numbers.
    const { db } = await testDatabase()
    for (let index = 0; index < 25; index += 1) {
      const service = await serviceFactory.transient({ issues: ['debt'] }).create({
        networkId: network.id,
        organisationId: frontDoor.id,
        name: `Debt Advice Service ${index}`,
        description: 'Free, confidential help with debts, bailiffs, council tax arrears and budgeting. '.repeat(4),
        languages: ['en', 'bn', 'ar', 'pl'],
      })
      await db.insert(phones).values({ networkId: network.id, serviceId: service.id, number: '020 7946 0000' })
      await db.insert(schedules).values({ networkId: network.id, serviceId: service.id, freq: 'WEEKLY', byday: 'MO,TU,WE,TH,FR', opensAt: '09:00', closesAt: '17:00' })
    }
    const { debt } = await termIdsByCode(network.id)
    const measured: Record<string, number> = {}
    for (const language of publicLanguages) {
      const resident = new Resident(app.server)
      const base = `/help/${network.slug}/${language}`
      const urls = [`/help/${network.slug}`, base, `${base}/services`, `${base}/services?issue=${debt}`, `${base}/ask`]
      await answerEverything(resident, network.slug, language, { need: 'Help', name: 'Test', contactMethod: 'phone', phone: '07700 900 982', safeToLeaveMessage: 'yes', language })
      for (const question of ['need', 'postcode', 'name', 'contact-method', 'contact-details', 'contact-times', 'message', 'language', 'contact-difficulties', 'check', 'consent']) {
        urls.push(`${base}/ask/${question}`)
      }
      urls.push(`${base}/ask/sent/H-ABCDEF`)
      for (const url of urls) {
        const { total, assets } = await firstLoadBytes(app, resident, url)
        expect(assets.some((asset) => asset.startsWith('/help-assets/public.css'))).toBe(true)
        expect(assets.some((asset) => asset.endsWith('.js')), `${url} needs no script`).toBe(false)
        expect(total, `${url} transfers ${total} bytes`).toBeLessThan(budget)
        measured[url.replace(network.slug, 'NETWORK')] = total
      }
    }
    const heaviest = Math.max(...Object.values(measured))
    console.info(`front door: heaviest public page ${Math.round(heaviest / 1024)} KB transferred on first load (${Object.keys(measured).length} pages measured)`)
  })

  it('stays under the budget without compression too', async () => {
    const { network } = await networkWithFrontDoor()
    const page = await app.server.inject({ method: 'GET', url: `/help/${network.slug}/ar/services` })
    const css = await app.server.inject({ method: 'GET', url: /href="(\/help-assets\/[^"]+)"/.exec(page.body)?.[1] ?? '' })
    expect(page.headers['content-encoding']).toBeUndefined()
    expect(page.rawPayload.length + css.rawPayload.length).toBeLessThan(budget)
  })
})

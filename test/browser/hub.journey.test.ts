import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { parse } from 'csv-parse/sync'
import { eq } from 'drizzle-orm'
import { clients, networks } from '../../src/db/schema/index.js'
import { demoPassword, demoSlug, demoTotpSecret, seedDemo } from '../../src/modules/networks/demo.js'
import { describeJourney, launchChromium } from './support/chromium.js'
import { startJourneyApp, type JourneyApp } from './support/journey-app.js'
import { newVisitor } from './support/visitor.js'
import { SignInPage } from './pages/account-pages.js'
import { TwoFactorSignInPage } from './pages/directory-pages.js'
import { HomePage } from './pages/network-pages.js'
import { HubDashboardPage, ImpactReportPage } from './pages/hub-pages.js'

/** The demo network's people (README, "Demo accounts"). */
const coordinator = 'coordinator@riverside.example'
const foodbankAdmin = 'janet.murphy@riverside.example'

describeJourney('the intelligence hub: the coordinator reads and narrows the dashboard, an admin prints their impact report', () => {
  let app: JourneyApp
  let browser: Browser

  beforeAll(async () => {
    app = await startJourneyApp({ installation: 'fresh' })
    await seedDemo(app.database.db, { encryptionKey: app.app.services.deps.config.ENCRYPTION_KEY })
    browser = await launchChromium()
  }, 180_000)
  afterAll(async () => {
    await browser?.close()
    await app?.close()
  })

  it('the coordinator narrows the dashboard to one issue and one area, reads charts with their tables and downloads one as CSV', async () => {
    const tab = await newVisitor(browser, app.baseUrl)
    const codePage = await (await SignInPage.open(tab)).as(coordinator, demoPassword, TwoFactorSignInPage)
    const home = await codePage.enterCodeFrom(demoTotpSecret, HomePage)
    const hub = await home.navigateTo('Intelligence hub', HubDashboardPage)

    // Every chart is an image named after its figure, with the same figure's table beside it.
    const everything = await hub.figures()
    const charted = everything.filter((figure) => figure.chartName !== null)
    expect(charted.length).toBeGreaterThanOrEqual(5)
    for (const figure of charted) {
      expect(figure.chartName).toBe(figure.title)
      expect(figure.rows[0].length).toBeGreaterThan(1)
    }
    expect(charted.filter((figure) => figure.rows.length > 1).length).toBeGreaterThanOrEqual(5)

    // The busiest issue and area of the whole network are the narrowing the coordinator wants.
    const byIssue = everything.find((figure) => figure.tableId === 'referrals-by-issue')
    const byArea = everything.find((figure) => figure.tableId === 'referrals-by-area')
    const busiest = (rows: string[][]): string =>
      rows.slice(1).sort((a, b) => Number(b[1].replace(/\D/g, '') || 0) - Number(a[1].replace(/\D/g, '') || 0))[0][0]
    const issue = busiest(byIssue?.rows ?? [])
    const area = busiest(byArea?.rows ?? [])
    const narrowed = await hub.narrowTo({ issue, area })
    const query = new URL(tab.url()).searchParams
    expect(query.get('area')).toBe(area)
    expect(query.get('issue')).toMatch(/^[0-9a-f-]{36}$/)

    const figures = await narrowed.figures()
    const overTime = figures.find((figure) => figure.tableId === 'referrals-over-time')
    expect(overTime?.chartName).toBe(overTime?.title)
    const areas = figures.find((figure) => figure.tableId === 'referrals-by-area')
    expect(areas?.rows.slice(1).map((row) => row[0])).toEqual([area])

    // The CSV holds what the table on the page holds, for the same filters.
    const csv = await narrowed.downloadCsv('referrals-over-time')
    expect(csv.filename).toMatch(/^riverside-referrals-over-time-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/)
    const rows: string[][] = parse(csv.text.replace(/^\ufeff/, ''))
    expect(rows[0]).toEqual(overTime?.rows[0])
    expect(rows.length).toBe(overTime?.rows.length)
    const totals = (table: string[][], column: number): number => table.slice(1).reduce((sum, row) => sum + (Number(row[column].replace(/,/g, '')) || 0), 0)
    expect(totals(rows, 1)).toBe(totals(overTime?.rows ?? [], 1))
    expect(totals(rows, 1)).toBeGreaterThan(0)

    // The anonymised extract: every demo referral, and not one client's name, contact detail, birth date or postcode.
    const extract = await tab.request.get('/hub/export/referrals.csv')
    expect(extract.status()).toBe(200)
    const text = await extract.text()
    const extractRows: Record<string, string>[] = parse(text.replace(/^\ufeff/, ''), { columns: true })
    expect(extractRows.length).toBeGreaterThan(1000)
    expect(new Set(extractRows.map((row) => row['Postcode district'])).has(area)).toBe(true)
    const [demo] = await app.database.db.select({ id: networks.id }).from(networks).where(eq(networks.slug, demoSlug))
    const people = await app.database.db.select().from(clients).where(eq(clients.networkId, demo.id))
    for (const person of people) {
      for (const value of [person.name, person.email, person.phone, person.postcode, person.dateOfBirth, person.address]) {
        if (value) expect(text.includes(value), `the extract holds ${value}`).toBe(false)
      }
    }
  }, 120_000)

  it('an organisation admin opens their impact report and prints it, one section to a page', async () => {
    const tab = await newVisitor(browser, app.baseUrl)
    const codePage = await (await SignInPage.open(tab)).as(foodbankAdmin, demoPassword, TwoFactorSignInPage)
    await codePage.enterCodeFrom(demoTotpSecret, HomePage)
    const report = await ImpactReportPage.open(tab)
    expect(await report.heading()).toContain('Northbank Foodbank')
    const figures = await report.figures()
    expect(figures.length).toBeGreaterThan(3)
    expect(figures.some((figure) => figure.chartName !== null)).toBe(true)

    await tab.emulateMedia({ media: 'print' })
    const printed = await tab.evaluate(() => ({
      header: getComputedStyle(document.querySelector('.govuk-header, .app-header') as Element).display,
      filters: getComputedStyle(document.querySelector('.app-hub-filters') as Element).display,
      downloads: [...document.querySelectorAll('.app-hub-figure__downloads')].map((element) => getComputedStyle(element).display),
      pageBreaks: [...document.querySelectorAll('.app-impact__page')].map((element) => getComputedStyle(element).breakBefore),
    }))
    expect(printed.header).toBe('none')
    expect(printed.filters).toBe('none')
    expect(printed.downloads.filter((display) => display !== 'none')).toEqual([])
    expect(printed.pageBreaks.length).toBeGreaterThan(2)
    expect(new Set(printed.pageBreaks)).toEqual(new Set(['page']))

    const pdf = await tab.pdf({ format: 'A4', printBackground: false })
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length
    expect(pages).toBeGreaterThanOrEqual(printed.pageBreaks.length)
  }, 120_000)
})

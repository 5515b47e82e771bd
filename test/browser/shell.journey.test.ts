import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { networkFactory } from '../factories.js'
import { describeJourney, launchChromium } from './support/chromium.js'
import { startJourneyApp, type JourneyApp } from './support/journey-app.js'
import { newVisitor } from './support/visitor.js'
import { AccessibilityStatementPage, PageNotFoundPage, PrivacyNoticePage } from './pages/public-pages.js'
import { SignInPage } from './pages/account-pages.js'

describeJourney('the page shell, in a browser', () => {
  let app: JourneyApp
  let browser: Browser

  beforeAll(async () => {
    app = await startJourneyApp({ installation: 'shared' })
    // An installation with a network, so no page sends the visitor to first-run set-up.
    await networkFactory.create()
    browser = await launchChromium()
  }, 120_000)
  afterAll(async () => {
    await browser?.close()
    await app?.close()
  })

  async function visitor(): Promise<Page> {
    return newVisitor(browser, app.baseUrl)
  }

  it('lets anyone read the accessibility statement and privacy notice from the footer', async () => {
    const statement = await AccessibilityStatementPage.open(await visitor())
    expect(await statement.heading()).toBe('Accessibility statement')
    const privacy = await statement.followFooterLink('Privacy notice', PrivacyNoticePage)
    expect(await privacy.heading()).toBe('Privacy notice')
  })

  it('switches the sign-in page to Welsh, keeping you on it, with lang="cy"', async () => {
    const signIn = await SignInPage.open(await visitor())
    expect(await signIn.language()).toBe('en')
    const welsh = await signIn.switchLanguageTo('Cymraeg')
    expect(welsh.page.url()).toBe(`${app.baseUrl}/sign-in`)
    expect(await welsh.language()).toBe('cy')
    expect(await welsh.heading()).toBe('Mewngofnodi')
    expect(await welsh.page.getByLabel('Cyfeiriad e-bost', { exact: true }).count()).toBe(1)
  })

  it('switches to Welsh and back, staying on the same page with the right lang attribute', async () => {
    const statement = await AccessibilityStatementPage.open(await visitor())
    expect(await statement.language()).toBe('en')
    const welsh = await statement.switchLanguageTo('Cymraeg')
    expect(await welsh.language()).toBe('cy')
    expect(await welsh.heading()).toBe('Datganiad hygyrchedd')
    // The choice is remembered on the next page.
    const privacy = await welsh.followFooterLink('Hysbysiad preifatrwydd', PrivacyNoticePage)
    expect(await privacy.language()).toBe('cy')
    const english = await privacy.switchLanguageTo('English')
    expect(await english.language()).toBe('en')
  })

  it('shows a plain 404 page for an address that does not exist', async () => {
    const notFound = await PageNotFoundPage.open(await visitor(), '/no/such/page')
    expect(await notFound.heading()).toBe('Page not found')
  })

  it('makes the skip link the first thing the keyboard reaches, and it moves focus to the content', async () => {
    const statement = await AccessibilityStatementPage.open(await visitor())
    const page = statement.page
    await page.keyboard.press('Tab')
    const focused = page.locator(':focus')
    expect(await focused.innerText()).toBe('Skip to main content')
    expect(await focused.getAttribute('href')).toBe('#main-content')
    await page.keyboard.press('Enter')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main-content')
  })
})

import { mkdirSync } from 'node:fs'
import path from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { expect } from 'vitest'
import { expectNoAxeViolations } from '../support/axe.js'
import { takeObservations } from '../support/visitor.js'

export type PageObjectClass<T extends PageObject> = new (page: Page) => T

let screenshotNumber = 0

/**
 * One page of the app as a user sees it. Every way of reaching a page — opening it, following a link,
 * submitting a form — ends in arrive(), which checks the browser is on that page, that nothing broke
 * in the browser, and that axe finds no WCAG 2.2 AA violation.
 */
export abstract class PageObject {
  /** The page's address (path and query), as a pattern: checked on every arrival. */
  abstract readonly address: RegExp
  /** The HTTP status the page is shown with. */
  readonly expectedStatus: number = 200

  constructor(readonly page: Page) {}

  /** Checks this is the page on screen and that it is sound and accessible. */
  async arrive(status = this.expectedStatus): Promise<this> {
    const here = new URL(this.page.url())
    expect(here.pathname + here.search, `expected to be on ${this.constructor.name}`).toMatch(this.address)
    const { status: shownWith, problems } = takeObservations(this.page)
    expect(problems.join('\n'), `problems in the browser on ${here.pathname}`).toBe('')
    expect(shownWith, `HTTP status of ${here.pathname}`).toBe(status)
    await expectNoAxeViolations(this.page)
    await this.screenshot()
    return this
  }

  /** The language the page declares, from <html lang>. */
  async language(): Promise<string | null> {
    return this.page.locator('html').getAttribute('lang')
  }

  async heading(): Promise<string> {
    return (await this.page.locator('h1').innerText()).trim()
  }

  /** The success banner's message, if the last action showed one. */
  async successMessage(): Promise<string> {
    return (await this.page.locator('.govuk-notification-banner--success').innerText()).trim()
  }

  /** The error summary's messages after a form was rejected. */
  async errorMessages(): Promise<string[]> {
    return this.page.locator('.govuk-error-summary__list li').allInnerTexts()
  }

  /** The language switch in the header keeps you on the same page. */
  async switchLanguageTo(language: 'English' | 'Cymraeg'): Promise<this> {
    const kind = this.constructor as PageObjectClass<this>
    await this.navigateBy(() => this.page.locator('.govuk-language-navigation').getByRole('link', { name: language }).click())
    return new kind(this.page).arrive()
  }

  async followFooterLink<T extends PageObject>(name: string, next: PageObjectClass<T>): Promise<T> {
    await this.navigateBy(() => this.page.locator('footer').getByRole('link', { name }).click())
    return new next(this.page).arrive()
  }

  /** Names of the items in the service navigation, in order. */
  async navigationItems(): Promise<string[]> {
    return (await this.page.locator('.govuk-service-navigation__item').allInnerTexts()).map((text) => text.trim())
  }

  async navigateTo<T extends PageObject>(name: string, next: PageObjectClass<T>): Promise<T> {
    await this.navigateBy(() => this.page.locator('.govuk-service-navigation').getByRole('link', { name }).click())
    return new next(this.page).arrive()
  }

  /** Presses the form's button and waits for the page the app answers with. */
  protected async submit<T extends PageObject>(button: string | RegExp, next: PageObjectClass<T>): Promise<T> {
    await this.navigateBy(() => this.page.getByRole('button', { name: button }).click())
    return new next(this.page).arrive()
  }

  /** Submits and expects the same page back (400) with the error summary; returns its messages. */
  protected async submitExpectingErrors(button: string | RegExp): Promise<string[]> {
    const kind = this.constructor as PageObjectClass<this>
    await this.navigateBy(() => this.page.getByRole('button', { name: button }).click())
    const again = await new kind(this.page).arrive(400)
    return again.errorMessages()
  }

  protected async follow<T extends PageObject>(link: Locator, next: PageObjectClass<T>): Promise<T> {
    await this.navigateBy(() => link.click())
    return new next(this.page).arrive()
  }

  protected field(label: string | RegExp): Locator {
    return this.page.getByLabel(label, { exact: typeof label === 'string' })
  }

  /** Runs the action and waits until the next page has loaded (a full page load: no JavaScript needed). */
  protected async navigateBy(action: () => Promise<void>): Promise<void> {
    await Promise.all([this.page.waitForEvent('load'), action()])
  }

  private async screenshot(): Promise<void> {
    const folder = process.env.JOURNEY_SCREENSHOTS
    if (!folder) return
    mkdirSync(folder, { recursive: true })
    screenshotNumber += 1
    const name = `journey-${String(screenshotNumber).padStart(2, '0')}-${this.constructor.name}.png`
    await this.page.screenshot({ path: path.join(folder, name), fullPage: true })
  }
}

/** Opens an address directly, as when typing it or following a link from an email. */
export async function visit<T extends PageObject>(page: Page, address: string, kind: PageObjectClass<T>): Promise<T> {
  await page.goto(address)
  return new kind(page).arrive()
}

import type { Browser, Page } from 'playwright-core'
import { expect } from 'vitest'
import { expectNoAxeViolations } from '../support/axe.js'
import { takeObservations } from '../support/visitor.js'
import { PageObject, visit } from './page-object.js'

/** Tabs opened with JavaScript switched off: axe cannot run in them (it needs the page's timers). */
const withoutScript = new WeakSet<Page>()
const checkers = new WeakMap<Browser, Page>()

export function markWithoutScript(page: Page): void {
  withoutScript.add(page)
}

/**
 * axe for a page shown without JavaScript: the same HTML, at the same address (so its stylesheet loads), in a tab
 * of its own where scripts run.
 */
async function expectNoAxeViolationsWithoutScript(page: Page): Promise<void> {
  const browser = page.context().browser()
  if (!browser) throw new Error('no browser')
  let checker = checkers.get(browser)
  if (!checker) {
    checker = await (await browser.newContext({ baseURL: new URL(page.url()).origin })).newPage()
    checkers.set(browser, checker)
  }
  const html = await page.content()
  const address = page.url()
  const sameDocument = (url: URL): boolean => url.href === address
  await checker.route(sameDocument, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }))
  await checker.goto(address)
  await checker.unroute(sameDocument)
  await expectNoAxeViolations(checker)
}

/** A page of the front door: with JavaScript off, the checks of PageObject.arrive with axe run as above. */
abstract class FrontDoorPage extends PageObject {
  override async arrive(status = this.expectedStatus): Promise<this> {
    if (!withoutScript.has(this.page)) return super.arrive(status)
    const here = new URL(this.page.url())
    expect(here.pathname + here.search, `expected to be on ${this.constructor.name}`).toMatch(this.address)
    const { status: shownWith, problems } = takeObservations(this.page)
    expect(problems.join('\n'), `problems in the browser on ${here.pathname}`).toBe('')
    expect(shownWith, `HTTP status of ${here.pathname}`).toBe(status)
    await expectNoAxeViolationsWithoutScript(this.page)
    const folder = process.env.JOURNEY_SCREENSHOTS
    if (folder) await this.page.screenshot({ path: `${folder}/front-door-${Date.now()}-${this.constructor.name}.png`, fullPage: true })
    return this
  }
}

/**
 * The residents' front door: /help/:network (languages), /help/:network/:lang (what to do), the finder and the
 * question pages. Every arrival runs axe (PageObject.arrive).
 */

export class LanguageChoicePage extends FrontDoorPage {
  readonly address = /^\/help\/[\w-]+$/

  static open(page: Page, slug: string): Promise<LanguageChoicePage> {
    return visit(page, `/help/${slug}`, LanguageChoicePage)
  }

  choose(languageName: string): Promise<HelpHomePage> {
    return this.follow(this.page.getByRole('main').getByRole('link', { name: languageName }), HelpHomePage)
  }
}

export class HelpHomePage extends FrontDoorPage {
  readonly address = /^\/help\/[\w-]+\/(en|cy|bn|pl|ar)$/

  static open(page: Page, slug: string, language: string): Promise<HelpHomePage> {
    return visit(page, `/help/${slug}/${language}`, HelpHomePage)
  }

  async direction(): Promise<string | null> {
    return this.page.locator('html').getAttribute('dir')
  }

  findServices(linkText: string): Promise<FinderPage> {
    return this.follow(this.page.getByRole('main').getByRole('link', { name: linkText }), FinderPage)
  }

  askForHelp(linkText: string): Promise<AskStartPage> {
    return this.follow(this.page.getByRole('main').getByRole('link', { name: linkText }), AskStartPage)
  }
}

export class FinderPage extends FrontDoorPage {
  readonly address = /^\/help\/[\w-]+\/(en|cy|bn|pl|ar)\/services(\?.*)?$/

  async search(issueLabel: string, button: string): Promise<FinderPage> {
    await this.page.getByLabel(issueLabel, { exact: true }).check()
    return this.submit(button, FinderPage)
  }

  async resultNames(): Promise<string[]> {
    return (await this.page.locator('.app-result h3').allInnerTexts()).map((name) => name.trim())
  }
}

export class AskStartPage extends FrontDoorPage {
  readonly address = /^\/help\/[\w-]+\/(en|cy|bn|pl|ar)\/ask$/

  start(button: string): Promise<QuestionPage> {
    return this.submit(button, QuestionPage)
  }
}

/** Any one question; the journey fills it in by its labels, in the page's language. */
export class QuestionPage extends FrontDoorPage {
  readonly address = /^\/help\/[\w-]+\/(en|cy|bn|pl|ar)\/ask\/(need|postcode|name|contact-method|contact-details|contact-times|message|language|contact-difficulties)(\?change=1)?$/

  question(): string {
    return new URL(this.page.url()).pathname.split('/').pop() ?? ''
  }

  async fill(label: string, value: string): Promise<this> {
    await this.page.getByLabel(label, { exact: true }).fill(value)
    return this
  }

  async tick(label: string): Promise<this> {
    await this.page.getByLabel(label, { exact: true }).check()
    return this
  }

  async select(label: string, optionLabel: string): Promise<this> {
    await this.page.getByLabel(label, { exact: true }).selectOption({ label: optionLabel })
    return this
  }

  next(button: string): Promise<QuestionPage> {
    return this.submit(button, QuestionPage)
  }

  continueExpectingErrors(button: string): Promise<string[]> {
    return this.submitExpectingErrors(button)
  }

  finish(button: string): Promise<CheckAnswersPage> {
    return this.submit(button, CheckAnswersPage)
  }

  /** Where the radio or checkbox sits against its label: in a right-to-left page the box is on the right. */
  async boxIsRightOfLabel(label: string): Promise<boolean> {
    const input = this.page.getByLabel(label, { exact: true })
    const id = await input.getAttribute('id')
    const labelBox = await this.page.locator(`label[for="${id}"]`).boundingBox()
    // The visible box is the label's ::before; the input itself is laid over it.
    const inputBox = await input.boundingBox()
    if (!labelBox || !inputBox) throw new Error(`no box for ${label}`)
    return inputBox.x + inputBox.width / 2 > labelBox.x + labelBox.width / 2
  }
}

export class CheckAnswersPage extends FrontDoorPage {
  readonly address = /^\/help\/[\w-]+\/(en|cy|bn|pl|ar)\/ask\/check$/

  async answers(): Promise<string> {
    return this.page.locator('.govuk-summary-list').innerText()
  }

  continueTo(linkText: string): Promise<ConsentPage> {
    return this.follow(this.page.getByRole('main').getByRole('button', { name: linkText }), ConsentPage)
  }
}

export class ConsentPage extends FrontDoorPage {
  readonly address = /^\/help\/[\w-]+\/(en|cy|bn|pl|ar)\/ask\/consent$/

  async wording(): Promise<string> {
    return this.page.getByRole('main').innerText()
  }

  sendWithoutAgreeing(button: string): Promise<string[]> {
    return this.submitExpectingErrors(button)
  }

  async agreeAndSend(agreeLabel: string, button: string): Promise<RequestSentPage> {
    await this.page.getByLabel(agreeLabel).check()
    return this.submit(button, RequestSentPage)
  }
}

export class RequestSentPage extends FrontDoorPage {
  readonly address = /^\/help\/[\w-]+\/(en|cy|bn|pl|ar)\/ask\/sent\/H-[A-Z0-9]{6}$/

  async reference(): Promise<string> {
    return (await this.page.locator('.govuk-panel strong').innerText()).trim()
  }

  async mainText(): Promise<string> {
    return this.page.getByRole('main').innerText()
  }
}

import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { and, eq } from 'drizzle-orm'
import { frontDoorRequests } from '../../src/db/schema/index.js'
import { publicLanguages } from '../../src/platform/i18n/i18n.js'
import { questionPages } from '../../src/modules/front-door/ask/ask.schemas.js'
import { serviceFactory } from '../directory-factories.js'
import { networkFactory, organisationFactory } from '../factories.js'
import { testDatabase } from '../support/database.js'
import { describeJourney, launchChromium } from './support/chromium.js'
import { startJourneyApp, type JourneyApp } from './support/journey-app.js'
import { newVisitor } from './support/visitor.js'
import { AskStartPage, FinderPage, HelpHomePage, LanguageChoicePage, markWithoutScript, QuestionPage } from './pages/front-door-pages.js'

/** What the page and everything it loaded came to over the wire; a cached file counts at its full size. */
async function transferredBytes(page: Page): Promise<number> {
  return page.evaluate(() => {
    const [navigation] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[]
    const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[]
    return navigation.transferSize + resources.reduce((sum, entry) => sum + Math.max(entry.transferSize, entry.encodedBodySize), 0)
  })
}

describeJourney('the front door: a resident asks for help in Arabic with no JavaScript', () => {
  let app: JourneyApp
  let browser: Browser
  let slug = ''
  let networkId = ''

  beforeAll(async () => {
    app = await startJourneyApp({ installation: 'shared' })
    const network = await networkFactory.create()
    slug = network.slug
    networkId = network.id
    const council = await organisationFactory.create({ networkId: network.id, name: `Council Customer Team ${network.slug}`, frontDoor: true })
    await serviceFactory.transient({ issues: ['housing'] }).create({ networkId: network.id, organisationId: council.id, name: 'Housing Options', languages: ['en', 'ar'] })
    browser = await launchChromium()
  }, 120_000)
  afterAll(async () => {
    await browser?.close()
    await app?.close()
  })

  it('completes the request right to left, on a small phone, without JavaScript, and gets only a reference', async () => {
    const tab = await newVisitor(browser, app.baseUrl, { javaScriptEnabled: false, viewport: { width: 360, height: 740 } })
    markWithoutScript(tab)
    const languages = await LanguageChoicePage.open(tab, slug)
    const home = await languages.choose('العربية')
    expect(await home.language()).toBe('ar')
    expect(await home.direction()).toBe('rtl')
    expect(await transferredBytes(tab)).toBeLessThan(100 * 1024)

    const start = await home.askForHelp('اطلب منا أن نتواصل معك')
    let question = await start.start('ابدأ الآن')
    expect(question.question()).toBe('need')
    // Mirrored: the tick box sits to the right of its label.
    expect(await question.boxIsRightOfLabel('السكن')).toBe(true)
    await question.tick('السكن')
    await question.fill('أخبرنا بكلماتك', 'صاحب البيت يريد أن يخرجني من الشقة')
    question = await question.next('متابعة')
    expect(question.question()).toBe('postcode')
    question = await (await question.fill('ما هو رمزك البريدي؟', 'E1 6AN')).next('متابعة')
    // A missing name is refused in Arabic, with the error summary.
    const errors = await question.continueExpectingErrors('متابعة')
    expect(errors).toEqual(['اكتب اسمك'])
    question = await (await question.fill('ما اسمك؟', 'Mo Haddad')).next('متابعة')
    question = await (await question.tick('مكالمة هاتفية')).next('متابعة')
    question = await (await question.fill('ما هو رقم هاتفك؟', '07700 900 321')).next('متابعة')
    question = await (await question.fill('ما هو الوقت المناسب للتواصل معك؟', 'بعد الظهر')).next('متابعة')
    question = await (await question.tick('لا')).next('متابعة')
    expect(question.question()).toBe('language')
    await question.tick('أرغب في وجود مترجم')
    question = await question.next('متابعة')
    const check = await question.finish('متابعة')
    expect(await check.language()).toBe('ar')
    const answers = await check.answers()
    expect(answers).toContain('Mo Haddad')
    expect(answers).toContain('يرغب في وجود مترجم')

    const consent = await check.continueTo('متابعة')
    expect(await consent.wording()).toContain('Council Customer Team')
    expect(await consent.sendWithoutAgreeing('أرسل الطلب')).toEqual(['ضع علامة في المربع لتقول إنك توافق'])
    const sent = await consent.agreeAndSend('أوافق على أن يطّلع فريق الاستقبال', 'أرسل الطلب')
    expect(await sent.language()).toBe('ar')
    const reference = await sent.reference()
    expect(reference).toMatch(/^H-[A-Z0-9]{6}$/)
    expect(await sent.mainText()).not.toContain('Mo Haddad')
    expect(await sent.mainText()).not.toContain('07700')

    const { db } = await testDatabase()
    const [request] = await db.select().from(frontDoorRequests).where(and(eq(frontDoorRequests.networkId, networkId), eq(frontDoorRequests.reference, reference)))
    expect(request).toMatchObject({ name: 'Mo Haddad', language: 'ar', interpreterNeeded: true, channel: 'online', consentMethod: 'online', safeToLeaveMessage: false, contactMethod: 'phone' })
    await tab.context().close()
  }, 240_000)

  it('is accessible and light in every language: the first page, the finder and every question page', async () => {
    for (const language of publicLanguages) {
      const tab = await newVisitor(browser, app.baseUrl, { javaScriptEnabled: false })
      markWithoutScript(tab)
      const home = await HelpHomePage.open(tab, slug, language)
      expect(await home.language()).toBe(language)
      expect(await transferredBytes(tab), `home in ${language}`).toBeLessThan(100 * 1024)
      const finderLink = await tab.getByRole('main').getByRole('link').first().innerText()
      await home.findServices(finderLink)
      expect(await transferredBytes(tab), `finder in ${language}`).toBeLessThan(100 * 1024)
      await tab.locator('input[name="issue"]').first().check()
      await Promise.all([tab.waitForEvent('load'), tab.locator('main form button').click()])
      const results = await new FinderPage(tab).arrive()
      expect((await results.resultNames()).length).toBeGreaterThanOrEqual(0)
      await tab.goto(`/help/${slug}/${language}/ask`)
      await new AskStartPage(tab).arrive()
      await Promise.all([tab.waitForEvent('load'), tab.locator('main form button').click()])
      const question = await new QuestionPage(tab).arrive()
      expect(question.question()).toBe('need')
      expect(await question.language()).toBe(language)
      expect(await transferredBytes(tab), `question in ${language}`).toBeLessThan(100 * 1024)
      // The rest of the questions (the Arabic journey above also covers errors, check answers, consent and sent).
      for (const { slug: asked } of questionPages.slice(1)) {
        await tab.goto(`/help/${slug}/${language}/ask/${asked}`)
        const page = await new QuestionPage(tab).arrive()
        expect(page.question()).toBe(asked)
        expect(await transferredBytes(tab), `${asked} in ${language}`).toBeLessThan(100 * 1024)
      }
      await tab.context().close()
    }
  }, 300_000)
})

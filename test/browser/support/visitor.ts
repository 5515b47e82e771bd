import type { Browser, Page } from 'playwright-core'

interface PageWatch {
  /** Status of the last page the browser showed (after redirects). */
  status?: number
  /** Script errors, CSP violations and failed loads seen since the last check. */
  problems: string[]
}

const watches = new WeakMap<Page, PageWatch>()

const redirects = new Set([301, 302, 303, 307, 308])

/**
 * A new person at the app: their own browser context (cookies, language), one tab, with its
 * console and network watched so a CSP violation or a broken asset fails the journey.
 */
export async function newVisitor(
  browser: Browser,
  baseUrl: string,
  options: { javaScriptEnabled?: boolean; viewport?: { width: number; height: number } } = {},
): Promise<Page> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    locale: 'en-GB',
    viewport: options.viewport ?? { width: 1024, height: 768 },
    javaScriptEnabled: options.javaScriptEnabled ?? true,
  })
  context.setDefaultTimeout(10_000)
  const page = await context.newPage()
  const watch: PageWatch = { problems: [] }
  watches.set(page, watch)
  page.on('response', (response) => {
    const request = response.request()
    if (request.isNavigationRequest() && response.frame() === page.mainFrame() && !redirects.has(response.status())) {
      watch.status = response.status()
    } else if (!request.isNavigationRequest() && response.status() >= 400) {
      watch.problems.push(`${response.status()} for ${request.method()} ${response.url()}`)
    }
  })
  page.on('pageerror', (error) => watch.problems.push(`script error: ${error.message}`))
  page.on('console', (message) => {
    // Chrome also logs the page's own error status (the 404 page); that is checked by status instead.
    if (message.type() === 'error' && !/^Failed to load resource: the server responded with a status of/.test(message.text())) {
      watch.problems.push(`console error: ${message.text()}`)
    }
  })
  return page
}

/** Status of the page on screen, and whatever went wrong in the browser since the last call. */
export function takeObservations(page: Page): { status?: number; problems: string[] } {
  const watch = watches.get(page)
  if (!watch) throw new Error('this page was not opened with newVisitor()')
  const problems = watch.problems
  watch.problems = []
  return { status: watch.status, problems }
}

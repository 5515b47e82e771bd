import type { Locator, Page } from 'playwright-core'
import { PageObject, visit } from './page-object.js'

const uuid = '[0-9a-f-]{36}'
const tidy = (text: string): string => text.replace(/\s+/g, ' ').trim()

/** Choosing services for an intake and sending them all in one step. */
export class SendReferralsPage extends PageObject {
  readonly address = new RegExp(`^/intakes/${uuid}/send(\\?.*)?$`)

  /** Each section heading (h2) with the names of the service cards under it, in page order. */
  async candidates(): Promise<Record<string, string[]>> {
    return this.page
      .locator('form[method="post"]')
      .evaluate((form) => {
        const found: Record<string, string[]> = {}
        let heading = ''
        for (const element of Array.from(form.querySelectorAll('h2, .govuk-summary-card__title'))) {
          const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim()
          if (element.tagName === 'H2') found[(heading = text)] = []
          else if (heading) found[heading].push(text)
        }
        return found
      })
  }

  /** Ticks each service by its name and sends; the app answers with the references made. */
  async sendTo(serviceNames: string[]): Promise<ReferralsSentPage> {
    for (const name of serviceNames) await this.field(`Refer to ${name}`).check()
    return this.submit('Send referrals', ReferralsSentPage)
  }
}

export interface SentReferral {
  reference: string
  service: string
  contactDue: string
}

/** The confirmation after sending: one referral per service chosen. */
export class ReferralsSentPage extends PageObject {
  readonly address = new RegExp(`^/intakes/${uuid}/sent\\?key=[0-9a-f-]+$`)

  async referrals(): Promise<SentReferral[]> {
    const table = this.page.locator('table', { has: this.page.locator('caption', { hasText: 'Referrals made' }) })
    return (await rowsOf(table)).map(([reference, service, contactDue]) => ({ reference, service, contactDue }))
  }

  async open(reference: string): Promise<ReferralPage> {
    return this.follow(this.page.getByRole('main').getByRole('link', { name: reference, exact: true }), ReferralPage)
  }
}

export interface TimelineEntry {
  title: string
  byline: string
  detail: string
}

/** One referral as either end sees it: status, summary, the client, the chain, actions, history. */
export class ReferralPage extends PageObject {
  readonly address = new RegExp(`^/referrals/${uuid}$`)

  static open(page: Page, referralId: string): Promise<ReferralPage> {
    return visit(page, `/referrals/${referralId}`, ReferralPage)
  }

  /** The referral's id, from the address, to try it as someone who must not see it. */
  id(): string {
    return new URL(this.page.url()).pathname.split('/')[2]
  }

  /** The status tag beside the heading, e.g. 'Received'. */
  async status(): Promise<string> {
    return tidy(await this.page.locator('h1 .govuk-tag').first().innerText())
  }

  /** The referral's summary list: Reference, Service, Sent by, Sent to, … */
  async summary(): Promise<Record<string, string>> {
    return summaryOf(this.page.locator('main .govuk-summary-list').first())
  }

  /** The client card: what the receiving organisation needs to contact them. */
  async client(): Promise<Record<string, string>> {
    return summaryOf(this.page.locator('.govuk-summary-card', { hasText: 'The client' }).locator('.govuk-summary-list'))
  }

  /** "Where this referral has been": one line per referral in the chain, in order. */
  async chain(): Promise<string[]> {
    const list = this.page.getByRole('heading', { name: 'Where this referral has been' }).locator('xpath=following-sibling::ol[1]')
    return (await list.locator('li').allInnerTexts()).map(tidy)
  }

  /** The history, newest first, as the entries read. */
  async timeline(): Promise<TimelineEntry[]> {
    const items = this.page.getByRole('heading', { name: 'History' }).locator('xpath=following-sibling::ol[1]/li')
    const entries: TimelineEntry[] = []
    for (const item of await items.all()) {
      const texts = (await item.locator('h3, p').allInnerTexts()).map(tidy)
      entries.push({ title: texts[0], byline: texts.find((text) => text.startsWith('by ')) ?? '', detail: texts.slice(1).join(' · ') })
    }
    return entries
  }

  /** Names of the buttons under "What to do next" (a disclosure's button counts once it is opened). */
  async actionsOffered(): Promise<string[]> {
    const actions = this.page.locator('#actions')
    const buttons = (await actions.locator('button, a.govuk-button').allInnerTexts()).map(tidy)
    const disclosures = (await actions.locator('summary').allInnerTexts()).map(tidy)
    return [...new Set([...buttons, ...disclosures])]
  }

  async accept(): Promise<ReferralPage> {
    return this.press(this.page.locator('#actions'), 'Accept referral')
  }

  async recordContact(note: string): Promise<ReferralPage> {
    await this.field('Note about the contact (optional)').fill(note)
    return this.press(this.page.locator('#actions'), 'Record contact with the client')
  }

  async complete(outcome: { outcomes: string[]; note: string }): Promise<ReferralPage> {
    const group = this.page.getByRole('group', { name: 'What was the outcome? Select all that apply' })
    for (const name of outcome.outcomes) await group.getByLabel(name, { exact: true }).check()
    await this.field('Note about the outcome (optional)').fill(outcome.note)
    return this.press(this.page.locator('#actions'), 'Complete with an outcome')
  }

  /** Declining sits behind a disclosure, so it is never pressed by accident. */
  async decline(decline: { reason: string; note: string }): Promise<ReferralPage> {
    const disclosure = this.disclosure('Decline referral')
    await disclosure.locator('summary').click()
    await disclosure.getByRole('group', { name: 'Why are you declining it?' }).getByLabel(decline.reason, { exact: true }).check()
    await disclosure.getByLabel('More detail (needed if you chose other reason)', { exact: true }).fill(decline.note)
    return this.press(disclosure, 'Decline referral')
  }

  async sendOn(): Promise<ReroutePage> {
    return this.follow(this.page.locator('#actions').getByRole('button', { name: 'Send on to another service' }), ReroutePage)
  }

  async messages(): Promise<string[]> {
    const heading = this.page.getByRole('heading', { name: 'Messages', exact: true })
    return (await heading.locator('xpath=following-sibling::div[contains(@class, "govuk-inset-text")]').allInnerTexts()).map(tidy)
  }

  async sendMessage(body: string): Promise<ReferralPage> {
    await this.field('Write a message to the other organisation').fill(body)
    return this.press(this.page.getByRole('main'), 'Send message')
  }

  private disclosure(summary: string): Locator {
    return this.page.locator('#actions details', { has: this.page.locator('summary', { hasText: summary }) })
  }

  private async press(within: Locator, button: string): Promise<ReferralPage> {
    await this.navigateBy(() => within.getByRole('button', { name: button, exact: true }).click())
    return new ReferralPage(this.page).arrive()
  }
}

/** After a decline: choosing the next service, suggested from the directory. */
export class ReroutePage extends PageObject {
  readonly address = new RegExp(`^/referrals/${uuid}/reroute(\\?.*)?$`)

  /** Section heading → service names offered under it. */
  async candidates(): Promise<Record<string, string[]>> {
    return new SendReferralsPage(this.page).candidates()
  }

  /** Picks the service and sends the referral on; back on the declined referral with the chain. */
  async sendTo(serviceName: string): Promise<ReferralPage> {
    await this.field(`Refer to ${serviceName}`).check()
    return this.submit('Send to this service', ReferralPage)
  }
}

export interface WorklistRow {
  reference: string
  client: string
  service: string
  status: string
  due: string
}

/** Incoming or outgoing referrals: tabs, filters and the table. */
export class WorklistPage extends PageObject {
  readonly address = /^\/referrals\/(incoming|outgoing)(\?.*)?$/

  static incoming(page: Page): Promise<WorklistPage> {
    return visit(page, '/referrals/incoming', WorklistPage)
  }

  static outgoing(page: Page): Promise<WorklistPage> {
    return visit(page, '/referrals/outgoing', WorklistPage)
  }

  /** Tab names with counts; the current one is marked with a trailing '*'. */
  async tabs(): Promise<string[]> {
    const links = this.page.getByRole('navigation', { name: 'Which referrals' }).getByRole('link')
    const tabs: string[] = []
    for (const link of await links.all()) {
      const current = (await link.getAttribute('aria-current')) === 'page'
      tabs.push(`${tidy(await link.innerText())}${current ? ' *' : ''}`)
    }
    return tabs
  }

  async showTab(name: RegExp): Promise<WorklistPage> {
    return this.follow(this.page.getByRole('navigation', { name: 'Which referrals' }).getByRole('link', { name }), WorklistPage)
  }

  async rows(): Promise<WorklistRow[]> {
    const table = this.page.getByTestId('referrals')
    if ((await table.count()) === 0) return []
    const headings = (await table.locator('thead th').allInnerTexts()).map(tidy)
    const column = (cells: string[], name: string) => cells[headings.findIndex((heading) => heading.startsWith(name))] ?? ''
    return (await rowsOf(table)).map((cells) => ({
      reference: column(cells, 'Reference'),
      client: column(cells, 'Client'),
      service: column(cells, 'Service'),
      status: column(cells, 'Status'),
      due: column(cells, 'Contact due'),
    }))
  }

  async open(reference: string): Promise<ReferralPage> {
    return this.follow(this.page.getByTestId('referrals').getByRole('link', { name: reference, exact: true }), ReferralPage)
  }
}

async function rowsOf(table: Locator): Promise<string[][]> {
  const rows: string[][] = []
  for (const row of await table.locator('tbody tr').all()) rows.push((await row.locator('td, th').allInnerTexts()).map(tidy))
  return rows
}

async function summaryOf(list: Locator): Promise<Record<string, string>> {
  const details: Record<string, string> = {}
  for (const row of await list.locator(':scope > .govuk-summary-list__row').all()) {
    details[tidy(await row.locator('.govuk-summary-list__key').innerText())] = tidy(await row.locator('.govuk-summary-list__value').innerText())
  }
  return details
}

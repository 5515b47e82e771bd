import type { Locator, Page } from 'playwright-core'
import { PageObject, visit } from './page-object.js'
import { SendReferralsPage } from './referral-pages.js'

const uuid = '[0-9a-f-]{36}'

export interface NewClient {
  name: string
  dateOfBirth?: { day: string; month: string; year: string }
  phone?: string
  email?: string
  postcode?: string
  /** As the form words it, e.g. 'Phone call'. */
  preferredContact?: string
  safeToLeaveMessage?: 'Yes' | 'No' | 'Not known'
  need: string
  /** Issue names as the network calls them, e.g. 'Debt'. */
  issues: string[]
  urgency: 'Standard' | 'Urgent'
}

/** The intake form: the client tells their story once. */
export class NewClientPage extends PageObject {
  readonly address = /^\/clients\/new$/

  static open(page: Page): Promise<NewClientPage> {
    return visit(page, '/clients/new', NewClientPage)
  }

  /** Records the client and their need; the app asks for their consent next. */
  async record(client: NewClient): Promise<ConsentPage> {
    await this.field('Full name').fill(client.name)
    if (client.dateOfBirth) {
      const born = this.group('Date of birth (optional)')
      await born.getByLabel('Day', { exact: true }).fill(client.dateOfBirth.day)
      await born.getByLabel('Month', { exact: true }).fill(client.dateOfBirth.month)
      await born.getByLabel('Year', { exact: true }).fill(client.dateOfBirth.year)
    }
    if (client.phone) await this.field('Phone number').fill(client.phone)
    if (client.email) await this.field('Email address').fill(client.email)
    if (client.postcode) await this.field('Postcode (optional)').fill(client.postcode)
    if (client.preferredContact) await this.choose('How do they prefer to be contacted? (optional)', client.preferredContact)
    if (client.safeToLeaveMessage) await this.choose('Is it safe to leave a message?', client.safeToLeaveMessage)
    await this.field('Describe what they need').fill(client.need)
    for (const issue of client.issues) await this.choose('Issues (optional)', issue)
    await this.choose('How urgent is it?', client.urgency)
    return this.submit('Save and continue to consent', ConsentPage)
  }

  private group(legend: string): Locator {
    return this.page.getByRole('group', { name: legend, exact: true })
  }

  private async choose(legend: string, option: string): Promise<void> {
    await this.group(legend).getByLabel(option, { exact: true }).check()
  }
}

/** Consent to share: asked straight after the intake, before anything can be sent. */
export class ConsentPage extends PageObject {
  readonly address = new RegExp(`^/intakes/${uuid}/consent$`)

  /**
   * Records consent given now, for the organisations the client is referred to, for the form's
   * default 12 months and purpose: what a referrer does when the client agrees on the phone.
   */
  async recordGiven(method: 'Verbally' | 'In writing' | 'Online'): Promise<SendReferralsPage> {
    await this.page.getByRole('group', { name: 'How did they give consent?' }).getByLabel(method, { exact: true }).check()
    return this.submit('Save consent', SendReferralsPage)
  }

  /** What the form offers before the referrer changes anything: organisations covered, purpose and end date. */
  async defaults(): Promise<{ scope: string; purpose: string; endsOn: string }> {
    const ends = this.page.getByRole('group', { name: 'Consent ends on' })
    const part = (label: string) => ends.getByLabel(label, { exact: true }).inputValue()
    return {
      scope: (await this.page.locator('input[name="scope"]:checked').locator('xpath=following-sibling::label').innerText()).trim(),
      purpose: await this.field('What is it for?').inputValue(),
      endsOn: `${await part('Day')} ${await part('Month')} ${await part('Year')}`,
    }
  }
}

/** The organisation's clients, found by name. */
export class ClientsPage extends PageObject {
  readonly address = /^\/clients(\?.*)?$/

  async open(name: string): Promise<ClientPage> {
    return this.follow(this.page.getByRole('main').getByRole('link', { name, exact: true }), ClientPage)
  }
}

export interface ClientReferral {
  reference: string
  /** The referral page's address. */
  address: string
  service: string
  status: string
}

/** One client: their details and every referral made for them that this organisation can see. */
export class ClientPage extends PageObject {
  readonly address = new RegExp(`^/clients/${uuid}$`)

  /** The "Details" summary list, as the page words each row. */
  async details(): Promise<Record<string, string>> {
    const list = this.page.getByRole('heading', { name: 'Details', exact: true }).locator('xpath=following-sibling::dl[1]')
    const details: Record<string, string> = {}
    for (const row of await list.locator('.govuk-summary-list__row').all()) {
      details[(await row.locator('.govuk-summary-list__key').innerText()).trim()] = (await row.locator('.govuk-summary-list__value').innerText()).trim()
    }
    return details
  }

  async referrals(): Promise<ClientReferral[]> {
    const table = this.page.locator('table', { has: this.page.locator('caption', { hasText: /^Referrals$/ }) })
    const referrals: ClientReferral[] = []
    for (const row of await table.locator('tbody tr').all()) {
      const cells = (await row.locator('td, th').allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim())
      const address = (await row.getByRole('link').first().getAttribute('href')) ?? ''
      referrals.push({ reference: cells[0], address, service: cells[1], status: cells[3] })
    }
    return referrals
  }
}

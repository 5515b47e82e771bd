import type { Locator, Page } from 'playwright-core'
import { PageObject, visit } from './page-object.js'
import { SendReferralsPage } from './referral-pages.js'

const uuid = '[0-9a-f-]{36}'
const tidy = (text: string): string => text.replace(/\s+/g, ' ').trim()

async function summaryOf(list: Locator): Promise<Record<string, string>> {
  const rows: Record<string, string> = {}
  for (const row of await list.locator('.govuk-summary-list__row').all()) {
    rows[tidy(await row.locator('.govuk-summary-list__key').innerText())] = tidy(await row.locator('.govuk-summary-list__value').innerText())
  }
  return rows
}

export interface QueueRow {
  reference: string
  name: string
  issues: string
  language: string
  channel: string
  received: string
  status: string
}

/** The front-door team's queue of residents' requests. */
export class FrontDoorQueuePage extends PageObject {
  readonly address = /^\/front-door(\?.*)?$/

  static open(page: Page): Promise<FrontDoorQueuePage> {
    return visit(page, '/front-door', FrontDoorQueuePage)
  }

  async rows(): Promise<QueueRow[]> {
    const rows: QueueRow[] = []
    for (const row of await this.page.locator('[data-testid="requests"] tbody tr').all()) {
      const [reference, name, issues, language, channel, received, status] = (await row.locator('td, th').allInnerTexts()).map(tidy)
      rows.push({ reference, name, issues, language, channel, received, status })
    }
    return rows
  }

  async open(reference: string): Promise<FrontDoorRequestPage> {
    return this.follow(this.page.getByRole('main').getByRole('link', { name: reference, exact: true }), FrontDoorRequestPage)
  }

  async takePhoneRequest(): Promise<PhoneRequestPage> {
    return this.follow(this.page.getByRole('link', { name: 'Take a request for help from a caller on the phone' }), PhoneRequestPage)
  }
}

/** One request: calling them back, what they asked for, and the moves on it. */
export class FrontDoorRequestPage extends PageObject {
  readonly address = new RegExp(`^/front-door/requests/${uuid}$`)

  async status(): Promise<string> {
    return tidy(await this.page.locator('h1 .govuk-tag').first().innerText())
  }

  /** The "Calling them back" card: name, phone, best times, safe to leave a message, language, difficulties. */
  async callBack(): Promise<Record<string, string>> {
    return summaryOf(this.page.locator('[data-testid="call-back"]'))
  }

  async details(): Promise<Record<string, string>> {
    return summaryOf(this.page.locator('[data-testid="details"]'))
  }

  async claim(): Promise<FrontDoorRequestPage> {
    return this.submit('Claim this request', FrontDoorRequestPage)
  }

  async turnIntoReferrals(): Promise<ConvertRequestPage> {
    return this.follow(this.page.getByRole('button', { name: 'Turn into referrals' }), ConvertRequestPage)
  }
}

/** The intake form, filled in from the request: check, add what is missing, save. */
export class ConvertRequestPage extends PageObject {
  readonly address = new RegExp(`^/front-door/requests/${uuid}/convert$`)

  /** What the form already holds, by label, for the fields a resident answers. */
  async prefilled(): Promise<Record<string, string | boolean | string[]>> {
    const group = (legend: string) => this.page.getByRole('group', { name: legend, exact: true })
    const checkedIn = async (legend: string): Promise<string[]> =>
      group(legend)
        .locator('input:checked')
        .evaluateAll((inputs) => inputs.map((input) => ((input as HTMLInputElement).labels?.[0]?.textContent ?? '').replace(/\s+/g, ' ').trim()))
    return {
      name: await this.field('Full name').inputValue(),
      phone: await this.field('Phone number').inputValue(),
      email: await this.field('Email address').inputValue(),
      postcode: await this.field('Postcode (optional)').inputValue(),
      preferredContact: await checkedIn('How do they prefer to be contacted? (optional)'),
      contactTimes: await this.field('Best times to contact them (optional)').inputValue(),
      safeToLeaveMessage: await checkedIn('Is it safe to leave a message?'),
      need: await this.field('Describe what they need').inputValue(),
      issues: await checkedIn('Issues (optional)'),
      language: tidy(await this.field('Preferred language').locator('option:checked').innerText()),
      interpreter: await this.field('They need an interpreter').isChecked(),
      accessibility: await this.field('Accessibility needs').inputValue(),
    }
  }

  async consentNote(): Promise<string> {
    return tidy(await this.page.locator('[data-testid="consent"]').innerText())
  }

  async addDateOfBirth(day: string, month: string, year: string): Promise<void> {
    const born = this.page.getByRole('group', { name: 'Date of birth (optional)', exact: true })
    await born.getByLabel('Day', { exact: true }).fill(day)
    await born.getByLabel('Month', { exact: true }).fill(month)
    await born.getByLabel('Year', { exact: true }).fill(year)
  }

  async addAge(age: string): Promise<void> {
    await this.field('Age, if they did not give a date of birth (optional)').fill(age)
  }

  async save(): Promise<SendReferralsPage> {
    return this.submit('Save and choose services', SendReferralsPage)
  }
}

export interface Caller {
  issues: string[]
  need: string
  name: string
  postcode?: string
  /** As the form words it, e.g. 'Phone call'. */
  contactMethod: string
  phone?: string
  contactTimes?: string
  safeToLeaveMessage: 'Yes' | 'No'
  /** As the list words it, e.g. 'English'. */
  language: string
  contactDifficulties?: string
}

/** Staff fill in the resident's questions for a caller, read the consent wording out and record their agreement. */
export class PhoneRequestPage extends PageObject {
  readonly address = /^\/front-door\/phone$/

  async consentWording(): Promise<string> {
    return tidy(await this.page.locator('[data-testid="consent-wording"]').innerText())
  }

  async record(caller: Caller): Promise<ConvertRequestPage> {
    const group = (legend: string) => this.page.getByRole('group', { name: legend, exact: true })
    for (const issue of caller.issues) await group('What do they need help with? (optional)').getByLabel(issue, { exact: true }).check()
    await this.field('In their words').fill(caller.need)
    await this.field('Name to use').fill(caller.name)
    if (caller.postcode) await this.field('Postcode (optional)').fill(caller.postcode)
    await group('How should we contact them?').getByLabel(caller.contactMethod, { exact: true }).check()
    if (caller.phone) await this.field('Phone number').fill(caller.phone)
    if (caller.contactTimes) await this.field('Best times to call (optional)').fill(caller.contactTimes)
    await group('Is it safe to leave a message?').getByLabel(caller.safeToLeaveMessage, { exact: true }).check()
    await this.field('Language to contact them in').selectOption({ label: caller.language })
    if (caller.contactDifficulties) await this.field('Anything that makes contact hard (optional)').fill(caller.contactDifficulties)
    await group('Did the caller agree?').getByLabel('Yes, they agreed on the phone (verbal consent)', { exact: true }).check()
    return this.submit('Save and continue to referrals', ConvertRequestPage)
  }
}

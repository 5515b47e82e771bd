import type { Locator, Page } from 'playwright-core'
import { currentCode } from '../../support/totp.js'
import { PageObject, visit, type PageObjectClass } from './page-object.js'

/** The second step of signing in for people with two-factor authentication. */
export class TwoFactorSignInPage extends PageObject {
  readonly address = /^\/sign-in\/two-factor(\?.*)?$/

  async enterCodeFrom<T extends PageObject>(secret: string, next: PageObjectClass<T>): Promise<T> {
    await this.field('Security code').fill(currentCode(secret))
    return this.submit('Continue', next)
  }
}

/** An organisation's own services (or, for the coordinator, the network's). */
export class ServicesPage extends PageObject {
  readonly address = /^\/services(\?.*)?$/

  async addService(): Promise<ServiceFormPage> {
    return this.follow(this.page.getByRole('main').getByRole('button', { name: 'Add a service' }), ServiceFormPage)
  }
}

export interface NewService {
  name: string
  description: string
  /** Issue names as the network calls them, e.g. 'Debt'. */
  issues: string[]
  minimumAge?: string
  acceptsNrpf: 'Yes' | 'No' | 'Not stated'
  districts?: string
  referralCriteria: string
  howServiceContactsClients: string
  address: { placeName: string; line1: string; town: string; postcode: string }
  /** Day name → [opens, closes], 24-hour clock. */
  openingTimes: Record<string, [string, string]>
  phone: string
  channels: string[]
  languages: string[]
}

export class ServiceFormPage extends PageObject {
  readonly address = /^\/services\/(new|[0-9a-f-]{36}\/edit)$/

  async add(service: NewService): Promise<ServicePage> {
    await this.field('Service name').fill(service.name)
    await this.field('Description').fill(service.description)
    for (const issue of service.issues) await this.group('Issues the service helps with').getByLabel(issue, { exact: true }).check()
    if (service.minimumAge) await this.field('Youngest age (optional)').fill(service.minimumAge)
    await this.group('Does the service help people with no recourse to public funds?').getByLabel(service.acceptsNrpf, { exact: true }).check()
    if (service.districts) await this.field('Postcode districts served (optional)').fill(service.districts)
    await this.field('Referral criteria').fill(service.referralCriteria)
    await this.field('How you contact clients').fill(service.howServiceContactsClients)
    await this.field('Name of the place (optional)').fill(service.address.placeName)
    await this.field('Address line 1').fill(service.address.line1)
    await this.field('Town or city').fill(service.address.town)
    await this.field('Postcode').fill(service.address.postcode)
    for (const [day, [opens, closes]] of Object.entries(service.openingTimes)) {
      await this.field(`Opens on ${day}`).fill(opens)
      await this.field(`Closes on ${day}`).fill(closes)
    }
    await this.field('Phone number (optional)').fill(service.phone)
    for (const channel of service.channels) await this.group('How the service is delivered').getByLabel(channel, { exact: true }).check()
    for (const language of service.languages) await this.group('Languages staff speak (optional)').getByLabel(language, { exact: true }).check()
    return this.submit('Add service', ServicePage)
  }

  private group(name: string): Locator {
    return this.page.getByRole('group', { name, exact: true })
  }
}

/** One listing, as its organisation and referrers see it. */
export class ServicePage extends PageObject {
  readonly address = /^\/services\/[0-9a-f-]{36}$/

  get serviceId(): string {
    return new URL(this.page.url()).pathname.split('/')[2]
  }

  async changeCapacity(): Promise<CapacityPage> {
    return this.follow(this.page.getByRole('main').getByRole('button', { name: 'Change capacity' }), CapacityPage)
  }

  /** The paused notice under the heading, or '' when the service is not paused. */
  async pausedNotice(): Promise<string> {
    const notice = this.page.getByTestId('paused')
    return (await notice.count()) > 0 ? (await notice.innerText()).replace(/\s+/g, ' ').trim() : ''
  }
}

export class CapacityPage extends PageObject {
  readonly address = /^\/services\/[0-9a-f-]{36}\/capacity(\?.*)?$/

  async pause(pause: { reason: string; reopening: Date; waitingList: boolean }): Promise<ServicePage> {
    await this.field('Paused').check()
    await this.field('Why is it paused?').fill(pause.reason)
    const reopening = this.page.getByRole('group', { name: /When do you expect to take referrals again/ })
    await reopening.getByLabel('Day', { exact: true }).fill(String(pause.reopening.getUTCDate()))
    await reopening.getByLabel('Month', { exact: true }).fill(String(pause.reopening.getUTCMonth() + 1))
    await reopening.getByLabel('Year', { exact: true }).fill(String(pause.reopening.getUTCFullYear()))
    await this.page
      .getByRole('group', { name: 'Can people join a waiting list?' })
      .getByLabel(pause.waitingList ? 'Yes' : 'No', { exact: true })
      .check()
    return this.submit('Save', ServicePage)
  }
}

/** A result card as the referrer reads it: the service's name and each reason tag's words. */
export interface SearchResult {
  name: string
  reasons: string[]
}

export interface SearchResults {
  /** Section heading → its results, in page order, e.g. 'Services that fit (1)'. */
  sections: Record<string, SearchResult[]>
}

/** The referrer's directory search. */
export class SearchPage extends PageObject {
  readonly address = /^\/search(\?.*)?$/

  static open(page: Page): Promise<SearchPage> {
    return visit(page, '/search', SearchPage)
  }

  async searchFor(search: { issues?: string[]; postcode?: string; words?: string }): Promise<SearchPage> {
    for (const issue of search.issues ?? []) {
      await this.page.getByRole('group', { name: 'What they need help with' }).getByLabel(issue, { exact: true }).check()
    }
    if (search.postcode) await this.field('Client’s postcode').fill(search.postcode)
    if (search.words) await this.field('Search words').fill(search.words)
    return this.submit(/^Search$/, SearchPage)
  }

  /** Each results section (its h2) with its cards, read from the page the way a screen reader would walk it. */
  async results(): Promise<SearchResults> {
    const sections = await this.page.locator('[aria-live="polite"]').evaluate((container) => {
      const found: Record<string, { name: string; reasons: string[] }[]> = {}
      let heading = ''
      const tidy = (text: string | null): string => (text ?? '').replace(/\s+/g, ' ').trim()
      for (const element of Array.from(container.children)) {
        if (element.tagName === 'H2') {
          heading = tidy(element.textContent)
          found[heading] = []
        } else if (element.classList.contains('govuk-summary-card') && heading) {
          found[heading].push({
            name: tidy(element.querySelector('.govuk-summary-card__title')?.textContent ?? ''),
            reasons: Array.from(element.querySelectorAll('.app-reasons__item')).map((item) => tidy(item.textContent)),
          })
        }
      }
      return found
    })
    return { sections }
  }
}

import { PageObject } from './page-object.js'
import { ReferralPage } from './referral-pages.js'

/** What happened to the referrals a user sent or received, newest first. */
export class NotificationsPage extends PageObject {
  readonly address = /^\/notifications(\?.*)?$/

  /** Each notification's words, marked ' (new)' while unread. */
  async notifications(): Promise<string[]> {
    const rows = this.page.getByTestId('notifications').locator('tbody tr')
    const found: string[] = []
    for (const row of await rows.all()) {
      const [what, , status] = (await row.locator('td, th').allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim())
      found.push(`${what}${status === 'New' ? ' (new)' : ''}`)
    }
    return found
  }

  async open(notification: string): Promise<ReferralPage> {
    return this.follow(this.page.getByTestId('notifications').getByRole('link', { name: notification, exact: true }), ReferralPage)
  }
}

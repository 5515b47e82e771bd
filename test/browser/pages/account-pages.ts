import type { Page } from 'playwright-core'
import { currentCode } from '../../support/totp.js'
import { PageObject, visit, type PageObjectClass } from './page-object.js'

/** Where a new coordinator or organisation admin is sent until two-factor authentication is on. */
export class TwoFactorEnrolmentPage extends PageObject {
  readonly address = /^\/account\/two-factor$/

  /** The key for the authenticator app, as a person would type it from the page (spaces removed). */
  async manualEntryKey(): Promise<string> {
    return (await this.page.getByTestId('totp-secret').innerText()).replace(/\s+/g, '')
  }

  /**
   * Sets up an authenticator app from the key shown on the page and types the code it shows.
   * Returns the secret, so the journey can sign in with a code later.
   */
  async enrol(): Promise<{ secret: string; recoveryCodes: RecoveryCodesPage }> {
    const secret = await this.manualEntryKey()
    await this.field('Enter the 6-digit code from the app').fill(currentCode(secret))
    const recoveryCodes = await this.submit('Turn on two-factor authentication', RecoveryCodesPage)
    return { secret, recoveryCodes }
  }
}

/** Shown once, straight after two-factor authentication is turned on. */
export class RecoveryCodesPage extends PageObject {
  readonly address = /^\/account\/(two-factor|recovery-codes)$/

  async codes(): Promise<string[]> {
    return (await this.page.getByTestId('recovery-codes').locator('li').allInnerTexts()).map((code) => code.trim())
  }

  async continue<T extends PageObject>(next: PageObjectClass<T>): Promise<T> {
    return this.follow(this.page.getByRole('button', { name: 'Continue' }), next)
  }
}

export class SignInPage extends PageObject {
  readonly address = /^\/sign-in(\?.*)?$/

  static open(page: Page): Promise<SignInPage> {
    return visit(page, '/sign-in', SignInPage)
  }

  /** Signs in with an email address and password; `next` is the page the app should show after. */
  async as<T extends PageObject>(email: string, password: string, next: PageObjectClass<T>): Promise<T> {
    await this.field('Email address').fill(email)
    await this.field('Password').fill(password)
    return this.submit('Sign in', next)
  }
}

export class SignedOutPage extends PageObject {
  readonly address = /^\/sign-out$/

  async signInAgain(): Promise<SignInPage> {
    return this.follow(this.page.getByRole('main').getByRole('link', { name: 'Sign in again' }), SignInPage)
  }
}

/** The page an emailed invitation link opens. */
export class InvitationPage extends PageObject {
  readonly address = /^\/invitations\/[^/?]+$/

  static open(page: Page, link: string): Promise<InvitationPage> {
    return visit(page, link, InvitationPage)
  }

  /** The invitation's details as shown in its summary list: Network, Organisation, Role, Email address. */
  async details(): Promise<Record<string, string>> {
    const rows = this.page.locator('.govuk-summary-list__row')
    const details: Record<string, string> = {}
    for (const row of await rows.all()) {
      const key = (await row.locator('.govuk-summary-list__key').innerText()).trim()
      details[key] = (await row.locator('.govuk-summary-list__value').innerText()).trim()
    }
    return details
  }

  /** A new user confirms their name and chooses a password. */
  async setUpAccount<T extends PageObject>(password: string, next: PageObjectClass<T>): Promise<T> {
    await this.field('Create a password').fill(password)
    await this.field('Confirm password').fill(password)
    return this.submit('Create account', next)
  }
}

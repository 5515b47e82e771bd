import type { Page } from 'playwright-core'
import { PageObject, visit } from './page-object.js'
import { TwoFactorEnrolmentPage } from './account-pages.js'

export interface NewNetwork {
  networkName: string
  nation: 'England' | 'Wales' | 'Scotland' | 'Northern Ireland'
  coordinatorName: string
  coordinatorEmail: string
  password: string
}

/** The front page of an empty installation: create your network, or explore the demo. */
export class FirstRunPage extends PageObject {
  /** The front page; after a refused form, the address the form was posted to. */
  readonly address = /^\/(first-run\/network)?$/

  static open(page: Page): Promise<FirstRunPage> {
    return visit(page, '/', FirstRunPage)
  }

  /** Creates the network and its first coordinator, who is then asked to set up two-factor authentication. */
  async createNetwork(network: NewNetwork): Promise<TwoFactorEnrolmentPage> {
    await this.fillIn(network)
    return this.submit('Create network', TwoFactorEnrolmentPage)
  }

  /** Submits a form the app should refuse; returns the error summary's messages. */
  async tryToCreateNetwork(network: NewNetwork & { passwordAgain?: string }): Promise<string[]> {
    await this.fillIn(network)
    return this.submitExpectingErrors('Create network')
  }

  /** What the form shows in each field now (passwords are never filled back in). */
  async typedValues(): Promise<Record<string, string>> {
    return {
      networkName: await this.field('Network name').inputValue(),
      coordinatorName: await this.field('Full name').inputValue(),
      coordinatorEmail: await this.field('Email address').inputValue(),
      password: await this.field('Create a password').inputValue(),
    }
  }

  private async fillIn(network: NewNetwork & { passwordAgain?: string }): Promise<void> {
    await this.field('Network name').fill(network.networkName)
    await this.field(network.nation).check()
    await this.field('Full name').fill(network.coordinatorName)
    await this.field('Email address').fill(network.coordinatorEmail)
    await this.field('Create a password').fill(network.password)
    await this.field('Type your password again').fill(network.passwordAgain ?? network.password)
  }
}

/** A signed-in user's home: their network, and their organisation and role in it. */
export class HomePage extends PageObject {
  readonly address = /^\/$/

  /** The summary list rows under "Your organisation" (Name, Your role). */
  async yourOrganisation(): Promise<Record<string, string>> {
    const section = this.page.getByRole('heading', { name: 'Your organisation' }).locator('xpath=following-sibling::dl[1]')
    const details: Record<string, string> = {}
    for (const row of await section.locator('.govuk-summary-list__row').all()) {
      const key = (await row.locator('.govuk-summary-list__key').innerText()).trim()
      details[key] = (await row.locator('.govuk-summary-list__value').innerText()).trim()
    }
    return details
  }

  async addOrganisation(): Promise<NewOrganisationPage> {
    return this.follow(this.page.getByRole('button', { name: 'Add an organisation' }), NewOrganisationPage)
  }

  async manageUsers(): Promise<UsersPage> {
    return this.follow(this.page.getByRole('main').getByRole('link', { name: 'Manage users' }), UsersPage)
  }
}

export interface NewOrganisation {
  name: string
  type: string
  adminName: string
  adminEmail: string
}

export class NewOrganisationPage extends PageObject {
  readonly address = /^\/organisations\/new$/

  /** Adds the organisation and invites its first admin by email. */
  async add(organisation: NewOrganisation): Promise<OrganisationPage> {
    await this.field('Organisation name').fill(organisation.name)
    await this.field(organisation.type).check()
    await this.field('Full name').fill(organisation.adminName)
    await this.field('Email address').fill(organisation.adminEmail)
    return this.submit('Add organisation and send invitation', OrganisationPage)
  }
}

export class OrganisationPage extends PageObject {
  readonly address = /^\/organisations\/[0-9a-f-]{36}$/

  /** Rows of the "Invitations waiting to be accepted" table: name, email, role, expiry. */
  async invitationsWaiting(): Promise<string[][]> {
    const table = this.page.locator('table', { has: this.page.locator('caption', { hasText: 'Invitations waiting to be accepted' }) })
    return rowsOf(table)
  }
}

/** An organisation's users and the invitations waiting to be accepted. */
export class UsersPage extends PageObject {
  readonly address = /^\/organisations\/[0-9a-f-]{36}\/users$/

  async inviteUser(): Promise<InviteUserPage> {
    return this.follow(this.page.getByRole('button', { name: 'Invite a user' }), InviteUserPage)
  }

  async members(): Promise<string[][]> {
    return rowsOf(this.page.getByTestId('members'))
  }

  async invitationsWaiting(): Promise<string[][]> {
    return rowsOf(this.page.getByTestId('invitations'))
  }
}

export interface NewUser {
  name: string
  email: string
  role: 'Referrer' | 'Receiver' | 'Organisation admin'
}

export class InviteUserPage extends PageObject {
  readonly address = /^\/organisations\/[0-9a-f-]{36}\/users\/invite$/

  async invite(user: NewUser): Promise<UsersPage> {
    await this.field('Full name').fill(user.name)
    await this.field('Email address').fill(user.email)
    await this.field(user.role).check()
    return this.submit('Send invitation', UsersPage)
  }
}

async function rowsOf(table: ReturnType<Page['locator']>): Promise<string[][]> {
  const rows: string[][] = []
  for (const row of await table.locator('tbody tr').all()) {
    rows.push((await row.locator('td, th').allInnerTexts()).map((cell) => cell.trim()))
  }
  return rows
}

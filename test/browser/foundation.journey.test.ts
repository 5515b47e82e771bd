import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js'
import { describeJourney, launchChromium } from './support/chromium.js'
import { startJourneyApp, type JourneyApp } from './support/journey-app.js'
import { newVisitor } from './support/visitor.js'
import { InvitationPage, SignedOutPage, SignInPage, TwoFactorEnrolmentPage } from './pages/account-pages.js'
import { FirstRunPage, HomePage } from './pages/network-pages.js'

const coordinator = { name: 'Priya Shah', email: 'priya.shah@riverbank-advice.example', password: 'kettle orchard lantern pebble' }
const admin = { name: 'Sam Okafor', email: 'sam.okafor@northside-foodbank.example', password: 'violet tractor harbour mint' }
const referrer = { name: 'Alex Jones', email: 'alex.jones@northside-foodbank.example', password: 'quiet meadow copper sail' }
const networkName = 'Riverbank Community Advice Network'
const organisationName = 'Northside Foodbank'

describeJourney('a new network, from an empty installation to a referrer signing in', () => {
  let sink: SmtpSink
  let app: JourneyApp
  let browser: Browser

  beforeAll(async () => {
    sink = await startSmtpSink()
    app = await startJourneyApp({ installation: 'fresh', smtpUrl: sink.url })
    browser = await launchChromium()
  }, 120_000)
  afterAll(async () => {
    await browser?.close()
    await app?.close()
    await sink?.stop()
  })

  /** The link in the invitation email sent to this address, which must point at this app. */
  async function invitationLinkFor(email: string): Promise<string> {
    // Soon after the commit, or at the latest at the job queue's sweep each minute.
    const mail = await sink.waitFor((message) => message.to.includes(email), 120_000)
    expect(mail.subject).toBe(`You have been invited to join ${networkName}`)
    const link = new RegExp(`${app.baseUrl}/invitations/\\S+`).exec(mail.text)?.[0]
    expect(link, `an invitation link in the email to ${email}`).toBeDefined()
    return link as string
  }

  it('sets up the network, onboards an organisation and its people, all by email invitation', async () => {
    // The coordinator opens the new installation and creates the network.
    const coordinatorTab = await newVisitor(browser, app.baseUrl)
    const firstRun = await FirstRunPage.open(coordinatorTab)
    expect(await firstRun.heading()).toBe('Set up No Wrong Door')
    const network = {
      networkName,
      nation: 'England',
      coordinatorName: coordinator.name,
      coordinatorEmail: coordinator.email,
      password: coordinator.password,
    } as const
    // A slip is explained in the error summary, keeping what was typed except the passwords.
    expect(await firstRun.tryToCreateNetwork({ ...network, passwordAgain: 'kettle orchard lantern' })).toEqual(['The passwords do not match'])
    expect(await firstRun.typedValues()).toEqual({ networkName, coordinatorName: coordinator.name, coordinatorEmail: coordinator.email, password: '' })
    const enrolment = await firstRun.createNetwork(network)

    // Coordinators must use two-factor authentication before anything else.
    const { recoveryCodes } = await enrolment.enrol()
    expect(await recoveryCodes.codes()).toHaveLength(10)
    const coordinatorHome = await recoveryCodes.continue(HomePage)
    expect(await coordinatorHome.heading()).toBe(networkName)

    // They add an organisation, which invites its first admin.
    const newOrganisation = await coordinatorHome.addOrganisation()
    const organisation = await newOrganisation.add({
      name: organisationName,
      type: 'Foodbank',
      adminName: admin.name,
      adminEmail: admin.email,
    })
    expect(await organisation.heading()).toBe(organisationName)
    expect(await organisation.successMessage()).toContain('We have emailed an invitation to its first admin')

    // The invitation arrives by SMTP; the admin opens it in their own browser.
    const adminTab = await newVisitor(browser, app.baseUrl)
    const adminInvitation = await InvitationPage.open(adminTab, await invitationLinkFor(admin.email))
    expect(await adminInvitation.details()).toMatchObject({
      Network: networkName,
      Organisation: organisationName,
      Role: 'Organisation admin',
      'Email address': admin.email,
    })
    const adminEnrolment = await adminInvitation.setUpAccount(admin.password, TwoFactorEnrolmentPage)
    const adminCodes = (await adminEnrolment.enrol()).recoveryCodes
    const adminHome = await adminCodes.continue(HomePage)
    expect(await adminHome.yourOrganisation()).toMatchObject({ Name: organisationName, 'Your role': 'Organisation admin' })

    // The admin invites a referrer.
    const users = await adminHome.manageUsers()
    const invite = await users.inviteUser()
    const usersAfter = await invite.invite({ name: referrer.name, email: referrer.email, role: 'Referrer' })
    expect(await usersAfter.successMessage()).toContain('Invitation sent')
    expect((await usersAfter.invitationsWaiting()).map((row) => row.slice(0, 3))).toEqual([[referrer.name, referrer.email, 'Referrer']])

    // The referrer accepts; a referrer does not need two-factor authentication.
    const referrerTab = await newVisitor(browser, app.baseUrl)
    const referrerInvitation = await InvitationPage.open(referrerTab, await invitationLinkFor(referrer.email))
    expect(await referrerInvitation.details()).toMatchObject({ Organisation: organisationName, Role: 'Referrer' })
    const welcome = await referrerInvitation.setUpAccount(referrer.password, HomePage)
    expect(await welcome.successMessage()).toContain('Your account is ready')

    // They sign out, then sign in again with their email address and password, and see their home.
    const signedOut = await welcome.navigateTo('Sign out', SignedOutPage)
    expect(await signedOut.heading()).toBe('You have signed out')
    const signIn = await signedOut.signInAgain()
    const referrerHome = await signIn.as(referrer.email, referrer.password, HomePage)
    expect(await referrerHome.heading()).toBe(networkName)
    expect(await referrerHome.yourOrganisation()).toMatchObject({ Name: organisationName, 'Your role': 'Referrer' })
    expect(await referrerHome.navigationItems()).toContain('Sign out')

    // Only the two invitations were mailed: one to the admin, one to the referrer.
    expect(sink.messages.filter((mail) => mail.subject.startsWith('You have been invited')).flatMap((mail) => mail.to)).toEqual([
      admin.email,
      referrer.email,
    ])
  }, 300_000)
})

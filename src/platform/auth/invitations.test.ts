import { randomUUID } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../app.js'
import { auditLog, invitations, memberships, networkRoles, users } from '../../db/schema/index.js'
import { addMembership, networkFactory, networkWithPeople, organisationFactory, testPassword, userFactory } from '../../../test/factories.js'
import { testApp, testConfig } from '../../../test/support/app.js'
import { BrowserClient } from '../../../test/support/browser-client.js'
import { testDatabase } from '../../../test/support/database.js'
import { linkSentTo, signInWithPassword, textOf } from './auth.test-support.js'
import { issueInvitation } from './invitations.js'

const chosenPassword = 'plenty of tea in the pot'

/** An invitation issued as a coordinator would; returns the link path from the email. */
async function invite(options: {
  email?: string
  role?: 'referrer' | 'receiver' | 'organisation_admin' | null
  networkRole?: 'coordinator' | null
  now?: Date
}) {
  const people = await networkWithPeople()
  const email = options.email ?? `invitee-${randomUUID().slice(0, 8)}@example.org`
  const { db } = await testDatabase()
  const forOrganisation = options.networkRole ? null : people.organisation
  await db.transaction((tx) =>
    issueInvitation(tx, {
      networkId: people.network.id,
      networkName: people.network.name,
      organisationId: forOrganisation?.id ?? null,
      organisationName: forOrganisation?.name ?? people.network.name,
      email,
      name: 'Ceri Jones',
      role: options.networkRole ? null : (options.role ?? 'referrer'),
      networkRole: options.networkRole ?? null,
      invitedBy: { userId: people.coordinator.id, name: people.coordinator.name },
      language: 'en',
      baseUrl: testConfig().BASE_URL,
      now: options.now ?? new Date(),
    }),
  )
  return { ...people, email, link: await linkSentTo(email, 'invitation') }
}

describe('accepting an invitation', () => {
  let app: App
  let clock = new Date()
  beforeAll(async () => {
    app = await testApp({ now: () => clock })
  })
  afterAll(async () => {
    await app.server.close()
  })

  it('shows who invited you to what, creates the account once, and signs you in there', async () => {
    const { link, email, organisation, coordinator, network } = await invite({ role: 'receiver' })
    const browser = new BrowserClient(app.server)
    const page = await browser.get(link)
    expect(page.status).toBe(200)
    const text = textOf(page)
    expect(text).toContain(coordinator.name)
    expect(text).toContain(organisation.name)
    expect(text).toContain(network.name)
    expect(text).toContain('Receiver')
    expect(page.body).toContain('value="Ceri Jones"')
    expect(page.body).toContain('govuk-password-input')

    const accepted = await browser.submit(link, { name: 'Ceri Jones-Evans', password: chosenPassword, confirmPassword: chosenPassword })
    expect(accepted.status).toBe(303)
    expect(accepted.location).toBe('/')
    const account = await browser.get('/account')
    expect(account.status).toBe(200)
    expect(textOf(account)).toContain('Ceri Jones-Evans')
    expect(account.body).toMatch(/data-testid="working-context">\s*[^<]*·\s*[^<]*/)
    expect(account.body).toContain(organisation.name)

    const { db } = await testDatabase()
    const [user] = await db.select().from(users).where(eq(users.email, email))
    const [membership] = await db.select().from(memberships).where(eq(memberships.userId, user.id))
    expect(membership).toMatchObject({ organisationId: organisation.id, role: 'receiver', networkId: network.id })
    const actions = (await db.select().from(auditLog).where(eq(auditLog.networkId, network.id))).map((row) => row.action)
    expect(actions).toEqual(expect.arrayContaining(['invitation.accepted', 'role.granted']))

    // The same link again, even by someone else: refused.
    const reused = await new BrowserClient(app.server).get(link)
    expect(reused.status).toBe(410)
    expect(textOf(reused)).toContain('Ask whoever invited you to send a new invitation')
    const reusedPost = await new BrowserClient(app.server).post(link, { name: 'x', password: chosenPassword, confirmPassword: chosenPassword })
    expect(reusedPost.status).not.toBe(303)

    // The new password works for signing in.
    await browser.get('/sign-out')
    expect((await signInWithPassword(browser, email, chosenPassword)).status).toBe(303)
  })

  it('refuses an invitation once 7 days have passed', async () => {
    clock = new Date()
    const { link } = await invite({})
    clock = new Date(clock.getTime() + 7 * 24 * 3600_000 + 60_000)
    const browser = new BrowserClient(app.server)
    const page = await browser.get(link)
    expect(page.status).toBe(410)
    expect(textOf(page)).toContain('This invitation has expired or has already been used')
    clock = new Date()
  })

  it('refuses a withdrawn invitation', async () => {
    const { link, network } = await invite({})
    const { db } = await testDatabase()
    await db.update(invitations).set({ revokedAt: new Date() }).where(eq(invitations.networkId, network.id))
    expect((await new BrowserClient(app.server).get(link)).status).toBe(410)
  })

  it('adds the role to an existing account when its password is given, without changing the password', async () => {
    const existing = await userFactory.create()
    const other = await organisationFactory.create({ networkId: (await networkFactory.create()).id })
    await addMembership(existing, other, 'referrer')
    const { link, organisation } = await invite({ email: existing.email, role: 'organisation_admin' })
    const browser = new BrowserClient(app.server)
    const page = await browser.get(link)
    expect(textOf(page)).toContain('You already have an account')
    expect(page.body).not.toContain('confirmPassword')

    const wrong = await browser.submit(link, { password: 'not my password' })
    expect(wrong.status).toBe(400)
    expect(textOf(wrong)).toContain('The password is not right')

    const accepted = await browser.submit(link, { password: testPassword })
    expect(accepted.status).toBe(303)
    const { db } = await testDatabase()
    const rows = await db.select().from(memberships).where(eq(memberships.userId, existing.id))
    expect(rows.map((row) => row.organisationId).sort()).toEqual([organisation.id, other.id].sort())
    // An organisation admin must set up two-factor before anything else.
    expect((await browser.get('/account')).location).toBe('/account/two-factor')
    expect((await browser.get('/account/two-factor')).status).toBe(200)
    // Still the same password.
    await browser.get('/sign-out')
    expect((await signInWithPassword(browser, existing.email, testPassword)).status).toBe(303)
  })

  it('grants a network role such as coordinator', async () => {
    const { link, email, network } = await invite({ networkRole: 'coordinator' })
    const browser = new BrowserClient(app.server)
    expect(textOf(await browser.get(link))).toContain('Network coordinator')
    expect((await browser.submit(link, { name: 'Ceri Jones', password: chosenPassword, confirmPassword: chosenPassword })).status).toBe(303)
    const { db } = await testDatabase()
    const [user] = await db.select().from(users).where(eq(users.email, email))
    const grants = await db.select().from(networkRoles).where(and(eq(networkRoles.userId, user.id), eq(networkRoles.networkId, network.id)))
    expect(grants.map((grant) => grant.role)).toEqual(['coordinator'])
  })

  it('keeps the name typed, never the password, when the form has errors', async () => {
    const { link } = await invite({})
    const browser = new BrowserClient(app.server)
    const page = await browser.submit(link, { name: 'Sam Price', password: 'short', confirmPassword: 'short' })
    expect(page.status).toBe(400)
    expect(textOf(page)).toContain('Password must be 10 characters or more')
    expect(page.body).toContain('value="Sam Price"')
    expect(page.body).not.toContain('value="short"')
    const noName = await browser.submit(link, { name: ' ', password: chosenPassword, confirmPassword: chosenPassword })
    expect(textOf(noName)).toContain('Enter your full name')
  })
})

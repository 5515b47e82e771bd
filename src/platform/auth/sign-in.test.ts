import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../app.js'
import { auditLog, users } from '../../db/schema/index.js'
import { addMembership, networkFactory, organisationFactory, testPassword, userFactory } from '../../../test/factories.js'
import { testApp } from '../../../test/support/app.js'
import { BrowserClient } from '../../../test/support/browser-client.js'
import { testDatabase } from '../../../test/support/database.js'
import { outboxFor, signInWithPassword, textOf } from './auth.test-support.js'

async function referrer() {
  const network = await networkFactory.create()
  const organisation = await organisationFactory.create({ networkId: network.id })
  const user = await userFactory.create()
  await addMembership(user, organisation, 'referrer')
  return user
}

async function auditActions(userId: string): Promise<string[]> {
  const { db } = await testDatabase()
  const rows = await db.select({ action: auditLog.action, details: auditLog.details }).from(auditLog).where(eq(auditLog.subjectId, userId))
  return rows.map((row) => row.action)
}

describe('signing in and out', () => {
  let app: App
  let clock = new Date()
  beforeAll(async () => {
    app = await testApp({ now: () => clock })
  })
  afterAll(async () => {
    await app.server.close()
  })

  it('signs in with the right password, with a new session id, and goes to the local page asked for', async () => {
    const user = await referrer()
    const browser = new BrowserClient(app.server)
    await browser.get('/sign-in?next=%2Faccount')
    const response = await browser.submit('/sign-in?next=%2Faccount', { email: user.email.toUpperCase(), password: testPassword, next: '/account' })
    expect(response.status).toBe(303)
    expect(response.location).toBe('/account')
    const account = await browser.get('/account')
    expect(account.status).toBe(200)
    expect(account.body).toContain(user.email)
    const { db } = await testDatabase()
    const [row] = await db.select().from(users).where(eq(users.id, user.id))
    expect(row.lastSignedInAt).not.toBeNull()
    expect(await auditActions(user.id)).toContain('user.signed_in')
  })

  it('ignores a next address that leads to another site', async () => {
    const user = await referrer()
    const browser = new BrowserClient(app.server)
    const response = await browser.submit('/sign-in', { email: user.email, password: testPassword, next: '//evil.example/' })
    expect(response.location).toBe('/')
  })

  it('gives the same answer for an unknown email as for a wrong password, keeping the email but not the password', async () => {
    const user = await referrer()
    const browser = new BrowserClient(app.server)
    const wrongPassword = await signInWithPassword(browser, user.email, 'not the password at all')
    const unknown = await signInWithPassword(browser, 'nobody-here@example.org', 'not the password at all')
    expect(wrongPassword.status).toBe(400)
    expect(unknown.status).toBe(400)
    expect(textOf(wrongPassword)).toContain('The email address or password is not right')
    expect(textOf(unknown)).toContain('The email address or password is not right')
    expect(wrongPassword.body).toContain(`value="${user.email}"`)
    expect(wrongPassword.body).not.toContain('not the password at all')
    expect(wrongPassword.body).toContain('href="#password"')
  })

  it('shows GOV.UK errors when fields are empty', async () => {
    const browser = new BrowserClient(app.server)
    const response = await browser.submit('/sign-in', { email: '', password: '' })
    expect(response.status).toBe(400)
    expect(response.body).toContain('govuk-error-summary')
    expect(textOf(response)).toContain('Enter your email address')
    expect(textOf(response)).toContain('Enter your password')
  })

  it('locks the account after 5 failures, refuses even the right password, emails the person, and opens again after 15 minutes', async () => {
    clock = new Date()
    const user = await referrer()
    const browser = new BrowserClient(app.server)
    for (let attempt = 1; attempt <= 5; attempt++) {
      const response = await signInWithPassword(browser, user.email, `wrong password ${attempt}`)
      expect(response.status).toBe(400)
    }
    const sixth = await signInWithPassword(browser, user.email, testPassword)
    expect(sixth.status).toBe(400)
    expect(textOf(sixth)).toContain('Your account is locked')
    expect(textOf(sixth)).toContain('15 minutes')
    expect(sixth.body).toContain('href="/password-reset"')
    expect(await browser.get('/account')).toMatchObject({ status: 303 })

    const locked = await outboxFor(user.email, 'accountLocked')
    expect(locked).toHaveLength(1)
    expect(locked[0].bodyText).toContain('/password-reset')
    const actions = await auditActions(user.id)
    expect(actions.filter((action) => action === 'user.sign_in_failed')).toHaveLength(5)
    expect(actions).toContain('user.locked')

    clock = new Date(clock.getTime() + 14 * 60_000)
    expect(textOf(await signInWithPassword(browser, user.email, testPassword))).toContain('Your account is locked')

    clock = new Date(clock.getTime() + 60_000 + 1000)
    const afterLock = await signInWithPassword(browser, user.email, testPassword)
    expect(afterLock.status).toBe(303)
    const { db } = await testDatabase()
    const [row] = await db.select().from(users).where(eq(users.id, user.id))
    expect(row.failedSignIns).toBe(0)
    clock = new Date()
  })

  it('starts counting again after a successful sign-in', async () => {
    const user = await referrer()
    const browser = new BrowserClient(app.server)
    for (let attempt = 1; attempt <= 4; attempt++) await signInWithPassword(browser, user.email, 'wrong password')
    expect((await signInWithPassword(browser, user.email)).status).toBe(303)
    await browser.get('/sign-out')
    for (let attempt = 1; attempt <= 4; attempt++) await signInWithPassword(browser, user.email, 'wrong password')
    expect((await signInWithPassword(browser, user.email)).status).toBe(303)
    expect(await outboxFor(user.email, 'accountLocked')).toHaveLength(0)
  })

  it('does not record failures against unknown emails', async () => {
    const browser = new BrowserClient(app.server)
    const email = `ghost-${Date.now()}@example.org`
    for (let attempt = 1; attempt <= 6; attempt++) await signInWithPassword(browser, email, 'wrong password')
    expect(await outboxFor(email)).toHaveLength(0)
  })

  it('signs out: the session ends and pages need signing in again', async () => {
    const user = await referrer()
    const browser = new BrowserClient(app.server)
    await signInWithPassword(browser, user.email)
    const signedOut = await browser.get('/sign-out')
    expect(signedOut.status).toBe(200)
    expect(textOf(signedOut)).toContain('You have signed out')
    const account = await browser.get('/account')
    expect(account.status).toBe(303)
    expect(account.location).toBe('/sign-in?next=%2Faccount')
    expect(await auditActions(user.id)).toContain('user.signed_out')
  })

  it('shows the sign-in page in Welsh with lang="cy"', async () => {
    const browser = new BrowserClient(app.server)
    await browser.get('/sign-in?lang=cy')
    const page = await browser.get('/sign-in')
    expect(page.status).toBe(200)
    expect(page.body).toContain('<html lang="cy"')
    expect(textOf(page)).toContain('Mewngofnodi')
    expect(textOf(page)).toContain('Wedi anghofio eich cyfrinair?')
    expect(page.body).toContain('data-i18n.show-password="Dangos"')
  })
})

describe('rate limiting of the sign-in form', () => {
  let app: App
  beforeAll(async () => {
    app = await testApp({ config: { AUTH_RATE_LIMIT: '3' } })
  })
  afterAll(async () => {
    await app.server.close()
  })

  it('answers 429 with the error page once an address has posted too often', async () => {
    const browser = new BrowserClient(app.server)
    for (let attempt = 1; attempt <= 3; attempt++) {
      expect((await signInWithPassword(browser, 'someone@example.org', 'wrong password')).status).toBe(400)
    }
    const limited = await signInWithPassword(browser, 'someone@example.org', 'wrong password')
    expect(limited.status).toBe(429)
    expect(textOf(limited)).toContain('Too many attempts')
    // Other forms have their own allowance.
    expect((await browser.submit('/password-reset', { email: 'someone@example.org' })).status).toBe(200)
  })
})

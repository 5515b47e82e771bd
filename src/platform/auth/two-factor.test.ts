import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../app.js'
import { auditLog, users } from '../../db/schema/index.js'
import { addMembership, networkFactory, organisationFactory, userFactory } from '../../../test/factories.js'
import { testApp } from '../../../test/support/app.js'
import { BrowserClient, type PageResponse } from '../../../test/support/browser-client.js'
import { testDatabase } from '../../../test/support/database.js'
import { codeAt, outboxFor, signInWithPassword, textOf } from './auth.test-support.js'

async function organisationAdmin(options: { totp: boolean }) {
  const network = await networkFactory.create()
  const organisation = await organisationFactory.create({ networkId: network.id })
  const user = await userFactory.transient({ totp: options.totp }).create()
  await addMembership(user, organisation, 'organisation_admin')
  return user
}

function secretOn(page: PageResponse): string {
  const shown = /data-testid="totp-secret"><code>([A-Z2-7 ]+)<\/code>/.exec(page.body)?.[1]
  if (!shown) throw new Error('no secret on the page')
  return shown.replace(/ /g, '')
}

function recoveryCodesOn(page: PageResponse): string[] {
  return [...page.body.matchAll(/<li><code>([0-9a-z]{5}-[0-9a-z]{5})<\/code><\/li>/g)].map((match) => match[1])
}

describe('two-factor authentication', () => {
  let app: App
  // A fixed moment, so each code is known and cannot drift into the next 30-second step mid-test.
  let clock = new Date('2030-03-04T10:00:05Z')
  beforeAll(async () => {
    app = await testApp({ now: () => clock })
  })
  afterAll(async () => {
    await app.server.close()
  })

  it('makes an organisation admin set it up, refuses a wrong code, then shows 10 recovery codes once', async () => {
    clock = new Date('2030-03-04T10:00:05Z')
    const admin = await organisationAdmin({ totp: false })
    const browser = new BrowserClient(app.server)
    const signedIn = await signInWithPassword(browser, admin.email)
    expect(signedIn.status).toBe(303)
    const forced = await browser.get('/account')
    expect(forced.location).toBe('/account/two-factor')

    const enrolment = await browser.get('/account/two-factor')
    expect(enrolment.status).toBe(200)
    expect(enrolment.body).toMatch(/<svg role="img" aria-label="[^"]+"/)
    expect(enrolment.body).not.toMatch(/<img[^>]+src="http/)
    const secret = secretOn(enrolment)
    // Reloading keeps the same secret, so an app set up from it still works.
    expect(secretOn(await browser.get('/account/two-factor'))).toBe(secret)

    const wrong = await browser.submit('/account/two-factor', { code: '000000' === codeAt(secret, clock) ? '111111' : '000000' })
    expect(wrong.status).toBe(400)
    expect(textOf(wrong)).toContain('The code is not right')
    const malformed = await browser.submit('/account/two-factor', { code: '12ab' })
    expect(textOf(malformed)).toContain('Enter the 6-digit code')
    expect((await browser.get('/account')).location).toBe('/account/two-factor')

    const right = await browser.submit('/account/two-factor', { code: codeAt(secret, clock) })
    expect(right.status).toBe(200)
    expect(textOf(right)).toContain('Save your recovery codes')
    const codes = recoveryCodesOn(right)
    expect(codes).toHaveLength(10)
    expect(new Set(codes).size).toBe(10)

    expect((await browser.get('/account')).status).toBe(200)
    expect(textOf(await browser.get('/account/two-factor'))).toContain('Two-factor authentication is on')
    expect(recoveryCodesOn(await browser.get('/account/two-factor'))).toHaveLength(0)

    const { db } = await testDatabase()
    const [row] = await db.select().from(users).where(eq(users.id, admin.id))
    expect(row.totpEnabledAt).not.toBeNull()
    expect(row.totpSecret).not.toContain(secret)
    expect(await outboxFor(admin.email, 'twoFactorEnabled')).toHaveLength(1)
    const actions = (await db.select().from(auditLog).where(eq(auditLog.subjectId, admin.id))).map((entry) => entry.action)
    expect(actions).toContain('user.two_factor_enabled')
  })

  it('asks for the code at sign-in, and accepts each code only once', async () => {
    clock = new Date('2030-03-04T11:00:05Z')
    const admin = await organisationAdmin({ totp: true })
    const secret = admin.totpSecretPlain!
    const browser = new BrowserClient(app.server)
    const password = await signInWithPassword(browser, admin.email)
    expect(password.status).toBe(303)
    expect(password.location).toBe('/sign-in/two-factor?next=%2F')
    // Not signed in until the code is given.
    expect((await browser.get('/account')).location).toContain('/sign-in')

    const wrong = await browser.submit('/sign-in/two-factor', { code: codeAt(secret, new Date(clock.getTime() - 10 * 60_000)) })
    expect(wrong.status).toBe(400)
    expect(textOf(wrong)).toContain('The code is not right')

    // A code from the step before is still accepted (a phone clock a little behind).
    const signedIn = await browser.submit('/sign-in/two-factor', { code: codeAt(secret, new Date(clock.getTime() - 30_000)), next: '/account' })
    expect(signedIn.status).toBe(303)
    expect(signedIn.location).toBe('/account')
    expect((await browser.get('/account')).status).toBe(200)

    // The same code again, within its 30 seconds, on another browser: refused.
    const replay = new BrowserClient(app.server)
    await signInWithPassword(replay, admin.email)
    const again = await replay.submit('/sign-in/two-factor', { code: codeAt(secret, new Date(clock.getTime() - 30_000)) })
    expect(again.status).toBe(400)
    clock = new Date(clock.getTime() + 30_000)
    expect((await replay.submit('/sign-in/two-factor', { code: codeAt(secret, clock) })).status).toBe(303)
  })

  it('lets a recovery code stand in for the phone, once', async () => {
    clock = new Date('2030-03-04T12:00:05Z')
    const admin = await organisationAdmin({ totp: false })
    const browser = new BrowserClient(app.server)
    await signInWithPassword(browser, admin.email)
    const secret = secretOn(await browser.get('/account/two-factor'))
    const codes = recoveryCodesOn(await browser.submit('/account/two-factor', { code: codeAt(secret, clock) }))
    await browser.get('/sign-out')

    await signInWithPassword(browser, admin.email)
    const withRecovery = await browser.submit('/sign-in/two-factor', { code: ` ${codes[3].toUpperCase()} ` })
    expect(withRecovery.status).toBe(303)
    expect((await browser.get('/account')).status).toBe(200)
    expect(textOf(await browser.get('/account'))).toContain('9 codes left')
    await browser.get('/sign-out')

    await signInWithPassword(browser, admin.email)
    const reused = await browser.submit('/sign-in/two-factor', { code: codes[3] })
    expect(reused.status).toBe(400)
    expect(textOf(reused)).toContain('The code is not right or has already been used')
  })

  it('locks the account after 5 wrong codes, even though the password was right', async () => {
    clock = new Date('2030-03-04T13:00:05Z')
    const admin = await organisationAdmin({ totp: true })
    const browser = new BrowserClient(app.server)
    await signInWithPassword(browser, admin.email)
    for (let attempt = 1; attempt <= 4; attempt++) {
      expect((await browser.submit('/sign-in/two-factor', { code: 'wrong-code' })).status).toBe(400)
    }
    const fifth = await browser.submit('/sign-in/two-factor', { code: 'wrong-code' })
    expect(textOf(fifth)).toContain('Your account is locked')
    expect(await outboxFor(admin.email, 'accountLocked')).toHaveLength(1)
    expect(textOf(await signInWithPassword(browser, admin.email))).toContain('Your account is locked')
  })

  it('gives new recovery codes only for a current authenticator code, and the old ones stop working', async () => {
    clock = new Date('2030-03-04T14:00:05Z')
    const admin = await organisationAdmin({ totp: false })
    const browser = new BrowserClient(app.server)
    await signInWithPassword(browser, admin.email)
    const secret = secretOn(await browser.get('/account/two-factor'))
    const oldCodes = recoveryCodesOn(await browser.submit('/account/two-factor', { code: codeAt(secret, clock) }))

    clock = new Date(clock.getTime() + 60_000)
    expect((await browser.submit('/account/recovery-codes', { code: '123456' === codeAt(secret, clock) ? '654321' : '123456' })).status).toBe(400)
    const fresh = await browser.submit('/account/recovery-codes', { code: codeAt(secret, clock) })
    expect(fresh.status).toBe(200)
    const newCodes = recoveryCodesOn(fresh)
    expect(newCodes).toHaveLength(10)

    await browser.get('/sign-out')
    await signInWithPassword(browser, admin.email)
    expect((await browser.submit('/sign-in/two-factor', { code: oldCodes[0] })).status).toBe(400)
    expect((await browser.submit('/sign-in/two-factor', { code: newCodes[0] })).status).toBe(303)
  })
})

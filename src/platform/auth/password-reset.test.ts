import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../app.js'
import { addMembership, networkFactory, organisationFactory, testPassword, userFactory } from '../../../test/factories.js'
import { testApp } from '../../../test/support/app.js'
import { BrowserClient } from '../../../test/support/browser-client.js'
import { linkSentTo, outboxFor, signInWithPassword, textOf } from './auth.test-support.js'

const newPassword = 'a brand new kettle of fish'

async function member() {
  const network = await networkFactory.create()
  const organisation = await organisationFactory.create({ networkId: network.id })
  const user = await userFactory.create()
  await addMembership(user, organisation, 'receiver')
  return user
}

describe('password reset', () => {
  let app: App
  let clock = new Date()
  beforeAll(async () => {
    app = await testApp({ now: () => clock })
  })
  afterAll(async () => {
    await app.server.close()
  })

  it('sends a link that sets a new password once, signs out every other session and clears a lockout', async () => {
    const user = await member()
    const elsewhere = new BrowserClient(app.server)
    expect((await signInWithPassword(elsewhere, user.email)).status).toBe(303)
    expect((await elsewhere.get('/account')).status).toBe(200)

    const browser = new BrowserClient(app.server)
    for (let attempt = 1; attempt <= 5; attempt++) await signInWithPassword(browser, user.email, 'wrong password')
    expect(textOf(await signInWithPassword(browser, user.email))).toContain('Your account is locked')

    const sent = await browser.submit('/password-reset', { email: user.email })
    expect(sent.status).toBe(200)
    expect(textOf(sent)).toContain('Check your email')
    const link = await linkSentTo(user.email, 'passwordReset')
    expect(link).toMatch(/^\/password-reset\/[\w-]{20,}$/)

    expect((await browser.get(link)).status).toBe(200)
    const reset = await browser.submit(link, { password: newPassword, confirmPassword: newPassword })
    expect(reset.status).toBe(303)
    expect(reset.location).toBe('/sign-in')
    expect(textOf(await browser.get('/sign-in'))).toContain('Your password has been changed')

    // The other browser was signed in before the reset: it is signed out now.
    const afterReset = await elsewhere.get('/account')
    expect(afterReset.status).toBe(303)
    expect(afterReset.location).toContain('/sign-in')

    expect((await signInWithPassword(browser, user.email, testPassword)).status).toBe(400)
    expect((await signInWithPassword(browser, user.email, newPassword)).status).toBe(303)

    const reused = await browser.get(link)
    expect(reused.status).toBe(410)
    expect(textOf(reused)).toContain('This link has expired or has already been used')
    expect(reused.body).toContain('href="/password-reset"')
    expect((await new BrowserClient(app.server).post(link, { password: 'x'.repeat(12), confirmPassword: 'x'.repeat(12) })).status).not.toBe(303)
  })

  it('refuses a link after an hour', async () => {
    clock = new Date()
    const user = await member()
    const browser = new BrowserClient(app.server)
    await browser.submit('/password-reset', { email: user.email })
    const link = await linkSentTo(user.email, 'passwordReset')
    clock = new Date(clock.getTime() + 61 * 60_000)
    const expired = await browser.get(link)
    expect(expired.status).toBe(410)
    expect(textOf(expired)).toContain('This link has expired or has already been used')
    clock = new Date()
  })

  it('shows the same page for an unknown email and sends nothing', async () => {
    const email = `nobody-${Date.now()}@example.org`
    const browser = new BrowserClient(app.server)
    const page = await browser.submit('/password-reset', { email })
    expect(page.status).toBe(200)
    expect(textOf(page)).toContain('Check your email')
    expect(await outboxFor(email)).toHaveLength(0)
  })

  it('explains what is wrong with a new password and never fills it back in', async () => {
    const user = await member()
    const browser = new BrowserClient(app.server)
    await browser.submit('/password-reset', { email: user.email })
    const link = await linkSentTo(user.email, 'passwordReset')

    const short = await browser.submit(link, { password: 'short', confirmPassword: 'short' })
    expect(short.status).toBe(400)
    expect(textOf(short)).toContain('Password must be 10 characters or more')
    expect(short.body).toContain('href="#password"')

    const differ = await browser.submit(link, { password: 'long enough password', confirmPassword: 'another long password' })
    expect(textOf(differ)).toContain('The passwords do not match')
    expect(differ.body).not.toContain('long enough password')

    const isEmail = await browser.submit(link, { password: user.email.toUpperCase(), confirmPassword: user.email.toUpperCase() })
    expect(textOf(isEmail)).toContain('Password must not be your email address')

    const tooLong = 'x'.repeat(257)
    expect(textOf(await browser.submit(link, { password: tooLong, confirmPassword: tooLong }))).toContain('256 characters or fewer')

    // None of that used the link up.
    expect((await browser.submit(link, { password: newPassword, confirmPassword: newPassword })).status).toBe(303)
  })

  it('refuses an address that is not an email, keeping what was typed', async () => {
    const browser = new BrowserClient(app.server)
    const page = await browser.submit('/password-reset', { email: 'not-an-email' })
    expect(page.status).toBe(400)
    expect(textOf(page)).toContain('Enter an email address in the correct format')
    expect(page.body).toContain('value="not-an-email"')
  })
})

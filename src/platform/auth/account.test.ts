import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../app.js'
import { addMembership, grantNetworkRole, networkFactory, organisationFactory, testPassword, userFactory } from '../../../test/factories.js'
import { testApp } from '../../../test/support/app.js'
import { BrowserClient } from '../../../test/support/browser-client.js'
import { signInWithPassword, textOf } from './auth.test-support.js'

const newPassword = 'bara brith and a cuppa'

async function referrerIn2Organisations() {
  const network = await networkFactory.create()
  const first = await organisationFactory.create({ networkId: network.id })
  const second = await organisationFactory.create({ networkId: network.id })
  const user = await userFactory.create()
  await addMembership(user, first, 'referrer')
  await addMembership(user, second, 'receiver')
  return { user, network, first, second }
}

describe('your account', () => {
  let app: App
  beforeAll(async () => {
    app = await testApp()
  })
  afterAll(async () => {
    await app.server.close()
  })

  it('shows name, email, every organisation and role, two-factor status and where you are signed in', async () => {
    const { user, first, second, network } = await referrerIn2Organisations()
    const coordinatorNetwork = await networkFactory.create()
    await grantNetworkRole(user, coordinatorNetwork, 'analyst')
    const laptop = new BrowserClient(app.server)
    const phone = new BrowserClient(app.server)
    await signInWithPassword(laptop, user.email)
    await signInWithPassword(phone, user.email)
    const page = await laptop.get('/account')
    expect(page.status).toBe(200)
    const text = textOf(page)
    for (const expected of [user.name, user.email, first.name, second.name, network.name, coordinatorNetwork.name, 'Referrer', 'Receiver', 'Analyst', 'Whole network']) {
      expect(text).toContain(expected)
    }
    expect(text).toContain('Off')
    expect(text).toContain('On 2 devices or browsers')
  })

  it('needs you to be signed in', async () => {
    const response = await new BrowserClient(app.server).get('/account')
    expect(response.status).toBe(303)
    expect(response.location).toBe('/sign-in?next=%2Faccount')
  })

  it('changes the password after checking the current one, and signs out other devices but not this one', async () => {
    const { user } = await referrerIn2Organisations()
    const laptop = new BrowserClient(app.server)
    const phone = new BrowserClient(app.server)
    await signInWithPassword(laptop, user.email)
    await signInWithPassword(phone, user.email)

    const wrong = await laptop.submit('/account/password', { currentPassword: 'not it at all', password: newPassword, confirmPassword: newPassword })
    expect(wrong.status).toBe(400)
    expect(textOf(wrong)).toContain('Your current password is not right')
    expect(wrong.body).toContain('href="#currentPassword"')

    const changed = await laptop.submit('/account/password', { currentPassword: testPassword, password: newPassword, confirmPassword: newPassword })
    expect(changed.status).toBe(303)
    expect(textOf(await laptop.get('/account'))).toContain('Your password has been changed')
    expect((await phone.get('/account')).status).toBe(303)

    await laptop.get('/sign-out')
    expect((await signInWithPassword(laptop, user.email, testPassword)).status).toBe(400)
    expect((await signInWithPassword(laptop, user.email, newPassword)).status).toBe(303)
  })

  it('signs out of every other device and keeps this one', async () => {
    const { user } = await referrerIn2Organisations()
    const laptop = new BrowserClient(app.server)
    const phone = new BrowserClient(app.server)
    const tablet = new BrowserClient(app.server)
    for (const browser of [laptop, phone, tablet]) await signInWithPassword(browser, user.email)
    expect(textOf(await laptop.get('/account/sessions'))).toContain('On 3 devices or browsers')

    const revoked = await laptop.submit('/account/sessions', {})
    expect(revoked.status).toBe(303)
    const account = await laptop.get('/account')
    expect(account.status).toBe(200)
    expect(textOf(account)).toContain('You have been signed out on every other device')
    expect(textOf(account)).toContain('On 1 device or browser')
    expect((await phone.get('/account')).status).toBe(303)
    expect((await tablet.get('/account')).status).toBe(303)
  })

  it('shows the account page in Welsh', async () => {
    const { user } = await referrerIn2Organisations()
    const browser = new BrowserClient(app.server)
    await browser.get('/sign-in?lang=cy')
    await signInWithPassword(browser, user.email)
    const page = await browser.get('/account')
    expect(page.body).toContain('<html lang="cy"')
    expect(textOf(page)).toContain('Eich cyfrif')
    expect(textOf(page)).toContain('Atgyfeiriwr')
    expect(textOf(page)).toContain('Dyfeisiau neu borwyr: 1')
  })
})

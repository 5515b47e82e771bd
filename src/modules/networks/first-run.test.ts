import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp, type App } from '../../app.js'
import { openDatabase, type DatabaseHandle } from '../../db/client.js'
import { auditLog, networkRoles, networks, organisations, users } from '../../db/schema/index.js'
import { verifyPassword } from '../../platform/auth/passwords.js'
import { networkFactory } from '../../../test/factories.js'
import { testApp, testConfig } from '../../../test/support/app.js'
import { BrowserClient } from '../../../test/support/browser-client.js'
import { demoPassword } from './demo.js'
import { isFirstRun, slugFor } from './first-run.service.js'

/** The shared test database always has networks, so "empty installation" runs on a database of its own. */
async function freshInstallation(): Promise<{ app: App; database: DatabaseHandle }> {
  const database = await openDatabase({})
  await database.migrate()
  const app = await buildApp({ config: testConfig(), database })
  await app.server.ready()
  return { app, database }
}

const validNetwork = {
  networkName: 'Tân y Dref Advice Network',
  nation: 'wales',
  coordinatorName: 'Rhian Morgan',
  coordinatorEmail: 'Rhian.Morgan@example.org',
  password: 'a long enough password',
  confirmPassword: 'a long enough password',
}

/** A fresh installation for each describe block; tests inside one run in any order, so they never create a network. */
function onFreshInstallation(): () => { app: App; database: DatabaseHandle } {
  let installation: { app: App; database: DatabaseHandle } | undefined
  beforeAll(async () => {
    installation = await freshInstallation()
  })
  afterAll(async () => {
    await installation?.app.server.close()
    await installation?.database.close()
  })
  return () => {
    if (!installation) throw new Error('installation not ready')
    return installation
  }
}

describe('first run: the form', () => {
  const installation = onFreshInstallation()

  it('knows an installation without a network is new, and offers both choices', async () => {
    expect(await isFirstRun(installation().database.db)).toBe(true)
    const page = await new BrowserClient(installation().app.server).get('/')
    expect(page.status).toBe(200)
    expect(page.body).toContain('Create your network')
    expect(page.body).toContain('Explore the demo network')
  })

  it('shows what is wrong, keeps what was typed but not the password, and saves nothing', async () => {
    const browser = new BrowserClient(installation().app.server)
    const response = await browser.submit('/', { ...validNetwork, nation: '', confirmPassword: 'something else entirely' }, '/first-run/network')
    expect(response.status).toBe(400)
    expect(response.body).toContain('There is a problem')
    expect(response.body).toContain('href="#nation"')
    expect(response.body).toContain('The passwords do not match')
    expect(response.body).toContain('value="Tân y Dref Advice Network"')
    expect(response.body).not.toContain('a long enough password')
    expect(await isFirstRun(installation().database.db)).toBe(true)
  })

  it('refuses a short password', async () => {
    const browser = new BrowserClient(installation().app.server)
    const response = await browser.submit('/', { ...validNetwork, password: 'short', confirmPassword: 'short' }, '/first-run/network')
    expect(response.status).toBe(400)
    expect(response.body).toContain('Password must be 10 characters or more')
    expect(await isFirstRun(installation().database.db)).toBe(true)
  })
})

describe('first run: creating the network', () => {
  const installation = onFreshInstallation()

  it('creates the network, coordinator and role together, signs them in, asks for two-factor set-up, then refuses first run', async () => {
    const { db } = installation().database
    const browser = new BrowserClient(installation().app.server)
    const response = await browser.submit('/', validNetwork, '/first-run/network')
    expect(response.status).toBe(303)
    expect(response.location).toBe('/')

    const [network] = await db.select().from(networks)
    expect(network).toMatchObject({ name: 'Tân y Dref Advice Network', slug: 'tan-y-dref-advice-network', nation: 'wales', isDemo: false })
    const [user] = await db.select().from(users).where(eq(users.email, 'rhian.morgan@example.org'))
    expect(user.name).toBe('Rhian Morgan')
    expect(user.passwordHash).toMatch(/^\$argon2id\$/)
    expect(await verifyPassword(user.passwordHash, validNetwork.password)).toBe(true)
    const roles = await db.select().from(networkRoles).where(eq(networkRoles.userId, user.id))
    expect(roles).toMatchObject([{ networkId: network.id, role: 'coordinator' }])
    const actions = (await db.select().from(auditLog).where(eq(auditLog.networkId, network.id))).map((row) => row.action)
    expect(actions).toEqual(expect.arrayContaining(['network.created', 'role.granted']))

    // Signed in as the coordinator, who must set up two-factor authentication before anything else.
    const home = await browser.get('/')
    expect(home.status).toBe(303)
    expect(home.location).toBe('/account/two-factor')
    expect(await isFirstRun(db)).toBe(false)

    // Now both first-run choices are refused (the start page has no form, so post with the sign-in page's token).
    const stranger = new BrowserClient(installation().app.server)
    const create = await stranger.submit('/sign-in', { ...validNetwork, coordinatorEmail: 'second@example.org' }, '/first-run/network')
    expect(create.status).toBe(404)
    const demo = await stranger.submit('/sign-in', {}, '/first-run/demo')
    expect(demo.status).toBe(404)
    const start = await stranger.get('/')
    expect(start.status).toBe(200)
    expect(start.body).toContain('href="/sign-in"')
    expect(start.body).not.toContain('Create your network')
    expect(await db.select().from(networks)).toHaveLength(1)
  })
})

describe('first run: exploring the demo', () => {
  const installation = onFreshInstallation()

  it('seeds the demo network and lists its accounts and password, with a way to sign in', async () => {
    const browser = new BrowserClient(installation().app.server)
    const response = await browser.submit('/', {}, '/first-run/demo')
    expect(response.status).toBe(303)
    expect(response.location).toBe('/demo')
    const page = await browser.get('/demo')
    expect(page.status).toBe(200)
    expect(page.body).toContain('coordinator@riverside.example')
    expect(page.body).toContain(demoPassword)
    expect(page.body).toContain('href="/sign-in"')

    const { db } = installation().database
    const [demo] = await db.select().from(networks).where(and(eq(networks.slug, 'riverside'), eq(networks.isDemo, true)))
    expect(demo).toBeDefined()
    const demoOrganisations = await db.select().from(organisations).where(eq(organisations.networkId, demo.id))
    expect(demoOrganisations.length).toBeGreaterThanOrEqual(35)
    expect((await browser.submit('/sign-in', {}, '/first-run/demo')).status).toBe(404)
  })
})

describe('first run on an installation that already has networks', () => {
  let app: App
  beforeAll(async () => {
    app = await testApp()
    await networkFactory.create()
  })
  afterAll(async () => {
    await app.server.close()
  })

  it('refuses to create another network through the first-run form', async () => {
    const browser = new BrowserClient(app.server)
    const response = await browser.submit('/sign-in', { ...validNetwork, coordinatorEmail: `late-${Date.now()}@example.org` }, '/first-run/network')
    expect(response.status).toBe(404)
  })

  it('shows the start page, not the first-run page', async () => {
    const page = await new BrowserClient(app.server).get('/')
    expect(page.status).toBe(200)
    expect(page.body).toContain('href="/sign-in"')
    expect(page.body).not.toContain('Create your network')
  })
})

describe('network addresses', () => {
  it('are made from the name, and keep the demo’s address for the demo', () => {
    expect(slugFor('Tân y Dref Advice Network')).toBe('tan-y-dref-advice-network')
    expect(slugFor('  St Mary’s & Friends!  ')).toBe('st-mary-s-friends')
    expect(slugFor('Riverside')).toBe('riverside-network')
    expect(slugFor('!!!')).toBe('network')
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../app.js'
import { addMembership, grantNetworkRole, networkWithPeople, organisationFactory, userFactory } from '../../../test/factories.js'
import { testApp } from '../../../test/support/app.js'
import type { PageResponse } from '../../../test/support/browser-client.js'
import { signIn } from '../../../test/support/sign-in.js'

const headerContext = (page: PageResponse): string =>
  (/data-testid="working-context">([\s\S]*?)<\/p>/.exec(page.body)?.[1] ?? '').replace(/\s+/g, ' ').trim()

describe('switching where you work', () => {
  let app: App
  beforeAll(async () => {
    app = await testApp()
  })
  afterAll(async () => {
    await app.server.close()
  })

  it('moves someone between their two organisations, and the header follows', async () => {
    const { network, organisation } = await networkWithPeople()
    const second = await organisationFactory.create({ networkId: network.id })
    const worker = await userFactory.create()
    await addMembership(worker, organisation, 'referrer')
    await addMembership(worker, second, 'receiver')
    const browser = await signIn(app, worker)

    const before = await browser.get('/')
    expect(before.body).toContain('href="/switch"')
    const startedIn = headerContext(before)
    const target = startedIn.includes(organisation.name) ? second : organisation
    expect(headerContext(before)).not.toContain(target.name)

    const choices = await browser.get('/switch')
    expect(choices.body).toContain(organisation.name)
    expect(choices.body).toContain(second.name)
    const response = await browser.submit('/switch', { context: `${network.id}/${target.id}` })
    expect(response.status).toBe(303)
    const after = await browser.follow(response)
    expect(headerContext(after)).toContain(target.name)
    expect(after.body).toContain('You have switched organisation')
  })

  it('moves a coordinator who also works in another network between the two', async () => {
    const first = await networkWithPeople()
    const second = await networkWithPeople()
    const person = await userFactory.transient({ totp: true }).create()
    await grantNetworkRole(person, first.network, 'coordinator')
    await addMembership(person, second.organisation, 'referrer')
    const browser = await signIn(app, person)

    await browser.submit('/switch', { context: `${first.network.id}/network` })
    const asCoordinator = await browser.get('/')
    expect(headerContext(asCoordinator)).toBe(first.network.name)
    expect(asCoordinator.body).toContain('data-testid="network-counts"')
    // Working in the first network, the second network's organisation does not exist.
    expect((await browser.get(`/organisations/${second.organisation.id}`)).status).toBe(404)

    await browser.submit('/switch', { context: `${second.network.id}/${second.organisation.id}` })
    const asReferrer = await browser.get('/')
    expect(headerContext(asReferrer)).toBe(`${second.network.name} · ${second.organisation.name}`)
    expect(asReferrer.body).not.toContain('data-testid="network-counts"')
    expect((await browser.get(`/organisations/${second.organisation.id}`)).status).toBe(200)
  })

  it('refuses a place the person does not work, and leaves them where they were', async () => {
    const { network, organisation, referrer } = await networkWithPeople()
    const elsewhere = await organisationFactory.create({ networkId: network.id })
    const browser = await signIn(app, referrer)
    expect((await browser.get('/')).body).not.toContain('href="/switch"')
    const response = await browser.submit('/switch', { context: `${network.id}/${elsewhere.id}` })
    expect(response.status).toBe(400)
    expect(response.body).toContain('Select an organisation')
    expect(headerContext(await browser.get('/'))).toContain(organisation.name)
  })
})

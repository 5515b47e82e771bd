import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../../app.js'
import { referralEvents } from '../../../db/schema/index.js'
import { addMembership, networkWithPeople, organisationFactory, userFactory } from '../../../../test/factories.js'
import { serviceFactory } from '../../../../test/directory-factories.js'
import { clientFactory, intakeFactory, referralFactory } from '../../../../test/referral-factories.js'
import { testApp } from '../../../../test/support/app.js'
import { testDatabase } from '../../../../test/support/database.js'
import { signIn } from '../../../../test/support/sign-in.js'

/** A network whose coordinator looks at referrals between a foodbank and an advice centre. */
async function coordinatedNetwork() {
  const people = await networkWithPeople()
  const { network, organisation: foodbank } = people
  const adviceCentre = await organisationFactory.create({ networkId: network.id })
  const debtAdvice = await serviceFactory.create({ networkId: network.id, organisationId: adviceCentre.id, name: 'Debt advice' })
  const kitchen = await serviceFactory.create({ networkId: network.id, organisationId: foodbank.id, name: 'Community kitchen' })
  return { ...people, foodbank, adviceCentre, debtAdvice, kitchen }
}

const personal = {
  name: 'Zainab Okonkwo-Price',
  phone: '07700 900987',
  email: 'zainab.private@example.net',
  postcode: 'E14 7XJ',
  address: '9 Quiet Lane, Poplar',
}

async function refer(networkId: string, from: { id: string }, service: { id: string; organisationId: string }, values: Partial<Parameters<typeof referralFactory.create>[0]> = {}) {
  const client = await clientFactory.create({ networkId, organisationId: from.id, ...personal })
  const intake = await intakeFactory.transient({ issues: ['debt'] }).create({ networkId, organisationId: from.id, clientId: client.id })
  return referralFactory.create({
    networkId,
    intakeId: intake.id,
    clientId: client.id,
    fromOrganisationId: from.id,
    serviceId: service.id,
    toOrganisationId: service.organisationId,
    ...values,
  })
}

function referencesIn(body: string): string[] {
  const table = /data-testid="referrals"[\s\S]*?<\/table>/.exec(body)?.[0] ?? ''
  return [...table.matchAll(/href="\/network\/referrals\/[0-9a-f-]{36}">([^<]+)</g)].map((match) => match[1])
}

function expectNoPersonalData(body: string): void {
  for (const value of Object.values(personal)) expect(body).not.toContain(value)
  expect(body).not.toContain('href="/referrals/')
  expect(body).not.toContain('href="/clients/')
}

describe("the coordinator's network referrals", () => {
  let app: App
  beforeAll(async () => {
    app = await testApp()
  })
  afterAll(async () => {
    await app.server.close()
  })

  it('lists the whole network’s referrals with no client name or contact details, and filters them', async () => {
    const s = await coordinatedNetwork()
    const overdue = await refer(s.network.id, s.foodbank, s.debtAdvice, { contactDueOn: '2020-01-06', sentAt: new Date('2019-12-20T10:00:00Z') })
    const onTime = await refer(s.network.id, s.adviceCentre, s.kitchen, { contactDueOn: '2099-01-05', status: 'accepted' })
    const elsewhere = await organisationFactory.create({ networkId: s.network.id })
    const elsewhereService = await serviceFactory.create({ networkId: s.network.id, organisationId: elsewhere.id })
    const unrelated = await refer(s.network.id, elsewhere, elsewhereService, { status: 'completed' })
    const other = await coordinatedNetwork()
    const otherNetwork = await refer(other.network.id, other.foodbank, other.debtAdvice)

    const browser = await signIn(app, s.coordinator)
    const page = await browser.get('/network/referrals')
    expect(page.status).toBe(200)
    expect(referencesIn(page.body).sort()).toEqual([overdue.reference, onTime.reference, unrelated.reference].sort())
    expect(page.body).not.toContain(otherNetwork.reference)
    expect(page.body).toContain('Overdue by')
    expectNoPersonalData(page.body)

    const list = async (query: string): Promise<string[]> => referencesIn((await browser.get(`/network/referrals?${query}`)).body).sort()
    expect(await list('overdue=yes')).toEqual([overdue.reference])
    expect(await list('status=completed')).toEqual([unrelated.reference])
    // An organisation's referrals are those it sent and those it received.
    expect(await list(`organisation=${s.foodbank.id}`)).toEqual([overdue.reference, onTime.reference].sort())
    expect(await list(`organisation=${s.adviceCentre.id}&service=${s.debtAdvice.id}`)).toEqual([overdue.reference])
    // Another network's organisation matches nothing.
    expect(await list(`organisation=${other.foodbank.id}`)).toEqual([])
  })

  it('shows one referral’s metadata and status history, without notes or messages, and nothing of another network', async () => {
    const s = await coordinatedNetwork()
    const referral = await refer(s.network.id, s.foodbank, s.debtAdvice, { status: 'accepted' })
    const { db } = await testDatabase()
    await db.insert(referralEvents).values([
      { networkId: s.network.id, referralId: referral.id, type: 'sent', toStatus: 'sent', actorOrganisationId: s.foodbank.id, note: `Please ring ${personal.name} on ${personal.phone}` },
      { networkId: s.network.id, referralId: referral.id, type: 'accepted', fromStatus: 'sent', toStatus: 'accepted', actorOrganisationId: s.adviceCentre.id, note: `Lives at ${personal.address}` },
      { networkId: s.network.id, referralId: referral.id, type: 'message', actorOrganisationId: s.adviceCentre.id, note: personal.email, data: { email: personal.email } },
    ])
    const browser = await signIn(app, s.coordinator)
    const page = await browser.get(`/network/referrals/${referral.id}`)
    expect(page.status).toBe(200)
    expect(page.body).toContain(referral.reference)
    expect(page.body).toContain('Debt advice')
    expect(page.body).toContain(s.adviceCentre.name)
    expect(page.body.match(/govuk-tag--turquoise/g)?.length).toBe(2) // status now, and the accepted event
    expectNoPersonalData(page.body)

    const other = await coordinatedNetwork()
    const theirs = await refer(other.network.id, other.foodbank, other.debtAdvice)
    expect((await browser.get(`/network/referrals/${theirs.id}`)).status).toBe(404)
    expect((await browser.get('/network/referrals/not-an-id')).status).toBe(404)
  })

  it('is refused to people who are not the coordinator, and the coordinator has no organisation work lists', async () => {
    const s = await coordinatedNetwork()
    const referral = await refer(s.network.id, s.foodbank, s.debtAdvice)
    const receiver = await userFactory.create()
    await addMembership(receiver, s.adviceCentre, 'receiver')
    const browser = await signIn(app, receiver)
    expect((await browser.get('/network/referrals')).status).toBe(403)
    expect((await browser.get(`/network/referrals/${referral.id}`)).status).toBe(403)

    const coordinator = await signIn(app, s.coordinator)
    const home = await coordinator.get('/')
    expect(home.body).toContain('href="/network/referrals"')
    expect(home.body).not.toContain('href="/referrals/incoming"')
    expect((await coordinator.get('/referrals/incoming')).status).toBe(404)
    expect((await coordinator.get('/referrals/outgoing')).status).toBe(404)
  })
})

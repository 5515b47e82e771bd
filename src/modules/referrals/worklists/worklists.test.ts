import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../../app.js'
import { auditLog } from '../../../db/schema/index.js'
import { addMembership, networkFactory, organisationFactory, userFactory } from '../../../../test/factories.js'
import { serviceFactory } from '../../../../test/directory-factories.js'
import { clientFactory, intakeFactory, referralFactory } from '../../../../test/referral-factories.js'
import { testApp } from '../../../../test/support/app.js'
import { testDatabase } from '../../../../test/support/database.js'
import { signIn } from '../../../../test/support/sign-in.js'

// Wednesday 11 March 2026, no bank holiday near it in England: every working-day count below is by hand.
const clock = new Date('2026-03-11T10:00:00Z')

/** Two organisations of one network: a foodbank that refers and an advice centre that receives. */
async function referralNetwork() {
  const network = await networkFactory.create()
  const foodbank = await organisationFactory.create({ networkId: network.id, name: `Foodbank ${network.slug}` })
  const adviceCentre = await organisationFactory.create({ networkId: network.id, name: `Advice Centre ${network.slug}` })
  const debtAdvice = await serviceFactory.create({ networkId: network.id, organisationId: adviceCentre.id, name: 'Debt advice' })
  const housing = await serviceFactory.create({ networkId: network.id, organisationId: adviceCentre.id, name: 'Housing advice' })
  const referrer = await userFactory.create()
  await addMembership(referrer, foodbank, 'referrer')
  const receiver = await userFactory.create()
  await addMembership(receiver, adviceCentre, 'receiver')
  return { network, foodbank, adviceCentre, debtAdvice, housing, referrer, receiver }
}

type Setting = Awaited<ReturnType<typeof referralNetwork>>

/** A client of the sender, with an intake, referred to one service. */
async function refer(
  setting: { network: { id: string } },
  from: { id: string },
  service: { id: string; organisationId: string },
  values: Partial<Parameters<typeof referralFactory.create>[0]> & { issues?: string[]; clientName?: string } = {},
) {
  const { issues = ['debt'], clientName, ...rest } = values
  const networkId = setting.network.id
  const client = await clientFactory.create({ networkId, organisationId: from.id, ...(clientName ? { name: clientName } : {}) })
  const intake = await intakeFactory.transient({ issues }).create({ networkId, organisationId: from.id, clientId: client.id })
  const referral = await referralFactory.create({
    networkId,
    intakeId: intake.id,
    clientId: client.id,
    fromOrganisationId: from.id,
    serviceId: service.id,
    toOrganisationId: service.organisationId,
    sentAt: new Date('2026-03-02T09:00:00Z'),
    contactDueOn: '2026-03-20',
    ...rest,
  })
  return { client, intake, referral }
}

/** The references in the list's table, in the order shown. */
function referencesIn(body: string): string[] {
  const table = /data-testid="referrals"[\s\S]*?<\/table>/.exec(body)?.[0] ?? ''
  return [...table.matchAll(/href="\/(?:network\/)?referrals\/[0-9a-f-]{36}">([^<]+)</g)].map((match) => match[1])
}

/** The table row of one referral, as text. */
function rowOf(body: string, reference: string): string {
  const row = [...body.matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)].find((match) => match[1].includes(`>${reference}<`))
  return (row?.[1] ?? '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')
}

describe('incoming and outgoing work lists', () => {
  let app: App
  let setting: Setting
  beforeAll(async () => {
    app = await testApp({ now: () => clock })
    setting = await referralNetwork()
  })
  afterAll(async () => {
    await app.server.close()
  })

  it("shows an organisation only its own referrals, with the client's name, and audits each page of names", async () => {
    const { network, foodbank, adviceCentre, debtAdvice, receiver, referrer } = setting
    const mine = await refer(setting, foodbank, debtAdvice, { clientName: 'Amina Begum' })
    // Sent elsewhere in the same network, and a referral in another network.
    const elsewhere = await organisationFactory.create({ networkId: network.id })
    const elsewhereService = await serviceFactory.create({ networkId: network.id, organisationId: elsewhere.id })
    const notOurs = await refer(setting, foodbank, elsewhereService)
    const otherSetting = await referralNetwork()
    const otherNetwork = await refer(otherSetting, otherSetting.foodbank, otherSetting.debtAdvice)

    const browser = await signIn(app, receiver)
    const incoming = await browser.get('/referrals/incoming')
    expect(incoming.status).toBe(200)
    expect(referencesIn(incoming.body)).toEqual([mine.referral.reference])
    expect(rowOf(incoming.body, mine.referral.reference)).toContain('Amina Begum')
    expect(rowOf(incoming.body, mine.referral.reference)).toContain(`from ${foodbank.name}`)
    expect(incoming.body).not.toContain(notOurs.referral.reference)
    expect(incoming.body).not.toContain(otherNetwork.referral.reference)

    const { db } = await testDatabase()
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorUserId, receiver.id), eq(auditLog.action, 'worklist.viewed')))
    expect(entry).toMatchObject({ networkId: network.id, subjectId: adviceCentre.id })
    expect(entry.details).toEqual({ list: 'incoming', referralIds: [mine.referral.id], clientIds: [mine.client.id] })
    expect(JSON.stringify(entry.details)).not.toContain('Amina')

    const sender = await signIn(app, referrer)
    const outgoing = await sender.get('/referrals/outgoing')
    expect(referencesIn(outgoing.body)).toEqual(expect.arrayContaining([mine.referral.reference, notOurs.referral.reference]))
    expect(outgoing.body).not.toContain(otherNetwork.referral.reference)
    // The sender has received nothing.
    expect(referencesIn((await sender.get('/referrals/incoming')).body)).toEqual([])
  })

  it('flags overdue and due-soon referrals in working days, and each tab holds the right ones', async () => {
    const s = await referralNetwork()
    const overdue = await refer(s, s.foodbank, s.debtAdvice, { contactDueOn: '2026-03-06' }) // Fri → Mon, Tue, Wed
    const dueToday = await refer(s, s.foodbank, s.debtAdvice, { contactDueOn: '2026-03-11', status: 'received' })
    const dueSoon = await refer(s, s.foodbank, s.debtAdvice, { contactDueOn: '2026-03-13', status: 'accepted' }) // Thu, Fri
    const later = await refer(s, s.foodbank, s.debtAdvice, { contactDueOn: '2026-03-20' }) // 7 working days
    const contacted = await refer(s, s.foodbank, s.debtAdvice, { contactDueOn: '2026-03-05', status: 'in_progress' })
    const closed = await refer(s, s.foodbank, s.debtAdvice, { contactDueOn: '2026-03-04', status: 'completed', closedAt: new Date('2026-03-04T12:00:00Z') })

    const browser = await signIn(app, s.receiver)
    const all = (await browser.get('/referrals/incoming')).body
    expect(rowOf(all, overdue.referral.reference)).toContain('Overdue by 3 working days')
    expect(rowOf(all, dueToday.referral.reference)).toContain('Due today')
    expect(rowOf(all, dueSoon.referral.reference)).toContain('Due in 2 working days')
    expect(rowOf(all, later.referral.reference)).toContain('Due in 7 working days')
    // Contacted in time or not, an in-progress referral is no longer waiting, so it is not overdue.
    expect(rowOf(all, contacted.referral.reference)).not.toContain('Overdue')
    expect(referencesIn(all)).not.toContain(closed.referral.reference)
    // Soonest due first.
    expect(referencesIn(all)).toEqual([contacted, overdue, dueToday, dueSoon, later].map((r) => r.referral.reference))

    const tab = async (view: string): Promise<string[]> => referencesIn((await browser.get(`/referrals/incoming?view=${view}`)).body)
    expect(await tab('overdue')).toEqual([overdue.referral.reference])
    expect(await tab('due-soon')).toEqual([dueToday, dueSoon].map((r) => r.referral.reference))
    expect(await tab('new')).toEqual([overdue, dueToday, later].map((r) => r.referral.reference))
    expect(await tab('in-progress')).toEqual([contacted, dueSoon].map((r) => r.referral.reference))
    expect(await tab('closed')).toEqual([closed.referral.reference])
    expect(all).toMatch(/Overdue \(1\)/)
    expect(all).toMatch(/Due soon \(2\)/)
    // Each tab's total (taken from the tab counts for the open tabs) is what it lists, also narrowed by a status.
    const total = async (query: string): Promise<string | undefined> =>
      /data-testid="referrals-count">([^<]+)</.exec((await browser.get(`/referrals/incoming?${query}`)).body)?.[1]
    expect(await total('view=open')).toBe('5 referrals')
    expect(await total('view=new')).toBe('3 referrals')
    expect(await total('view=overdue')).toBe('1 referral')
    expect(await total('view=due-soon')).toBe('2 referrals')
    expect(await total('view=in-progress')).toBe('2 referrals')
    expect(await total('view=closed')).toBe('1 referral')
    expect(await total('view=new&status=received')).toBe('1 referral')

    // The sender sees the same flag: overdue at the other end.
    const sender = await signIn(app, s.referrer)
    const outgoing = (await sender.get('/referrals/outgoing?view=overdue')).body
    expect(referencesIn(outgoing)).toEqual([overdue.referral.reference])
    expect(rowOf(outgoing, overdue.referral.reference)).toContain('Overdue by 3 working days')
    // Sent Monday 2 March, not contacted by Wednesday 11 March: 7 working days waiting.
    expect(rowOf(outgoing, overdue.referral.reference)).toContain('7 working days')
  })

  it('filters by service, issue, urgency and status, and sorts by sent date both ways', async () => {
    const s = await referralNetwork()
    const debt = await refer(s, s.foodbank, s.debtAdvice, { issues: ['debt'], sentAt: new Date('2026-03-02T09:00:00Z') })
    const housing = await refer(s, s.foodbank, s.housing, { issues: ['housing'], urgency: 'urgent', sentAt: new Date('2026-03-04T09:00:00Z') })
    const accepted = await refer(s, s.foodbank, s.debtAdvice, { issues: ['debt'], status: 'accepted', sentAt: new Date('2026-03-03T09:00:00Z') })
    const browser = await signIn(app, s.receiver)
    const list = async (query: string): Promise<string[]> => referencesIn((await browser.get(`/referrals/incoming?${query}`)).body)

    expect(await list(`service=${s.housing.id}`)).toEqual([housing.referral.reference])
    expect(await list('urgency=urgent')).toEqual([housing.referral.reference])
    expect(await list('status=accepted')).toEqual([accepted.referral.reference])
    // A status outside the tab leaves nothing, rather than ignoring the tab.
    expect(await list('view=new&status=accepted')).toEqual([])
    const housingTerm = /<option value="([0-9a-f-]{36})">Housing<\/option>/.exec((await browser.get('/referrals/incoming')).body)?.[1]
    expect(housingTerm).toBeDefined()
    expect(await list(`issue=${housingTerm}`)).toEqual([housing.referral.reference])
    expect(await list('sort=sent')).toEqual([housing, accepted, debt].map((r) => r.referral.reference))
    expect(await list('sort=sent&order=asc')).toEqual([debt, accepted, housing].map((r) => r.referral.reference))
    // Each row names its intake's issues (read with the row), whatever the service.
    const both = await refer(s, s.foodbank, s.debtAdvice, { issues: ['housing', 'debt'], status: 'in_progress' })
    const bothRow = rowOf((await browser.get('/referrals/incoming?view=in-progress')).body, both.referral.reference)
    expect(bothRow).toMatch(/Debt.*Housing/)
    expect(rowOf((await browser.get('/referrals/incoming')).body, debt.referral.reference)).not.toContain('Housing')
    // Nonsense in the address falls back to the defaults.
    expect(await list('sort=drop&view=everything&status=lost&page=-4')).toHaveLength(4)
  })

  it("offers as filters the organisation's services (incoming) or those it referred to lately (outgoing), by name, and the current issues", async () => {
    const s = await referralNetwork()
    await serviceFactory.create({ networkId: s.network.id, organisationId: s.adviceCentre.id, name: 'Benefits appeals' })
    await refer(s, s.foodbank, s.housing, { sentAt: new Date('2026-03-02T09:00:00Z') })
    // Referred to long ago: not offered on the outgoing list any more.
    await refer(s, s.foodbank, s.debtAdvice, { sentAt: new Date('2025-09-01T09:00:00Z') })
    const options = (body: string, name: string): string[] => {
      const select = new RegExp(`<select[^>]* name="${name}"[^>]*>([\\s\\S]*?)</select>`).exec(body)?.[1] ?? ''
      return [...select.matchAll(/<option value="[^"]*"[^>]*>([^<]+)</g)].map((match) => match[1])
    }
    const incoming = (await (await signIn(app, s.receiver)).get('/referrals/incoming')).body
    expect(options(incoming, 'service')).toEqual(['Any service', 'Benefits appeals', 'Debt advice', 'Housing advice'])
    expect(options(incoming, 'issue')).toEqual(expect.arrayContaining(['Debt', 'Housing']))
    const referrer = await signIn(app, s.referrer)
    const outgoing = (await referrer.get('/referrals/outgoing')).body
    expect(options(outgoing, 'service')).toEqual(['Any service', 'Housing advice'])
    // Kept for a minute, and still offered from what was kept.
    expect(options((await referrer.get('/referrals/outgoing?view=closed')).body, 'service')).toEqual(['Any service', 'Housing advice'])
    expect(options(outgoing, 'issue')).toEqual(options(incoming, 'issue'))
  })

  it('pages 25 referrals at a time, keeping the filters in the page links', async () => {
    const s = await referralNetwork()
    const made = []
    for (let n = 0; n < 27; n++) made.push(await refer(s, s.foodbank, s.debtAdvice, { contactDueOn: `2026-04-${String(n + 1).padStart(2, '0')}` }))
    const browser = await signIn(app, s.receiver)
    const first = await browser.get(`/referrals/incoming?service=${s.debtAdvice.id}`)
    expect(first.body).toContain('27 referrals')
    expect(referencesIn(first.body)).toEqual(made.slice(0, 25).map((r) => r.referral.reference))
    const next = /<a class="govuk-link govuk-pagination__link" href="([^"]+)" rel="next">/.exec(first.body)?.[1]?.replace(/&amp;/g, '&')
    expect(next).toBe(`/referrals/incoming?service=${s.debtAdvice.id}&page=2`)
    const second = await browser.get(next ?? '')
    expect(referencesIn(second.body)).toEqual(made.slice(25).map((r) => r.referral.reference))
  })

  it('offers the work lists in the navigation to people in an organisation, and not the network list', async () => {
    const browser = await signIn(app, setting.receiver)
    const home = await browser.get('/')
    expect(home.body).toContain('href="/referrals/incoming"')
    expect(home.body).toContain('href="/referrals/outgoing"')
    expect(home.body).toContain('href="/clients"')
    expect(home.body).toContain('href="/notifications"')
    expect(home.body).not.toContain('href="/network/referrals"')
    expect((await browser.get('/network/referrals')).status).toBe(403)
  })
})

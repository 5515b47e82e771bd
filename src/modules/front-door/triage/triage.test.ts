import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../../app.js'
import { auditLog, frontDoorRequests, organisations } from '../../../db/schema/index.js'
import { frontDoorNetwork, frontDoorRequestFactory } from '../../../../test/front-door-factories.js'
import { testApp } from '../../../../test/support/app.js'
import { testDatabase } from '../../../../test/support/database.js'
import { signIn } from '../../../../test/support/sign-in.js'
import { loadActor } from '../../../platform/access/actor.js'
import { ageInWorkingDays, isOverdue } from './triage.presenter.js'

/** The references in the queue's table, in the order shown. */
function referencesIn(body: string): string[] {
  const table = /data-testid="requests"[\s\S]*?<\/table>/.exec(body)?.[0] ?? ''
  return [...table.matchAll(/href="\/front-door\/requests\/[0-9a-f-]{36}">([^<]+)</g)].map((match) => match[1])
}

/** One request's row in the queue, as text. */
function rowOf(body: string, reference: string): string {
  const row = [...body.matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)].find((match) => match[1].includes(`>${reference}<`))
  return (row?.[1] ?? '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')
}

const navigationOf = (body: string): string[] =>
  [...body.matchAll(/<li class="govuk-service-navigation__item[^"]*">([\s\S]*?)<\/li>/g)].map((match) => match[1].replace(/<[^>]+>/g, '').trim())

async function auditRows(userId: string, action: string) {
  const { db } = await testDatabase()
  return db.select().from(auditLog).where(and(eq(auditLog.actorUserId, userId), eq(auditLog.action, action)))
}

async function stored(requestId: string) {
  const { db } = await testDatabase()
  const [row] = await db.select().from(frontDoorRequests).where(eq(frontDoorRequests.id, requestId))
  return row
}

describe('the front-door queue: who sees it, what it shows, and claiming one at a time', () => {
  let app: App
  beforeAll(async () => {
    app = await testApp()
  })
  afterAll(async () => {
    await app.server.close()
  })

  it('is for the front-door organisations’ referrers and admins only: everyone else, in or out of the network, gets 404', async () => {
    const s = await frontDoorNetwork()
    const request = await frontDoorRequestFactory.create({ networkId: s.network.id, name: 'Jim Hargreaves' })
    const other = await frontDoorNetwork()
    const otherRequest = await frontDoorRequestFactory.create({ networkId: other.network.id })

    for (const user of [s.worker, s.admin]) {
      const browser = await signIn(app, user)
      const queue = await browser.get('/front-door')
      expect(queue.status).toBe(200)
      expect(navigationOf(queue.body)).toContain('Front door')
      expect(referencesIn(queue.body)).toEqual([request.reference])
      expect((await browser.get(`/front-door/requests/${request.id}`)).status).toBe(200)
      // Another network's request does not exist for them.
      expect((await browser.get(`/front-door/requests/${otherRequest.id}`)).status).toBe(404)
    }
    for (const user of [s.receiver, s.outsider, s.coordinator]) {
      const browser = await signIn(app, user)
      const home = await browser.get('/')
      expect(navigationOf(home.body)).not.toContain('Front door')
      expect((await browser.get('/front-door')).status).toBe(404)
      const page = await browser.get(`/front-door/requests/${request.id}`)
      expect(page.status).toBe(404)
      expect(page.body).not.toContain('Jim Hargreaves')
      expect((await browser.get('/front-door/phone')).status).toBe(404)
    }
    const outsider = await signIn(app, s.outsider)
    const claim = await outsider.submit('/clients/new', {}, `/front-door/requests/${request.id}/claim`)
    expect(claim.status).toBe(404)
    expect((await stored(request.id)).status).toBe('new')
  })

  it('audits each view of names: the queue page with the request ids shown, and each request opened, ids only', async () => {
    const s = await frontDoorNetwork()
    const request = await frontDoorRequestFactory.create({ networkId: s.network.id, name: 'Marta Kowalska' })
    const browser = await signIn(app, s.worker)
    await browser.get('/front-door')
    const [queued] = await auditRows(s.worker.id, 'front-door.queue-viewed')
    expect(queued).toMatchObject({ networkId: s.network.id, subjectType: 'organisation', subjectId: s.frontDoor.id })
    expect(queued.details).toEqual({ view: 'new', requestIds: [request.id] })

    await browser.get(`/front-door/requests/${request.id}`)
    const [viewed] = await auditRows(s.worker.id, 'front-door.request-viewed')
    expect(viewed).toMatchObject({ networkId: s.network.id, subjectType: 'front_door_request', subjectId: request.id })
    for (const row of [queued, viewed]) expect(JSON.stringify(row.details)).not.toContain('Marta')
  })

  it('shows reference, age, language with interpreter need and channel; filters by tab; oldest or newest first', async () => {
    const s = await frontDoorNetwork()
    const day = (date: string) => new Date(`${date}T10:00:00Z`)
    const older = await frontDoorRequestFactory.create({ networkId: s.network.id, language: 'bn', interpreterNeeded: true, createdAt: day('2026-11-02') })
    const newer = await frontDoorRequestFactory.create({ networkId: s.network.id, channel: 'phone', consentMethod: 'verbal', language: 'pl', createdAt: day('2026-11-20') })
    const mine = await frontDoorRequestFactory.create({ networkId: s.network.id, status: 'claimed', claimedByUserId: s.worker.id, claimedByOrganisationId: s.frontDoor.id, claimedAt: new Date() })
    const theirs = await frontDoorRequestFactory.create({ networkId: s.network.id, status: 'claimed', claimedByUserId: s.colleague.id, claimedByOrganisationId: s.frontDoor.id, claimedAt: new Date() })
    const closed = await frontDoorRequestFactory.create({ networkId: s.network.id, status: 'closed', closeReason: 'duplicate', closedAt: new Date() })

    const browser = await signIn(app, s.worker)
    const queue = (await browser.get('/front-door')).body
    expect(referencesIn(queue)).toEqual([older.reference, newer.reference])
    expect(rowOf(queue, older.reference)).toContain('Bengali Interpreter needed')
    expect(rowOf(queue, older.reference)).toContain('Online')
    expect(rowOf(queue, newer.reference)).toContain('Polish')
    expect(rowOf(queue, newer.reference)).not.toContain('Interpreter needed')
    expect(rowOf(queue, newer.reference)).toContain('By phone')
    expect(referencesIn((await browser.get('/front-door?order=newest')).body)).toEqual([newer.reference, older.reference])
    expect(referencesIn((await browser.get('/front-door?view=mine')).body)).toEqual([mine.reference])
    expect(referencesIn((await browser.get('/front-door?view=claimed')).body).sort()).toEqual([mine.reference, theirs.reference].sort())
    expect(rowOf((await browser.get('/front-door?view=claimed')).body, theirs.reference)).toContain(`by ${s.colleague.name}`)
    expect(referencesIn((await browser.get('/front-door?view=closed')).body)).toEqual([closed.reference])
    // Nonsense in the address falls back to the default view.
    expect(referencesIn((await browser.get('/front-door?view=everything&order=sideways&page=x')).body)).toEqual([older.reference, newer.reference])
  })

  it('counts age in working days and flags requests waiting more than 2, across a weekend and a bank holiday', async () => {
    // Friday 28 August 2026; Monday 31 August is the summer bank holiday in England (not in Scotland).
    const friday = { createdAt: new Date('2026-08-28T15:00:00Z') }
    const wednesday = { today: '2026-09-02', nation: 'england' as const }
    const thursday = { today: '2026-09-03', nation: 'england' as const }
    expect(ageInWorkingDays(friday, wednesday)).toBe(2) // Tue, Wed: 5 calendar days
    expect(isOverdue({ ...friday, status: 'new' }, wednesday)).toBe(false)
    expect(ageInWorkingDays(friday, thursday)).toBe(3)
    expect(isOverdue({ ...friday, status: 'new' }, thursday)).toBe(true)
    expect(isOverdue({ ...friday, status: 'claimed' }, thursday)).toBe(true)
    expect(isOverdue({ ...friday, status: 'closed' }, thursday)).toBe(false)
    expect(isOverdue({ ...friday, status: 'converted' }, thursday)).toBe(false)
    // In Scotland the Monday is a working day.
    expect(ageInWorkingDays(friday, { today: '2026-09-02', nation: 'scotland' })).toBe(3)
    // A request made late on Friday evening in summer is still Friday in the UK.
    expect(ageInWorkingDays({ createdAt: new Date('2026-08-28T22:30:00Z') }, wednesday)).toBe(2)

    const s = await frontDoorNetwork()
    const waiting = await frontDoorRequestFactory.create({ networkId: s.network.id, createdAt: friday.createdAt })
    const fresh = await frontDoorRequestFactory.create({ networkId: s.network.id, createdAt: new Date('2026-09-01T09:00:00Z') })
    const clockApp = await testApp({ now: () => new Date('2026-09-03T10:00:00Z') })
    try {
      const browser = await signIn(clockApp, s.worker)
      const queue = (await browser.get('/front-door')).body
      expect(rowOf(queue, waiting.reference)).toContain('Waiting 3 working days')
      expect(queue).toMatch(/govuk-tag--red">Waiting 3 working days/)
      expect(rowOf(queue, fresh.reference)).toContain('2 working days ago')
      expect(rowOf(queue, fresh.reference)).not.toContain('Waiting')
      const page = (await browser.get(`/front-door/requests/${waiting.id}`)).body
      expect(page).toMatch(/<h1[^>]*>[\s\S]*Waiting 3 working days[\s\S]*<\/h1>/)
    } finally {
      await clockApp.server.close()
    }
  })

  it('lets one person claim a request: of two claiming at once exactly one wins, and the other is told who has it', async () => {
    const s = await frontDoorNetwork()
    const request = await frontDoorRequestFactory.create({ networkId: s.network.id })
    // Straight to the service, at the same moment: the database decides.
    const { db } = await testDatabase()
    const actors = await Promise.all([s.worker, s.colleague].map((user) => loadActor(db, user.id)))
    const [first, second] = await Promise.all(actors.map((actor) => app.services.frontDoorTriage.claim({ actor, language: 'en' }, request.id)))
    expect([first.claimed, second.claimed].sort()).toEqual([false, true])
    const row = await stored(request.id)
    expect(row.status).toBe('claimed')
    const winner = first.claimed ? s.worker : s.colleague
    expect(row.claimedByUserId).toBe(winner.id)
    expect(row.claimedByOrganisationId).toBe(s.frontDoor.id)
    const loser = first.claimed ? second : first
    expect(loser.claimed === false && loser.page.request.claimedByName).toBe(winner.name)
    expect(await auditRows(winner.id, 'front-door.request-claimed')).toHaveLength(1)

    // Through the pages: the one who comes second sees the request and a clear message, nothing changes.
    const other = await frontDoorRequestFactory.create({ networkId: s.network.id })
    const worker = await signIn(app, s.worker)
    const colleague = await signIn(app, s.colleague)
    const won = await worker.submit(`/front-door/requests/${other.id}`, {}, `/front-door/requests/${other.id}/claim`)
    expect(won.status).toBe(303)
    const lost = await colleague.submit('/clients/new', {}, `/front-door/requests/${other.id}/claim`)
    expect(lost.status).toBe(409)
    expect(lost.body).toContain(`Someone else claimed this request first: ${s.worker.name}.`)
    expect((await stored(other.id)).claimedByUserId).toBe(s.worker.id)
    const page = await worker.follow(won)
    expect(page.body).toContain('You claimed the request. Call them back.')
    expect(page.body).toContain('Turn into referrals')
    // The colleague cannot close or release it either.
    const closeAttempt = await colleague.get(`/front-door/requests/${other.id}/close`)
    expect(closeAttempt.status).toBe(409)
    expect(closeAttempt.body).toContain(`${s.worker.name} has claimed this request. Only they can change it now.`)
  })

  it('puts a claimed request back in the queue for someone else', async () => {
    const s = await frontDoorNetwork()
    const request = await frontDoorRequestFactory.create({ networkId: s.network.id, status: 'claimed', claimedByUserId: s.worker.id, claimedByOrganisationId: s.frontDoor.id, claimedAt: new Date() })
    const browser = await signIn(app, s.worker)
    const released = await browser.submit(`/front-door/requests/${request.id}`, {}, `/front-door/requests/${request.id}/release`)
    expect(released.status).toBe(303)
    expect(await stored(request.id)).toMatchObject({ status: 'new', claimedByUserId: null, claimedAt: null })
  })

  it('closes a claimed request with a reason and a note; a reason is required; each reason is kept', async () => {
    const s = await frontDoorNetwork()
    const browser = await signIn(app, s.worker)
    const claimed = () =>
      frontDoorRequestFactory.create({ networkId: s.network.id, status: 'claimed', claimedByUserId: s.worker.id, claimedByOrganisationId: s.frontDoor.id, claimedAt: new Date() })

    const first = await claimed()
    const refused = await browser.submit(`/front-door/requests/${first.id}/close`, { note: 'Called twice.' })
    expect(refused.status).toBe(400)
    expect(refused.body).toContain('Select why you are closing the request')
    expect(refused.body).toContain('Called twice.')
    expect((await stored(first.id)).status).toBe('claimed')

    for (const reason of ['resolved_on_call', 'duplicate', 'could_not_contact'] as const) {
      const request = await claimed()
      const done = await browser.submit(`/front-door/requests/${request.id}/close`, { reason, note: `Note for ${reason}` })
      expect(done.status).toBe(303)
      expect(done.location).toBe('/front-door')
      expect(await stored(request.id)).toMatchObject({ status: 'closed', closeReason: reason, closeNote: `Note for ${reason}` })
      expect((await stored(request.id)).closedAt).toBeInstanceOf(Date)
    }
    const closedAudit = await auditRows(s.worker.id, 'front-door.request-closed')
    expect(closedAudit.map((row) => (row.details as { reason: string }).reason).sort()).toEqual(['could_not_contact', 'duplicate', 'resolved_on_call'])

    // A new request must be claimed before it is closed.
    const unclaimed = await frontDoorRequestFactory.create({ networkId: s.network.id })
    expect((await browser.get(`/front-door/requests/${unclaimed.id}/close`)).status).toBe(409)
    const page = await browser.get(`/front-door/requests/${(await claimed()).id}`)
    expect(page.body).toContain('Close request')
  })

  it('speaks Welsh to staff who choose it', async () => {
    const s = await frontDoorNetwork('wales')
    const request = await frontDoorRequestFactory.create({ networkId: s.network.id, language: 'cy', createdAt: new Date(Date.now() - 86_400_000 * 10) })
    const browser = await signIn(app, s.worker)
    await browser.get('/front-door?lang=cy')
    const queue = await browser.get('/front-door')
    expect(queue.body).toContain('<html lang="cy"')
    expect(queue.body).toContain('Ceisiadau’r drws ffrynt')
    expect(rowOf(queue.body, request.reference)).toContain('Cymraeg')
    expect(rowOf(queue.body, request.reference)).toMatch(/Yn aros \d+ (diwrnod|ddiwrnod) gwaith/)
    const page = await browser.get(`/front-door/requests/${request.id}`)
    expect(page.body).toContain(`Cais ${request.reference}`)
    expect(page.body).toContain('Hawlio’r cais hwn')
    const phone = await browser.get('/front-door/phone')
    expect(phone.body).toContain('Cymryd cais am help dros y ffôn')
  })

  it('lets the coordinator name the network’s front-door organisations', async () => {
    const s = await frontDoorNetwork()
    const coordinator = await signIn(app, s.coordinator)
    const form = await coordinator.get(`/organisations/${s.elsewhere.id}/edit`)
    expect(form.body).toContain('Is it one of the network’s front doors?')
    const saved = await coordinator.submit(`/organisations/${s.elsewhere.id}/edit`, { name: s.elsewhere.name, type: 'foodbank', statutory: 'no', frontDoor: 'yes' })
    expect(saved.status).toBe(303)
    const { db } = await testDatabase()
    const [row] = await db.select().from(organisations).where(eq(organisations.id, s.elsewhere.id))
    expect(row.frontDoor).toBe(true)
    expect((await coordinator.follow(saved)).body).toMatch(/Front door\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*Yes/)
    // Its referrer now works the front door.
    const outsider = await signIn(app, s.outsider)
    expect((await outsider.get('/front-door')).status).toBe(200)
  })
})

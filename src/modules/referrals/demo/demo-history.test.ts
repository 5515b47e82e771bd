import { eq, inArray } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type DatabaseHandle } from '../../../db/client.js'
import { clients, consentOrganisations, consents, intakeIssues, intakes, organisations, referralEvents, referralMessages, referrals, services, taxonomyTerms } from '../../../db/schema/index.js'
import { testConfig } from '../../../../test/support/app.js'
import { seedDemo } from '../../networks/demo.js'
import { decideConsent } from '../consent/consent-decision.js'
import { isOverdue } from '../sla/contact-due.js'
import { addWorkingDays, ukDate } from '../sla/working-days.js'

describe('the demo network’s referral history', () => {
  // Its own database: the demo network is unique in an installation.
  let database: DatabaseHandle
  let networkId: string
  let seconds: number
  const now = new Date('2026-03-10T12:00:00Z')
  beforeAll(async () => {
    database = await openDatabase({})
    await database.migrate()
    const started = Date.now()
    networkId = (await seedDemo(database.db, { encryptionKey: testConfig().ENCRYPTION_KEY, now })).networkId
    seconds = (Date.now() - started) / 1000
  })
  afterAll(async () => {
    await database.close()
  })

  const history = async () => {
    const { db } = database
    const rows = await db.select().from(referrals).where(eq(referrals.networkId, networkId))
    const events = await db.select().from(referralEvents).where(eq(referralEvents.networkId, networkId)).orderBy(referralEvents.createdAt, referralEvents.id)
    const byReferral = new Map<string, typeof events>()
    for (const event of events) byReferral.set(event.referralId, [...(byReferral.get(event.referralId) ?? []), event])
    return { rows, events, byReferral }
  }

  it('has a few thousand referrals in every state, seeded in seconds, all inside the demo network', async () => {
    const { rows } = await history()
    expect(seconds).toBeLessThan(20)
    expect(rows.length).toBeGreaterThan(2500)
    expect(rows.length).toBeLessThan(3600)
    const counts = new Map<string, number>()
    for (const row of rows) counts.set(row.status, (counts.get(row.status) ?? 0) + 1)
    for (const status of ['sent', 'received', 'accepted', 'in_progress', 'completed', 'unable_to_contact', 'declined', 'withdrawn']) {
      expect(counts.get(status) ?? 0, status).toBeGreaterThan(0)
    }
    // Most are done with; a few dozen are open now.
    expect(counts.get('completed')).toBeGreaterThan(rows.length * 0.6)
    const open = rows.filter((row) => row.closedAt === null)
    expect(open.length).toBeGreaterThan(40)
    expect(open.filter((row) => row.sentAt < new Date(now.getTime() - 200 * 86_400_000)).map((row) => [row.status, row.sentAt])).toEqual([])

    const ours = new Set((await database.db.select({ id: organisations.id }).from(organisations).where(eq(organisations.networkId, networkId))).map((row) => row.id))
    const ourServices = new Map(
      (await database.db.select({ id: services.id, organisationId: services.organisationId }).from(services).where(eq(services.networkId, networkId))).map((row) => [row.id, row.organisationId]),
    )
    const ourClients = new Set((await database.db.select({ id: clients.id }).from(clients).where(eq(clients.networkId, networkId))).map((row) => row.id))
    for (const row of rows) {
      expect([ours.has(row.fromOrganisationId), ours.has(row.toOrganisationId), ourClients.has(row.clientId)], row.id).toEqual([true, true, true])
      expect(ourServices.get(row.serviceId)).toBe(row.toOrganisationId)
      expect(row.sentAt <= now, row.id).toBe(true)
    }
    const months = new Set(rows.map((row) => row.sentAt.toISOString().slice(0, 7)))
    expect(months.size).toBeGreaterThanOrEqual(18)
  })

  it('has overdue referrals and due dates counted in working days from the day each was sent', async () => {
    const { rows } = await history()
    const today = ukDate(now)
    expect(rows.filter((row) => isOverdue(row, today)).length).toBeGreaterThan(3)
    for (const row of rows) expect(row.contactDueOn).toBe(addWorkingDays(row.sentAt.toISOString().slice(0, 10), row.contactSlaDays, 'england'))
    expect(rows.some((row) => row.urgency === 'urgent' && row.contactSlaDays === 2)).toBe(true)
  })

  it('re-routes declined referrals as linked chains, and declines for no capacity most of all', async () => {
    const { rows, byReferral } = await history()
    const byId = new Map(rows.map((row) => [row.id, row]))
    const rerouted = rows.filter((row) => row.previousReferralId !== null)
    expect(rerouted.length).toBeGreaterThan(20)
    for (const next of rerouted) {
      const previous = byId.get(next.previousReferralId!)
      expect(previous?.status).toBe('declined')
      expect(previous?.intakeId).toBe(next.intakeId)
      expect(previous?.serviceId).not.toBe(next.serviceId)
      const move = byReferral.get(previous!.id)!.find((event) => event.type === 'rerouted')
      expect(move?.data).toMatchObject({ nextReferralId: next.id })
      expect(move!.createdAt <= next.sentAt).toBe(true)
    }
    const reasons = new Map<string, number>()
    for (const row of rows.filter((one) => one.status === 'declined')) reasons.set(row.declineReason!, (reasons.get(row.declineReason!) ?? 0) + 1)
    expect([...reasons.entries()].sort((a, b) => b[1] - a[1])[0][0]).toBe('no_capacity')
  })

  it('keeps a full, time-ordered event history that agrees with each referral’s status', async () => {
    const { rows, byReferral } = await history()
    const needed: Record<string, string[]> = {
      completed: ['sent', 'received', 'accepted', 'contacted', 'completed'],
      in_progress: ['sent', 'received', 'accepted', 'contacted'],
      declined: ['sent', 'received', 'declined'],
      unable_to_contact: ['sent', 'received', 'accepted', 'unable_to_contact'],
      accepted: ['sent', 'received', 'accepted'],
      received: ['sent', 'received'],
      sent: ['sent'],
    }
    for (const row of rows) {
      const events = byReferral.get(row.id) ?? []
      const moves = events.filter((event) => event.toStatus !== null)
      expect(moves[0]).toMatchObject({ type: 'sent', fromStatus: null, toStatus: 'sent' })
      for (let n = 1; n < moves.length; n++) expect(moves[n].fromStatus).toBe(moves[n - 1].toStatus)
      expect(moves.at(-1)?.toStatus).toBe(row.status)
      if (needed[row.status]) expect(moves.map((event) => event.type)).toEqual(needed[row.status])
      expect(events.filter((event) => event.createdAt > now || event.createdAt < row.sentAt).map((event) => event.type), row.id).toEqual([])
      const strangers = events.filter((event) => event.actorOrganisationId !== row.fromOrganisationId && event.actorOrganisationId !== row.toOrganisationId)
      expect(strangers.map((event) => event.type), row.id).toEqual(row.previousReferralId && strangers.length > 0 ? ['sent'] : [])
      if (row.status === 'completed') {
        expect(row.outcome).not.toBeNull()
        expect(moves.at(-1)?.data).toMatchObject({ outcomes: row.outcome!.split(',') })
        const times = [row.sentAt, row.receivedAt, row.acceptedAt, row.contactedAt, row.closedAt].map((at) => at!.getTime())
        expect(times, row.id).toEqual([...times].sort((a, b) => a - b))
      }
      if (row.status === 'declined') expect(moves.at(-1)?.data).toMatchObject({ reason: row.declineReason })
      expect(row.closedAt === null).toBe(['sent', 'received', 'accepted', 'in_progress'].includes(row.status))
    }
    const messages = await database.db.select().from(referralMessages).where(eq(referralMessages.networkId, networkId))
    expect(messages.length).toBeGreaterThan(50)
  })

  it('had consent in force covering the receiver whenever a referral was sent; a few clients withdrew it later', async () => {
    const { rows, byReferral } = await history()
    const given = await database.db.select().from(consents).where(eq(consents.networkId, networkId))
    const covered = await database.db.select().from(consentOrganisations).where(inArray(consentOrganisations.consentId, given.map((consent) => consent.id)))
    const withdrew = new Set(given.filter((consent) => consent.withdrawnAt !== null).map((consent) => consent.clientId))
    expect(withdrew.size).toBeGreaterThan(0)
    expect(given.some((consent) => consent.scope === 'named')).toBe(true)
    // Withdrawing stops sharing: nothing of theirs is still open.
    expect(rows.filter((row) => withdrew.has(row.clientId) && row.closedAt === null)).toEqual([])
    // The consent rule, asked as it stood on the day each referral was sent.
    for (const row of rows) {
      const then = given
        .filter((consent) => consent.clientId === row.clientId && consent.givenAt <= row.sentAt)
        .sort((a, b) => b.givenAt.getTime() - a.givenAt.getTime())
        .map((consent) => ({
          ...consent,
          withdrawnAt: consent.withdrawnAt && consent.withdrawnAt <= row.sentAt ? consent.withdrawnAt : null,
          organisationIds: covered.filter((entry) => entry.consentId === consent.id).map((entry) => entry.organisationId),
        }))
      const decision = decideConsent(then, row.toOrganisationId, ukDate(row.sentAt))
      expect(decision.allowed ? 'allowed' : `${decision.reason} ${row.id}`).toBe('allowed')
      const sent = byReferral.get(row.id)!.find((event) => event.type === 'sent')
      expect(sent?.data).toMatchObject({ consentId: decision.allowed ? decision.consentId : null })
    }
  })

  it('draws issues mostly from debt, benefits, housing and food, and adds nothing when seeded again', async () => {
    const { db } = database
    const issues = await db
      .select({ code: taxonomyTerms.code })
      .from(intakeIssues)
      .innerJoin(intakes, eq(intakes.id, intakeIssues.intakeId))
      .innerJoin(taxonomyTerms, eq(taxonomyTerms.id, intakeIssues.termId))
      .where(eq(intakes.networkId, networkId))
    const counts = new Map<string, number>()
    for (const { code } of issues) counts.set(code, (counts.get(code) ?? 0) + 1)
    const top = [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([code]) => code)
    expect(new Set(top)).toEqual(new Set(['debt', 'welfare-benefit', 'housing', 'food-support']))
    expect(counts.size).toBeGreaterThanOrEqual(17)

    const before = (await history()).rows.length
    const clientCount = (await db.select({ id: clients.id }).from(clients).where(eq(clients.networkId, networkId))).length
    await seedDemo(db, { encryptionKey: testConfig().ENCRYPTION_KEY, now: new Date(now.getTime() + 7 * 86_400_000) })
    expect((await history()).rows.length).toBe(before)
    expect(await db.select({ id: clients.id }).from(clients).where(eq(clients.networkId, networkId))).toHaveLength(clientCount)
    expect(await db.select({ id: referrals.id }).from(referrals).where(inArray(referrals.networkId, [networkId]))).toHaveLength(before)
  })
})

import { nameBasedId } from '../../../platform/ids.js'
import type { Nation } from '../sla/working-days.js'
import { makeClient, type DemoClient } from './demo-clients.js'
import type { DemoHistoryRows, DemoServiceFacts } from './demo-history.repository.js'
import { demoKeyPrefix } from './demo-history.repository.js'
import { addConversation, referenceFor, withdrawSomeConsents } from './demo-extras.js'
import { liveReferral, type ReferralLife } from './demo-lifecycle.js'
import { daysBefore, dice, isoDate, minutesLater, officeTime, onWorkingDay, workingCalendar, workingDaysLater, type Calendar, type Dice } from './demo-random.js'
import { issueWeights, needs, referrers, urgentIssues, type Referrer } from './demo-stories.js'

/*
 * Builds the demo network's 18 months of referrals as rows, without touching the database: intakes spread over
 * the months (more lately, as the network grew), each sent to services that cover its issues and fit the client,
 * each referral lived through to `now`, declined ones often re-routed to the next service that fits.
 */

export interface HistoryContext {
  networkId: string
  now: Date
  nation: Nation
  contactSlaDays: number
  urgentContactSlaDays: number
  organisationIds: Map<string, string>
  /** Per organisation: its members' ids, receivers and admins first for the receiving side. */
  staff: Map<string, { senders: string[]; receivers: string[] }>
  services: DemoServiceFacts[]
  termIds: Map<string, string>
  intakes?: number
}

const historyDays = 548 // 18 months
/** Receivers that are slow to pick referrals up, so their lists show overdue ones. */
const slowReceivers: Record<string, number> = {
  'Riverside Borough Council – Housing Options': 1.7,
  'Riverside Borough Council – Adult Social Care': 1.8,
  'Riverside and Northbank NHS Foundation Trust – Community Mental Health': 1.6,
  'Riverside Citizens Advice': 1.3,
}
const rerouteChance: Record<string, number> = { no_capacity: 0.85, cannot_meet_need: 0.7, not_eligible: 0.5 }

export function buildDemoHistory(context: HistoryContext): DemoHistoryRows {
  const roll = dice(20_260_401)
  const { networkId, now } = context
  const id = (kind: string, key: string): string => nameBasedId('demo', networkId, 'referral-history', kind, key)
  const rows: DemoHistoryRows = { clients: [], consents: [], consentOrganisations: [], intakes: [], intakeIssues: [], referrals: [], referralEvents: [], referralMessages: [] }
  const references = new Set<string>()
  const paceOf = new Map<string, number>()
  for (const [name, organisationId] of context.organisationIds) paceOf.set(organisationId, slowReceivers[name] ?? 1)
  const today = isoDate(now)
  const calendar = workingCalendar(isoDate(daysBefore(now, historyDays + 7)), isoDate(daysBefore(now, -400)), context.nation)

  // Intake dates: density rising from 1 to 2 over the 18 months; working days only; in time order.
  const when = Array.from({ length: context.intakes ?? 1900 }, () => {
    const x = Math.sqrt(1 + 3 * roll.next()) - 1
    return onWorkingDay(isoDate(daysBefore(now, Math.floor((1 - x) * historyDays))), context.nation)
  })
    .filter((date) => date <= today)
    .sort()

  /** busyUntil: the last thing that happened on their referrals; they come back only after it (or never, if open). */
  type Known = DemoClient & { consent: { id: string; expiresOn: string; named: boolean }; busyUntil: number }
  const clientsByOrganisation = new Map<string, Known[]>()
  const referrerWeights = new Map(referrers.map((referrer, index) => [String(index), referrer.weight]))

  when.forEach((date, index) => {
    const referrer = referrers[Number(roll.weighted(referrerWeights))]
    const organisationId = context.organisationIds.get(referrer.organisation)
    const staff = organisationId ? context.staff.get(organisationId) : undefined
    if (!organisationId || !staff || staff.senders.length === 0) return
    const user = roll.pick(staff.senders)
    const at = officeTime(date, roll)
    if (minutesLater(at, 60) > now) return

    // About one intake in six is someone this organisation has helped before.
    const known = clientsByOrganisation.get(organisationId) ?? []
    const free = known.length > 10 && roll.chance(0.16) ? known.filter((one) => one.busyUntil < at.getTime()) : []
    const returning = free.length > 0 ? roll.pick(free) : null
    const client: Known = returning ?? {
      ...makeClient(roll, { id: id('client', String(index)), networkId, organisationId, createdBy: user, index }, at, {
        nrpfLikely: referrer.organisation.includes('Refugee'),
        ageRange: referrer.ageRange,
      }),
      consent: { id: '', expiresOn: '', named: false },
      busyUntil: 0,
    }
    const issues = chooseIssues(roll, referrer, client.age)
    const urgent = roll.chance(issues.some((issue) => urgentIssues.has(issue)) ? 0.12 : 0.03)
    const intakeId = id('intake', String(index))

    // Each issue to a service that covers it and fits the client; one referral per service.
    const chosen = new Map<string, string>()
    for (const issue of issues) {
      const service = chooseService(roll, context.services, issue, client, organisationId, at, now, new Set(chosen.keys()))
      if (service) chosen.set(service.id, issue)
    }
    if (chosen.size === 0) return

    if (!returning) {
      rows.clients.push(client.row)
      known.push(client)
      clientsByOrganisation.set(organisationId, known)
    }
    // Consent in force for the next month at least, else a new consent (a renewal adds a row).
    const named = roll.chance(0.1)
    if (!returning || client.consent.named || named || client.consent.expiresOn < isoDate(daysBefore(at, -45))) {
      const givenAt = minutesLater(at, roll.between(1, 10))
      const consentId = id('consent', String(index))
      client.consent = { id: consentId, expiresOn: `${givenAt.getUTCFullYear() + 1}${isoDate(givenAt).slice(4)}`, named }
      rows.consents.push({
        id: consentId,
        networkId,
        clientId: String(client.row.id),
        method: roll.weighted({ verbal: 60, written: 25, online: 15 }),
        givenAt,
        recordedBy: user,
        recordedByOrganisationId: organisationId,
        scope: named ? 'named' : 'organisations_referred_to',
        purpose: 'To refer them to services in the Riverside network for help with what they told us.',
        expiresOn: client.consent.expiresOn,
        createdAt: givenAt,
      })
    }
    rows.intakes.push({
      id: intakeId,
      networkId,
      organisationId,
      clientId: String(client.row.id),
      need: issues.map((issue) => roll.pick(needs[issue] ?? ['Needs help.'])).join(' '),
      urgency: urgent ? 'urgent' : 'standard',
      createdBy: user,
      createdAt: at,
    })
    for (const issue of issues) rows.intakeIssues.push({ intakeId, termId: context.termIds.get(issue) ?? '' })

    const reached = new Set<string>()
    let position = 0
    for (const [serviceId, issue] of chosen) {
      const key = `${index}.${position++}`
      const service = context.services.find((one) => one.id === serviceId) as DemoServiceFacts
      let sending: Sending | null = { service, sentAt: minutesLater(at, roll.between(12, 45)), previous: null, key, by: { organisationId, userId: user } }
      const tried = new Set<string>()
      for (let hop = 0; sending && hop < 3; hop++) {
        const referralId = id('referral', sending.key)
        tried.add(sending.service.id)
        reached.add(sending.service.organisationId)
        const slaDays = urgent ? context.urgentContactSlaDays : (sending.service.contactSlaDays ?? context.contactSlaDays)
        const fullUp = sending.service.capacityStatus === 'paused' && (sending.sentAt > daysBefore(now, 45) || roll.chance(0.12))
        const life = liveReferral(roll, { sentAt: sending.sentAt, now, calendar, slaDays, issue, fullUp, pace: paceOf.get(sending.service.organisationId) ?? 1 })
        rows.referrals.push({
          id: referralId,
          networkId,
          reference: referenceFor(referralId, references),
          intakeId,
          clientId: String(client.row.id),
          fromOrganisationId: organisationId,
          fromUserId: user,
          serviceId: sending.service.id,
          toOrganisationId: sending.service.organisationId,
          status: life.status,
          urgency: urgent ? 'urgent' : 'standard',
          contactSlaDays: slaDays,
          contactDueOn: calendar(isoDate(sending.sentAt), slaDays),
          previousReferralId: sending.previous,
          idempotencyKey: `${demoKeyPrefix}${sending.key}`,
          sentAt: sending.sentAt,
          receivedAt: life.receivedAt,
          acceptedAt: life.acceptedAt,
          contactedAt: life.contactedAt,
          closedAt: life.closedAt,
          outcome: life.outcomes.length > 0 ? life.outcomes.join(',') : null,
          declineReason: life.declineReason,
          closingNote: life.closingNote,
          updatedAt: life.events[life.events.length - 1].at,
        })
        client.busyUntil = Math.max(client.busyUntil, life.closedAt ? life.closedAt.getTime() + 14 * 86_400_000 : Infinity)
        const receiverStaff = context.staff.get(sending.service.organisationId)?.receivers ?? []
        const actorOf = (side: 'sender' | 'receiver'): Actor =>
          side === 'sender' ? { organisationId, userId: user } : { organisationId: sending!.service.organisationId, userId: receiverStaff.length > 0 ? roll.pick(receiverStaff) : null }
        for (const event of life.events) {
          const actor = event.type === 'sent' ? sending.by : actorOf(event.side)
          const data = event.type === 'sent' ? { consentId: client.consent.id, ...(sending.previous ? { previousReferralId: sending.previous } : {}) } : event.data
          rows.referralEvents.push({ networkId, referralId, type: event.type, fromStatus: event.fromStatus, toStatus: event.toStatus, actorUserId: actor.userId, actorOrganisationId: actor.organisationId, note: event.note, data, createdAt: event.at })
        }
        if (roll.chance(0.07)) addConversation(rows, roll, { networkId, referralId, key: sending.key, life, now, sender: actorOf('sender'), receiver: actorOf('receiver'), calendar })

        // Declined: often moved on to the next service that fits, by either side, without asking the client again.
        sending = reroute(roll, life, sending.key, referralId, () => chooseService(roll, context.services, issue, client, organisationId, life.closedAt ?? now, now, tried), now, calendar, (side, at, next, nextKey) => {
          const actor = actorOf(side)
          rows.referralEvents.push({ networkId, referralId, type: 'rerouted', fromStatus: null, toStatus: null, actorUserId: actor.userId, actorOrganisationId: actor.organisationId, note: null, data: { nextReferralId: id('referral', nextKey), serviceId: next.id }, createdAt: at })
          return actor
        })
      }
    }
    if (client.consent.named) {
      for (const reachedId of reached) rows.consentOrganisations.push({ consentId: client.consent.id, organisationId: reachedId })
    }
  })
  withdrawSomeConsents(rows, roll, now)
  rows.referralEvents.sort((a, b) => (a.createdAt as Date).getTime() - (b.createdAt as Date).getTime())
  return rows
}

function chooseIssues(roll: Dice, referrer: Referrer, age: number): string[] {
  const weights = new Map<string, number>()
  for (const [issue, weight] of Object.entries(issueWeights)) {
    const unlikely = (issue === 'family' && age > 55) || (issue === 'job-search' && age > 66) || (issue === 'carers-assessment' && age < 20)
    weights.set(issue, unlikely ? 0.01 : weight * (referrer.leaning[issue] ?? 1))
  }
  const count = roll.weighted({ one: 50, two: 35, three: 15 })
  const chosen = new Set<string>()
  for (let n = 0; n < { one: 1, two: 2, three: 3 }[count]; n++) {
    const issue = roll.weighted(weights)
    chosen.add(issue)
    weights.delete(issue)
  }
  return [...chosen]
}

/** A service covering the issue that the client meets the criteria of and that was open to referrals then. */
function chooseService(roll: Dice, all: DemoServiceFacts[], issue: string, client: DemoClient, fromOrganisationId: string, at: Date, now: Date, excluded: Set<string>): DemoServiceFacts | null {
  const halfYearAgo = daysBefore(now, 180)
  const pausedSince = daysBefore(now, 12)
  const candidates = new Map<string, number>()
  for (const service of all) {
    if (excluded.has(service.id) || service.organisationId === fromOrganisationId || !service.issues.includes(issue)) continue
    if ((service.capacityStatus === 'closed' || service.status !== 'active') && at > halfYearAgo) continue
    if (service.capacityStatus === 'paused' && at > pausedSince) continue
    if (service.minimumAge !== null && client.age < service.minimumAge) continue
    if (service.maximumAge !== null && client.age > service.maximumAge) continue
    if (service.acceptsNrpf === false && client.nrpf) continue
    if (service.householdTypes.length > 0 && !service.householdTypes.includes(client.household)) continue
    if (service.areaDistricts.length > 0 && !service.areaDistricts.includes(client.district)) continue
    candidates.set(service.id, service.issues[0] === issue ? 2 : 1)
  }
  if (candidates.size === 0) return null
  const chosenId = roll.weighted(candidates)
  return all.find((service) => service.id === chosenId) ?? null
}

type Actor = { organisationId: string; userId: string | null }
type Sending = { service: DemoServiceFacts; sentAt: Date; previous: string | null; key: string; by: Actor }

function reroute(
  roll: Dice,
  life: ReferralLife,
  key: string,
  referralId: string,
  next: () => DemoServiceFacts | null,
  now: Date,
  calendar: Calendar,
  record: (side: 'sender' | 'receiver', at: Date, service: DemoServiceFacts, nextKey: string) => Actor,
): Sending | null {
  if (life.status !== 'declined' || !life.closedAt || !roll.chance(rerouteChance[life.declineReason ?? ''] ?? 0.1)) return null
  const at = workingDaysLater(life.closedAt, roll.between(0, 2), calendar, roll)
  const service = minutesLater(at, 1) <= now ? next() : null
  if (!service) return null
  const nextKey = `${key}.r`
  const by = record(roll.chance(0.5) ? 'receiver' : 'sender', at, service, nextKey)
  return { service, sentAt: minutesLater(at, 1), previous: referralId, key: nextKey, by }
}

import type { DeclineReason, OutcomeCode } from '../referrals/referral-codes.js'
import type { ReferralStatus, Side } from '../referrals/referral-states.js'
import {
  acceptanceNotes,
  closingNotes,
  contactNotes,
  declineNotes,
  declineWeights,
  otherOutcomes,
  outcomesByIssue,
  unableToContactNotes,
  withdrawalNotes,
} from './demo-stories.js'
import { workingDaysLater, type Calendar, type Dice } from './demo-random.js'

/*
 * One referral's life, as the state diagram allows it: each step comes some working days after the one before,
 * and the story stops at `now`, so referrals sent lately are still open and a slow receiver's are overdue.
 */

export interface StepEvent {
  type: string
  fromStatus: ReferralStatus | null
  toStatus: ReferralStatus | null
  at: Date
  side: Side
  note: string | null
  data: Record<string, unknown>
}

export interface ReferralLife {
  status: ReferralStatus
  events: StepEvent[]
  receivedAt: Date | null
  acceptedAt: Date | null
  contactedAt: Date | null
  closedAt: Date | null
  /** One or two, as the receiver ticks them when closing. */
  outcomes: OutcomeCode[]
  declineReason: DeclineReason | null
  closingNote: string | null
}

export interface LifeInput {
  sentAt: Date
  now: Date
  calendar: Calendar
  slaDays: number
  /** The issue the referral was sent for; it shapes the outcome and how long the work takes. */
  issue: string
  /** The service is paused now and this referral came in as it filled up. */
  fullUp: boolean
  /** Over 1 for a receiver that is slow to pick referrals up. */
  pace: number
}

/** How long the work takes once the client is contacted, in working days. */
const workDays: Record<string, [number, number]> = {
  'food-support': [1, 6],
  debt: [10, 60],
  housing: [5, 45],
  'welfare-benefit': [8, 50],
  immigration: [15, 70],
}

export function liveReferral(roll: Dice, input: LifeInput): ReferralLife {
  const life: ReferralLife = {
    status: 'sent',
    events: [{ type: 'sent', fromStatus: null, toStatus: 'sent', at: input.sentAt, side: 'sender', note: null, data: {} }],
    receivedAt: null,
    acceptedAt: null,
    contactedAt: null,
    closedAt: null,
    outcomes: [],
    declineReason: null,
    closingNote: null,
  }
  const later = (from: Date, low: number, high: number): Date =>
    workingDaysLater(from, Math.round(roll.between(low, high) * (input.pace > 1 && high > 0 ? input.pace : 1)), input.calendar, roll)
  /** Records the step unless it would happen after now; false then, and the story ends where it is. */
  const step = (event: Omit<StepEvent, 'fromStatus' | 'data'> & { data?: Record<string, unknown> }): boolean => {
    if (event.at > input.now) return false
    life.events.push({ ...event, fromStatus: life.status, data: event.data ?? {} })
    if (event.toStatus) life.status = event.toStatus
    return true
  }
  const close = (at: Date): void => {
    life.closedAt = at
  }

  // The sender withdraws a few before anything much has happened.
  const withdrawAt = roll.chance(0.04) ? later(input.sentAt, 1, input.slaDays) : null

  const receivedAt = later(input.sentAt, 0, 2)
  if (withdrawAt && withdrawAt < receivedAt) return withdraw(life, withdrawAt, roll, step, close)
  if (!step({ type: 'received', toStatus: 'received', at: receivedAt, side: 'receiver', note: null })) return life
  life.receivedAt = receivedAt

  const decidedAt = later(receivedAt, 0, 3)
  const declines = input.fullUp ? roll.chance(0.9) : roll.chance(0.08)
  if (declines) {
    const reason: DeclineReason = input.fullUp ? 'no_capacity' : roll.weighted(declineWeights)
    const note = roll.pick(declineNotes[reason])
    if (step({ type: 'declined', toStatus: 'declined', at: decidedAt, side: 'receiver', note, data: { reason } })) {
      life.declineReason = reason
      life.closingNote = note
      close(decidedAt)
    }
    return life
  }
  if (withdrawAt && withdrawAt < decidedAt) return withdraw(life, withdrawAt, roll, step, close)
  if (!step({ type: 'accepted', toStatus: 'accepted', at: decidedAt, side: 'receiver', note: roll.pick(acceptanceNotes) })) return life
  life.acceptedAt = decidedAt

  // Most receivers contact within the SLA; some are late, and some never reach the client.
  if (roll.chance(0.07)) {
    const givenUpAt = later(decidedAt, input.slaDays + 2, input.slaDays + 12)
    if (step({ type: 'unable_to_contact', toStatus: 'unable_to_contact', at: givenUpAt, side: 'receiver', note: roll.pick(unableToContactNotes) })) close(givenUpAt)
    return life
  }
  const late = roll.chance(0.14)
  const contactedAt = late ? later(decidedAt, input.slaDays, input.slaDays + 8) : later(decidedAt, 0, Math.max(1, input.slaDays - 3))
  if (withdrawAt && withdrawAt < contactedAt) return withdraw(life, withdrawAt, roll, step, close)
  if (!step({ type: 'contacted', toStatus: 'in_progress', at: contactedAt, side: 'receiver', note: roll.pick(contactNotes) })) return life
  life.contactedAt = contactedAt

  const [low, high] = workDays[input.issue] ?? [3, 30]
  const completedAt = workingDaysLater(contactedAt, roll.between(low, high), input.calendar, roll)
  const usual = outcomesByIssue[input.issue] ?? otherOutcomes
  const outcome: OutcomeCode = roll.chance(0.04) ? 'client_withdrew' : roll.pick(usual)
  const outcomes = [...new Set([outcome, ...(outcome !== 'client_withdrew' && roll.chance(0.2) ? [roll.pick(usual)] : [])])]
  const note = roll.pick(closingNotes[outcome] ?? closingNotes.other ?? [''])
  if (step({ type: 'completed', toStatus: 'completed', at: completedAt, side: 'receiver', note, data: { outcomes } })) {
    life.outcomes = outcomes
    life.closingNote = note
    close(completedAt)
  }
  return life
}

function withdraw(
  life: ReferralLife,
  at: Date,
  roll: Dice,
  step: (event: Omit<StepEvent, 'fromStatus' | 'data'>) => boolean,
  close: (at: Date) => void,
): ReferralLife {
  const note = roll.pick(withdrawalNotes)
  if (step({ type: 'withdrawn', toStatus: 'withdrawn', at, side: 'sender', note })) {
    life.closingNote = note
    close(at)
  }
  return life
}

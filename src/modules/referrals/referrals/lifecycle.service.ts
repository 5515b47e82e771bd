import type { Actor } from '../../../platform/access/actor.js'
import type { Caller } from '../../../platform/access/caller.js'
import { workingContext } from '../../../platform/access/caller.js'
import { authoriseOrHide, can } from '../../../platform/access/policy.js'
import { audit } from '../../../platform/audit/audit.service.js'
import type { Transaction } from '../../../db/client.js'
import { DomainError, NotFoundError } from '../../../platform/errors.js'
import { transactionWithMail } from '../../../platform/mail/mail.service.js'
import type { ServiceDependencies } from '../../../services.js'
import { notifyReferralEvent } from '../../notifications/notifications.service.js'
import { ukDate } from '../sla/working-days.js'
import type { DeclineReason, OutcomeCode } from './referral-codes.js'
import { actionsAvailable, canMove, canReroute, receipt, transitions, type LifecycleAction, type Side } from './referral-states.js'
import {
  findChainLink,
  findIntakeAndClient,
  findReferral,
  insertReferralMessage,
  listReferralEvents,
  listReferralMessages,
  moveReferral,
  type ChainLink,
  type IntakeAndClient,
  type ReferralChanges,
  type ReferralRow,
} from './referrals.repository.js'
import { insertReferralEvent } from './sending.repository.js'

/** One referral: its page, the moves each side makes, and the conversation between the two organisations. */

/** A move the rules do not allow now (wrong state or wrong side): nothing was changed. */
export class ReferralActionRefused extends DomainError {
  constructor(messageKey = 'referrals:errors.notAllowedNow') {
    super(messageKey, 409)
  }
}

export type ActionInput =
  | { action: 'accept' | 'contact'; note?: string }
  | { action: 'complete'; outcomes: OutcomeCode[]; note?: string }
  | { action: 'unable-to-contact'; note: string }
  | { action: 'decline'; reason: DeclineReason; note?: string }
  | { action: 'withdraw'; note: string }

export interface ReferralPage {
  referral: ReferralRow
  sides: Side[]
  actions: LifecycleAction[]
  canReroute: boolean
  overdue: boolean
  /** Oldest first, ending before this referral; and this referral's successors, nearest first. */
  previous: ChainLink[]
  next: ChainLink[]
  events: Awaited<ReturnType<typeof listReferralEvents>>
  messages: Awaited<ReturnType<typeof listReferralMessages>>
  intake: IntakeAndClient
}

const openForContact = new Set(['sent', 'received', 'accepted'])
const chainLimit = 20

/** The sides of the referral this person acts for: the receiver's receivers and admins, the sender's people. */
export function sidesOf(actor: Actor, referral: Pick<ReferralRow, 'networkId' | 'fromOrganisationId' | 'toOrganisationId'>): Side[] {
  const target = { networkId: referral.networkId, referral }
  const sides: Side[] = []
  if (can(actor, 'referral.respond', target)) sides.push('receiver')
  if (can(actor, 'referral.withdraw', target)) sides.push('sender')
  return sides
}

export function createLifecycleService(deps: ServiceDependencies) {
  const { db } = deps

  async function visibleReferral(caller: Caller, referralId: string, action: 'referral.view' | 'referral.message' | 'referral.reroute' = 'referral.view') {
    const { actor, context } = workingContext(caller)
    const referral = await findReferral(db, context.networkId, referralId)
    if (!referral) throw new NotFoundError()
    authoriseOrHide(actor, action, { networkId: context.networkId, referral })
    return { actor, context, referral }
  }

  async function recordEvent(tx: Transaction, referral: ReferralRow, event: { type: string; from?: ReferralRow['status']; to?: ReferralRow['status']; actor: Actor; note?: string | null; data?: Record<string, unknown> }): Promise<void> {
    const organisationId = event.actor.context?.organisationId ?? null
    await insertReferralEvent(tx, {
      networkId: referral.networkId,
      referralId: referral.id,
      type: event.type,
      fromStatus: event.from,
      toStatus: event.to,
      actorUserId: event.actor.userId,
      actorOrganisationId: organisationId,
      note: event.note ?? null,
      data: event.data ?? {},
      createdAt: deps.now(),
    })
    await notifyReferralEvent(deps, tx, {
      networkId: referral.networkId,
      referralId: referral.id,
      reference: referral.reference,
      type: event.type,
      actorUserId: event.actor.userId,
      actorOrganisationId: organisationId,
      fromOrganisationId: referral.fromOrganisationId,
      toOrganisationId: referral.toOrganisationId,
    })
  }

  async function chainOf(networkId: string, referral: ReferralRow): Promise<{ previous: ChainLink[]; next: ChainLink[] }> {
    const previous: ChainLink[] = []
    for (let id = referral.previousReferralId; id && previous.length < chainLimit; ) {
      const link = await findChainLink(db, networkId, { id })
      if (!link) break
      previous.unshift(link)
      id = link.previousReferralId
    }
    const next: ChainLink[] = []
    for (let id: string | null = referral.id; id && next.length < chainLimit; ) {
      const link: ChainLink | null = await findChainLink(db, networkId, { previousReferralId: id })
      if (!link) break
      next.push(link)
      id = link.id
    }
    return { previous, next }
  }

  const service = {
    /**
     * The referral page, for the two organisations only. It shows the client's details, so each view is audited;
     * the receiving organisation's first view marks the referral received.
     */
    async referralPage(caller: Caller, referralId: string): Promise<ReferralPage> {
      const { actor, context, referral: found } = await visibleReferral(caller, referralId)
      let referral = found
      const now = deps.now()
      await transactionWithMail(
        deps,
        async (tx) => {
          if (referral.status === receipt.from && context.organisationId === referral.toOrganisationId) {
            const moved = await moveReferral(tx, context.networkId, referral.id, receipt.from, receipt.to, { receivedAt: now }, now)
            if (moved) {
              await recordEvent(tx, referral, { type: receipt.event, from: receipt.from, to: receipt.to, actor })
              referral = { ...referral, status: receipt.to, receivedAt: now }
            }
          }
          await audit(tx, {
            networkId: context.networkId,
            actorUserId: actor.userId,
            action: 'client.viewed',
            subjectType: 'client',
            subjectId: referral.clientId,
            details: { referralId: referral.id },
            requestId: caller.requestId,
          })
        },
        { networkId: context.networkId },
      )
      const intake = await findIntakeAndClient(db, context.networkId, referral.intakeId)
      if (!intake) throw new NotFoundError()
      const sides = sidesOf(actor, referral)
      const chain = await chainOf(context.networkId, referral)
      return {
        referral,
        sides,
        actions: actionsAvailable(referral.status, sides),
        canReroute: canReroute(referral.status, chain.next.length > 0),
        overdue: referral.contactedAt === null && openForContact.has(referral.status) && ukDate(now) > referral.contactDueOn,
        ...chain,
        events: await listReferralEvents(db, context.networkId, referral.id),
        messages: await listReferralMessages(db, context.networkId, referral.id),
        intake,
      }
    },

    /** One move of the lifecycle, as an append-only event; refused (nothing changed) if the state or side is wrong. */
    async act(caller: Caller, referralId: string, input: ActionInput): Promise<void> {
      const { actor, context, referral } = await visibleReferral(caller, referralId)
      const transition = transitions[input.action]
      if (!canMove(input.action, referral.status, sidesOf(actor, referral))) throw new ReferralActionRefused()
      const now = deps.now()
      const note = input.note?.trim() || null
      const changes: ReferralChanges = {}
      const data: Record<string, unknown> = {}
      if (input.action === 'accept') changes.acceptedAt = now
      if (input.action === 'contact') {
        changes.contactedAt = now
        if (!referral.acceptedAt) changes.acceptedAt = now
      }
      if (['complete', 'unable-to-contact', 'decline', 'withdraw'].includes(input.action)) {
        changes.closedAt = now
        changes.closingNote = note
      }
      if (input.action === 'complete') {
        changes.outcome = input.outcomes.join(',')
        data.outcomes = input.outcomes
      }
      if (input.action === 'decline') {
        changes.declineReason = input.reason
        data.reason = input.reason
      }
      await transactionWithMail(
        deps,
        async (tx) => {
          // Moved only from the state the rule was checked in: someone else's move in between refuses this one.
          const moved = await moveReferral(tx, context.networkId, referral.id, referral.status, transition.to, changes, now)
          if (!moved) throw new ReferralActionRefused()
          await recordEvent(tx, referral, { type: transition.event, from: referral.status, to: transition.to, actor, note, data })
        },
        { networkId: context.networkId },
      )
    },

    /** A message between the two organisations; it is an event too, so the timeline shows it. */
    async postMessage(caller: Caller, referralId: string, body: string): Promise<void> {
      const { actor, context, referral } = await visibleReferral(caller, referralId, 'referral.message')
      const organisationId = context.organisationId
      if (!organisationId) throw new NotFoundError()
      await transactionWithMail(
        deps,
        async (tx) => {
          const messageId = await insertReferralMessage(tx, { networkId: context.networkId, referralId: referral.id, authorUserId: actor.userId, authorOrganisationId: organisationId, body, createdAt: deps.now() })
          // The body stays in referral_messages; the event carries its id only.
          await recordEvent(tx, referral, { type: 'message', actor, data: { messageId } })
        },
        { networkId: context.networkId },
      )
    },
  }
  return service
}

export type LifecycleService = ReturnType<typeof createLifecycleService>

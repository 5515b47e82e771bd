import type { Caller } from '../../../platform/access/caller.js'
import { workingContext } from '../../../platform/access/caller.js'
import { authoriseOrHide } from '../../../platform/access/policy.js'
import { NotFoundError } from '../../../platform/errors.js'
import { transactionWithMail } from '../../../platform/mail/mail.service.js'
import type { ServiceDependencies } from '../../../services.js'
import type { DirectorySearchService } from '../../directory/search/search.service.js'
import { notifyReferralEvent } from '../../notifications/notifications.service.js'
import { findCandidates, judgeChoices, type Candidates } from './candidates.js'
import { dispatchReferrals, SendingRefused } from './dispatch.js'
import { canReroute } from './referral-states.js'
import { findChainLink, findReferral, listServicesSentIntake, lockReferral, type ReferralRow } from './referrals.repository.js'
import { loadIntakeForSending } from '../clients/clients.service.js'
import { insertReferralEvent, listReferralsByKey } from './sending.repository.js'

/**
 * Decline → re-route: a declined referral moves on to the next eligible service as a new referral linked to it,
 * without asking the client again (consent is still asked for the new organisation).
 */

export interface ReroutePage {
  referral: ReferralRow
  candidates: Candidates
}

export function createRerouteService(deps: ServiceDependencies, search: DirectorySearchService) {
  const { db } = deps

  async function findVisible(caller: Caller, referralId: string) {
    const { actor, context } = workingContext(caller)
    const referral = await findReferral(db, context.networkId, referralId)
    if (!referral) throw new NotFoundError()
    authoriseOrHide(actor, 'referral.reroute', { networkId: context.networkId, referral })
    return { actor, context, referral }
  }

  /** Either end may re-route a declined referral that has not moved on yet; to anyone else it does not exist. */
  async function declinedReferral(caller: Caller, referralId: string) {
    const { actor, context, referral } = await findVisible(caller, referralId)
    const next = await findChainLink(db, context.networkId, { previousReferralId: referral.id })
    if (!canReroute(referral.status, next !== null)) throw new SendingRefused([{ field: 'service', message: next ? 'referrals:errors.alreadyRerouted' : 'referrals:errors.notDeclined' }])
    const intake = await loadIntakeForSending(db, caller, referral.intakeId, deps.now())
    return { actor, context, referral, intake }
  }

  /**
   * Every service this intake has already been sent to — along the chain, and the others chosen with it — so none
   * is suggested again: the client is already waiting at (or has been helped by) each of those.
   */
  async function servicesTried(networkId: string, referral: ReferralRow): Promise<Set<string>> {
    return new Set([referral.serviceId, ...(await listServicesSentIntake(db, networkId, referral.intakeId))])
  }

  return {
    async reroutePage(caller: Caller, referralId: string, options: { name?: string } = {}): Promise<ReroutePage> {
      const { context, referral, intake } = await declinedReferral(caller, referralId)
      const exclude = await servicesTried(context.networkId, referral)
      return { referral, candidates: await findCandidates(search, caller, intake, deps.now(), { name: options.name, exclude }) }
    },

    /** Sends the one chosen service a new referral linked to the declined one; returns the new referral's id. */
    async reroute(caller: Caller, referralId: string, input: { idempotencyKey: string; serviceId: string; justification?: string; name?: string }): Promise<string> {
      const { context: known } = workingContext(caller)
      // A second submit of the same form (double click, back button) gives back the referral it made.
      const made = (await listReferralsByKey(db, known.networkId, input.idempotencyKey)).find((row) => row.previousReferralId === referralId)
      if (made) {
        await findVisible(caller, referralId)
        return made.id
      }
      const { actor, context, referral, intake } = await declinedReferral(caller, referralId)
      const exclude = await servicesTried(context.networkId, referral)
      const judged = await judgeChoices(search, caller, intake, [input.serviceId], { exclude })
      return transactionWithMail(
        deps,
        async (tx) => {
          await lockReferral(tx, context.networkId, referral.id)
          // Someone else re-routed it since the checks above: one next referral only.
          if (await findChainLink(tx, context.networkId, { previousReferralId: referral.id })) {
            throw new SendingRefused([{ field: 'service', message: 'referrals:errors.alreadyRerouted' }])
          }
          // The new referral stays the original referrer's: it is their client's need moving on.
          const [sent] = await dispatchReferrals(deps, tx, {
            intake,
            fromOrganisationId: referral.fromOrganisationId,
            fromUserId: referral.fromUserId,
            actor: { userId: actor.userId, organisationId: context.organisationId },
            chosen: [{ serviceId: input.serviceId, justification: input.justification }],
            judged,
            idempotencyKey: input.idempotencyKey,
            previousReferralId: referral.id,
          })
          await insertReferralEvent(tx, {
            networkId: context.networkId,
            referralId: referral.id,
            type: 'rerouted',
            actorUserId: actor.userId,
            actorOrganisationId: context.organisationId,
            data: { nextReferralId: sent.id, serviceId: input.serviceId },
            createdAt: deps.now(),
          })
          await notifyReferralEvent(deps, tx, {
            networkId: context.networkId,
            referralId: referral.id,
            reference: referral.reference,
            type: 'rerouted',
            actorUserId: actor.userId,
            actorOrganisationId: context.organisationId,
            fromOrganisationId: referral.fromOrganisationId,
            toOrganisationId: referral.toOrganisationId,
          })
          return sent.id
        },
        { networkId: context.networkId },
      )
    },
  }
}

export type RerouteService = ReturnType<typeof createRerouteService>

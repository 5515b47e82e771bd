import type { Caller } from '../../../platform/access/caller.js'
import { workingContext } from '../../../platform/access/caller.js'
import { authoriseOrHide } from '../../../platform/access/policy.js'
import { audit } from '../../../platform/audit/audit.service.js'
import { transactionWithMail } from '../../../platform/mail/mail.service.js'
import type { ServiceDependencies } from '../../../services.js'
import type { DirectorySearchService } from '../../directory/search/search.service.js'
import type { ConsentDecision } from '../consent/consent-decision.js'
import { consentDecision } from '../consent/consent.service.js'
import { findCandidates, judgeChoices, type Candidates } from './candidates.js'
import { dispatchReferrals, type Chosen } from './dispatch.js'
import { loadIntakeForSending } from '../clients/clients.service.js'
import { listReferralsByKey, type IntakeForSending } from './sending.repository.js'

/** Sending an intake to one or several services in one step. */

export interface SendingPage {
  intake: IntakeForSending
  candidates: Candidates
  /** Whether consent allows sharing at all: missing, withdrawn or expired consent blocks every service. */
  consent: ConsentDecision
}

export interface SendInput {
  idempotencyKey: string
  chosen: Chosen[]
  /** The name search the page showed; kept for the form (choices are judged by id, whichever search found them). */
  name?: string
}

export interface SentReferral {
  id: string
  reference: string
  serviceName: string
  contactDueOn: string
}

export function createSendingService(deps: ServiceDependencies, search: DirectorySearchService) {
  const { db } = deps

  /** Only the organisation that holds the intake sends from it; to anyone else it does not exist. */
  async function intakeToSend(caller: Caller, intakeId: string) {
    const { actor, context } = workingContext(caller)
    const intake = await loadIntakeForSending(db, caller, intakeId, deps.now())
    authoriseOrHide(actor, 'client.view', { networkId: context.networkId, organisationId: intake.intake.organisationId })
    authoriseOrHide(actor, 'referral.send', { networkId: context.networkId })
    return { actor, context, intake }
  }

  return {
    async sendingPage(caller: Caller, intakeId: string, options: { name?: string } = {}): Promise<SendingPage> {
      const { actor, context, intake } = await intakeToSend(caller, intakeId)
      const now = deps.now()
      const candidates = await findCandidates(search, caller, intake, now, { name: options.name })
      const consent = await consentDecision(db, { networkId: context.networkId, clientId: intake.intake.clientId, organisationId: intake.intake.organisationId, at: now })
      await audit(db, {
        networkId: context.networkId,
        actorUserId: actor.userId,
        action: 'client.viewed',
        subjectType: 'client',
        subjectId: intake.intake.clientId,
        details: { intakeId, page: 'send' },
        requestId: caller.requestId,
      })
      return { intake, candidates, consent }
    },

    /**
     * Sends each chosen service its own referral, all or none. Throws SendingRefused (nothing saved) when consent
     * does not allow it, a service is paused or closed, or a non-fitting choice has no justification.
     */
    async send(caller: Caller, intakeId: string, input: SendInput): Promise<{ idempotencyKey: string; created: number }> {
      const { actor, context, intake } = await intakeToSend(caller, intakeId)
      const ids = new Set(input.chosen.map((choice) => choice.serviceId))
      const chosen = [...ids].map((id) => input.chosen.find((choice) => choice.serviceId === id) as Chosen)
      // Judged again now, by id, outside the transaction: a service may have paused since the page.
      const judged = await judgeChoices(search, caller, intake, chosen.map((choice) => choice.serviceId))
      const results = await transactionWithMail(
        deps,
        (tx) =>
          dispatchReferrals(deps, tx, {
            intake,
            fromOrganisationId: intake.intake.organisationId,
            fromUserId: actor.userId,
            actor: { userId: actor.userId, organisationId: context.organisationId },
            chosen,
            judged,
            idempotencyKey: input.idempotencyKey,
          }),
        { networkId: context.networkId },
      )
      return { idempotencyKey: input.idempotencyKey, created: results.filter((result) => result.created).length }
    },

    /** The confirmation: what one submitted form made, however many times it was submitted. */
    async sent(caller: Caller, intakeId: string, idempotencyKey: string): Promise<SentReferral[]> {
      const { context } = await intakeToSend(caller, intakeId)
      const rows = await listReferralsByKey(db, context.networkId, idempotencyKey)
      return rows
        .filter((row) => row.intakeId === intakeId)
        .map((row) => ({ id: row.id, reference: row.reference, serviceName: row.serviceName, contactDueOn: row.contactDueOn }))
    },
  }
}

export type SendingService = ReturnType<typeof createSendingService>

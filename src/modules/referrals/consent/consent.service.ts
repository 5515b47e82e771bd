import type { Executor } from '../../../db/client.js'
import { ukDate } from '../sla/working-days.js'
import { decideConsent, type ConsentDecision } from './consent-decision.js'
import { listConsentsOfClient } from './consent.repository.js'

/** Asked before anything about a client is shared with another organisation (sending, re-routing). */
export async function consentDecision(
  db: Executor,
  request: { networkId: string; clientId: string; organisationId: string; at: Date },
): Promise<ConsentDecision> {
  const consents = await listConsentsOfClient(db, request.networkId, request.clientId)
  return decideConsent(consents, request.organisationId, ukDate(request.at))
}

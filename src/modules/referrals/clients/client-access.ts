import type { Executor } from '../../../db/client.js'
import { workingContext, type Caller } from '../../../platform/access/caller.js'
import type { Actor, WorkingContext } from '../../../platform/access/actor.js'
import { authoriseOrHide } from '../../../platform/access/policy.js'
import { ForbiddenError, NotFoundError } from '../../../platform/errors.js'
import { decideConsent } from '../consent/consent-decision.js'
import { listConsentsOfClient, type ConsentRow } from '../consent/consent.repository.js'
import { ukDate } from '../sla/working-days.js'
import { findClient, findIntake, listOrganisationsHoldingReferrals, type ClientRow, type IntakeRow } from './clients.repository.js'

export interface ClientAccess {
  actor: Actor
  context: WorkingContext
  client: ClientRow
  /** Newest first. */
  consents: ConsentRow[]
  /** The caller's organisation recorded this client. */
  isHolder: boolean
}

/**
 * Who may see a client: the organisation that recorded them, and organisations holding a referral for them
 * while the consent in force covers them. When consent is withdrawn or expires the record is locked to
 * everyone but the holder. Anyone else, the coordinator included, is told the client does not exist.
 */
export async function clientAccess(db: Executor, caller: Caller, clientId: string, at: Date): Promise<ClientAccess> {
  const { actor, context } = workingContext(caller)
  const client = await findClient(db, context.networkId, clientId)
  if (!client) throw new NotFoundError()
  const [consents, holding] = await Promise.all([
    listConsentsOfClient(db, context.networkId, clientId),
    listOrganisationsHoldingReferrals(db, context.networkId, clientId),
  ])
  const today = ukDate(at)
  const sharedWith = holding.filter(
    (organisationId) => organisationId !== client.organisationId && decideConsent(consents, organisationId, today).allowed,
  )
  authoriseOrHide(actor, 'client.view', {
    networkId: client.networkId,
    organisationId: client.organisationId,
    sharedWithOrganisationIds: sharedWith,
  })
  return { actor, context, client, consents, isHolder: context.organisationId === client.organisationId }
}

/** Only the organisation that recorded the client changes their record (new needs, consent, documents). */
export async function holderAccess(db: Executor, caller: Caller, clientId: string, at: Date): Promise<ClientAccess> {
  const access = await clientAccess(db, caller, clientId, at)
  // They may read the client (so 403, not 404), but the record is the holder's to change.
  if (!access.isHolder) throw new ForbiddenError()
  return access
}

/** An intake and its client, for whoever may see the client; another organisation's intake is not found. */
export async function intakeAccess(
  db: Executor,
  caller: Caller,
  intakeId: string,
  at: Date,
  needs: 'view' | 'holder' = 'view',
): Promise<ClientAccess & { intake: IntakeRow }> {
  const { context } = workingContext(caller)
  const intake = await findIntake(db, context.networkId, intakeId)
  if (!intake) throw new NotFoundError()
  const access = needs === 'holder' ? await holderAccess(db, caller, intake.clientId, at) : await clientAccess(db, caller, intake.clientId, at)
  return { ...access, intake }
}

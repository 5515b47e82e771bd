import type { Executor } from '../../../db/client.js'
import { workingContext, type Caller } from '../../../platform/access/caller.js'
import type { Actor, WorkingContext } from '../../../platform/access/actor.js'
import { authoriseOrHide } from '../../../platform/access/policy.js'
import { ForbiddenError, NotFoundError } from '../../../platform/errors.js'
import { decideConsent } from '../consent/consent-decision.js'
import type { ConsentRow } from '../consent/consent.repository.js'
import { ukDate } from '../sla/working-days.js'
import { findClientForAccess, findIntakeForAccess, type ClientForAccess, type ClientRow, type IntakeRow } from './clients.repository.js'

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
function decideAccess(caller: Caller, found: ClientForAccess, at: Date): ClientAccess {
  const { actor, context } = workingContext(caller)
  const { client, consents } = found
  const today = ukDate(at)
  const sharedWith = found.holdingOrganisationIds.filter(
    (organisationId) => organisationId !== client.organisationId && decideConsent(consents, organisationId, today).allowed,
  )
  authoriseOrHide(actor, 'client.view', {
    networkId: client.networkId,
    organisationId: client.organisationId,
    sharedWithOrganisationIds: sharedWith,
  })
  return { actor, context, client, consents, isHolder: context.organisationId === client.organisationId }
}

/** Only the holder changes the record: others who may read the client are refused (403, not 404). */
function asHolder<T extends ClientAccess>(access: T): T {
  if (!access.isHolder) throw new ForbiddenError()
  return access
}

export async function clientAccess(db: Executor, caller: Caller, clientId: string, at: Date): Promise<ClientAccess> {
  const found = await findClientForAccess(db, workingContext(caller).context.networkId, clientId)
  if (!found) throw new NotFoundError()
  return decideAccess(caller, found, at)
}

/** Only the organisation that recorded the client changes their record (new needs, consent, documents). */
export async function holderAccess(db: Executor, caller: Caller, clientId: string, at: Date): Promise<ClientAccess> {
  return asHolder(await clientAccess(db, caller, clientId, at))
}

/**
 * An intake and its client, for whoever may see the client; another organisation's intake is not found. One
 * statement, with the intake's issues when asked.
 */
export async function intakeAccess(
  db: Executor,
  caller: Caller,
  intakeId: string,
  at: Date,
  needs: 'view' | 'holder' = 'view',
  options: { withIssues?: boolean } = {},
): Promise<ClientAccess & { intake: IntakeRow; issues: { termId: string; code: string }[] }> {
  const found = await findIntakeForAccess(db, workingContext(caller).context.networkId, intakeId, options)
  if (!found) throw new NotFoundError()
  const access = { ...decideAccess(caller, found, at), intake: found.intake, issues: found.issues }
  return needs === 'holder' ? asHolder(access) : access
}

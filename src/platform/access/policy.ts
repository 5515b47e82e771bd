import { ForbiddenError, NotFoundError } from '../errors.js'
import type { Actor } from './actor.js'

/**
 * The one place that answers "may this user do this to that". Pages and API both ask here.
 * Anything in another network is reported as not found, so nobody learns it exists.
 */
export type Action =
  | 'network.view'
  | 'network.manage'
  | 'organisation.view'
  | 'organisation.create'
  | 'organisation.edit'
  | 'organisation.invite-admin'
  | 'organisation.manage-users'
  | 'user.view'
  | 'audit.view'
  | 'service.view'
  | 'service.create'
  | 'service.edit'
  | 'service.verify'
  | 'taxonomy.manage'
  | 'client.create'
  | 'client.view'
  | 'referral.send'
  | 'referral.view'
  | 'referral.view-metadata'
  | 'referral.respond'
  | 'referral.withdraw'
  | 'referral.reroute'
  | 'referral.message'
  | 'referral.list-network'
  | 'front-door.triage'
  | 'front-door.view-request'
  | 'hub.view-network'
  | 'hub.view-organisation'
  | 'hub.export'
  | 'hub.extract'

/** What an action is done to: always carries its network; organisation and user where they apply. */
export interface Target {
  networkId: string
  organisationId?: string | null
  userId?: string
  /** A referral: the organisation that sent it and the one it was sent to. */
  referral?: { fromOrganisationId: string; toOrganisationId: string }
  /**
   * A client: organisationId is the holder (who recorded them); these are the organisations that hold a
   * referral for them within the consent's scope. Nobody else sees their details, not even the coordinator.
   */
  sharedWithOrganisationIds?: string[]
}

function isCoordinator(actor: Actor): boolean {
  return actor.context?.networkRoles.includes('coordinator') ?? false
}

/** Analysts read the intelligence hub's aggregates and nothing else: no clients, no referral pages. */
function isAnalyst(actor: Actor): boolean {
  return actor.context?.networkRoles.includes('analyst') ?? false
}

function isAdminOf(actor: Actor, organisationId: string | null | undefined): boolean {
  return (
    organisationId !== null &&
    organisationId !== undefined &&
    actor.context?.organisationId === organisationId &&
    actor.context.organisationRole === 'organisation_admin'
  )
}

function hasRole(actor: Actor, roles: string[]): boolean {
  return actor.context?.organisationRole !== null && roles.includes(actor.context?.organisationRole ?? '')
}

function belongsTo(actor: Actor, organisationId: string | null | undefined): boolean {
  return organisationId !== null && organisationId !== undefined && actor.context?.organisationId === organisationId
}

export function can(actor: Actor | null, action: Action, target: Target): boolean {
  if (!actor?.context || actor.context.networkId !== target.networkId) return false
  switch (action) {
    case 'network.view':
    case 'organisation.view':
    case 'service.view':
      return true
    case 'network.manage':
    case 'organisation.create':
    case 'organisation.edit':
    case 'organisation.invite-admin':
    case 'audit.view':
    case 'service.verify':
    case 'taxonomy.manage':
      return isCoordinator(actor)
    // A service belongs to its organisation: its admins keep it up to date, the coordinator may edit any.
    case 'service.create':
    case 'service.edit':
    case 'organisation.manage-users':
      return isAdminOf(actor, target.organisationId) || isCoordinator(actor)
    case 'user.view':
      return (
        target.userId === actor.userId ||
        isCoordinator(actor) ||
        isAdminOf(actor, target.organisationId) ||
        belongsTo(actor, target.organisationId)
      )
    // Referrals and clients: see the access rules in DESIGN.md.
    case 'client.create':
    case 'referral.send':
      return belongsTo(actor, actor.context.organisationId)
    case 'client.view':
      return (
        belongsTo(actor, target.organisationId) ||
        (target.sharedWithOrganisationIds ?? []).some((organisationId) => belongsTo(actor, organisationId))
      )
    case 'referral.view':
    case 'referral.message':
    case 'referral.reroute':
      return (
        !!target.referral &&
        (belongsTo(actor, target.referral.fromOrganisationId) || belongsTo(actor, target.referral.toOrganisationId))
      )
    // Statuses, dates and services only — never the client: for running the network.
    case 'referral.view-metadata':
      return (
        isCoordinator(actor) ||
        (!!target.referral &&
          (belongsTo(actor, target.referral.fromOrganisationId) || belongsTo(actor, target.referral.toOrganisationId)))
      )
    // Receiving organisations' receivers and admins move a referral on; referrers there only read it.
    case 'referral.respond':
      return (
        !!target.referral &&
        belongsTo(actor, target.referral.toOrganisationId) &&
        hasRole(actor, ['receiver', 'organisation_admin'])
      )
    case 'referral.withdraw':
      return !!target.referral && belongsTo(actor, target.referral.fromOrganisationId)
    case 'referral.list-network':
      return isCoordinator(actor)
    // Residents' requests for help: the staff of the network's front-door organisations who make referrals (or run
    // the organisation) triage them; receivers there, the coordinator and everyone else never see them (decision 0016).
    case 'front-door.triage':
    case 'front-door.view-request':
      return actor.context.organisationFrontDoor && hasRole(actor, ['referrer', 'organisation_admin'])
    // The intelligence hub: aggregates only, small counts suppressed (see decision 0013).
    case 'hub.view-network':
      return isCoordinator(actor) || isAnalyst(actor)
    case 'hub.view-organisation':
      return isAdminOf(actor, target.organisationId) || isCoordinator(actor)
    // A table may be exported by whoever may see it: the organisation's view, or the network's.
    case 'hub.export':
      return target.organisationId
        ? isAdminOf(actor, target.organisationId) || isCoordinator(actor)
        : isCoordinator(actor) || isAnalyst(actor)
    // One row per referral, anonymised, but still referral-level: the coordinator only.
    case 'hub.extract':
      return isCoordinator(actor)
  }
}

/** Throws NotFound across networks and Forbidden within one. */
export function authorise(actor: Actor | null, action: Action, target: Target): void {
  if (!actor?.context || actor.context.networkId !== target.networkId) throw new NotFoundError()
  if (!can(actor, action, target)) throw new ForbiddenError()
}

/**
 * For personal data and referrals: someone who may not see it is told it does not exist (404), so a
 * guessed URL reveals nothing about a client or a referral.
 */
export function authoriseOrHide(actor: Actor | null, action: Action, target: Target): void {
  if (!can(actor, action, target)) throw new NotFoundError()
}

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

/** What an action is done to: always carries its network; organisation and user where they apply. */
export interface Target {
  networkId: string
  organisationId?: string | null
  userId?: string
}

function isCoordinator(actor: Actor): boolean {
  return actor.context?.networkRoles.includes('coordinator') ?? false
}

function isAdminOf(actor: Actor, organisationId: string | null | undefined): boolean {
  return (
    organisationId !== null &&
    organisationId !== undefined &&
    actor.context?.organisationId === organisationId &&
    actor.context.organisationRole === 'organisation_admin'
  )
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
  }
}

/** Throws NotFound across networks and Forbidden within one. */
export function authorise(actor: Actor | null, action: Action, target: Target): void {
  if (!actor?.context || actor.context.networkId !== target.networkId) throw new NotFoundError()
  if (!can(actor, action, target)) throw new ForbiddenError()
}

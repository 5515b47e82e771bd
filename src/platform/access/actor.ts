import type { Executor } from '../../db/client.js'
import { findActor, type ActorRow } from './actor.repository.js'

export type OrganisationRole = 'referrer' | 'receiver' | 'organisation_admin'
export type NetworkRole = 'coordinator' | 'analyst'
/** Whose bank holidays the network's working days skip. */
export type NetworkNation = 'england' | 'wales' | 'scotland' | 'northern_ireland'

export interface Membership {
  id: string
  role: OrganisationRole
  organisationId: string
  organisationName: string
  /** One of the network's front-door organisations: its staff triage residents' requests for help. */
  organisationFrontDoor: boolean
  networkId: string
  networkName: string
  networkSlug: string
  networkNation: NetworkNation
}

export interface NetworkRoleGrant {
  role: NetworkRole
  networkId: string
  networkName: string
  networkSlug: string
  networkNation: NetworkNation
}

/** Where the user is working now: one network, and one of their organisations in it (or none, for a coordinator). */
export interface WorkingContext {
  networkId: string
  networkName: string
  networkSlug: string
  /** Read with the actor on each request, so pages that count working days need not look the network up. */
  networkNation: NetworkNation
  organisationId: string | null
  organisationName: string | null
  organisationRole: OrganisationRole | null
  /** The organisation is one of the network's front doors (false without an organisation). */
  organisationFrontDoor: boolean
  networkRoles: NetworkRole[]
}

export interface Actor {
  userId: string
  name: string
  email: string
  totpEnabled: boolean
  memberships: Membership[]
  networkRoles: NetworkRoleGrant[]
  context: WorkingContext | null
}

export interface ContextChoice {
  networkId: string
  organisationId: string | null
}

/** Coordinators and organisation admins must use two-factor authentication. */
export function requiresSecondFactor(actor: Pick<Actor, 'memberships' | 'networkRoles'>): boolean {
  return (
    actor.networkRoles.some((grant) => grant.role === 'coordinator') ||
    actor.memberships.some((membership) => membership.role === 'organisation_admin')
  )
}

export function resolveContext(
  memberships: Membership[],
  grants: NetworkRoleGrant[],
  choice: ContextChoice | undefined,
): WorkingContext | null {
  const rolesIn = (networkId: string): NetworkRole[] =>
    grants.filter((grant) => grant.networkId === networkId).map((grant) => grant.role)
  const fromMembership = (membership: Membership): WorkingContext => ({
    networkId: membership.networkId,
    networkName: membership.networkName,
    networkSlug: membership.networkSlug,
    networkNation: membership.networkNation,
    organisationId: membership.organisationId,
    organisationName: membership.organisationName,
    organisationRole: membership.role,
    organisationFrontDoor: membership.organisationFrontDoor === true,
    networkRoles: rolesIn(membership.networkId),
  })
  const fromGrant = (grant: NetworkRoleGrant): WorkingContext => ({
    networkId: grant.networkId,
    networkName: grant.networkName,
    networkSlug: grant.networkSlug,
    networkNation: grant.networkNation,
    organisationId: null,
    organisationName: null,
    organisationRole: null,
    organisationFrontDoor: false,
    networkRoles: rolesIn(grant.networkId),
  })
  if (choice?.organisationId) {
    const membership = memberships.find(
      (m) => m.organisationId === choice.organisationId && m.networkId === choice.networkId,
    )
    if (membership) return fromMembership(membership)
  } else if (choice) {
    const grant = grants.find((g) => g.networkId === choice.networkId)
    if (grant) return fromGrant(grant)
  }
  if (memberships[0]) return fromMembership(memberships[0])
  if (grants[0]) return fromGrant(grants[0])
  return null
}

export async function loadActor(db: Executor, userId: string, choice?: ContextChoice): Promise<Actor | null> {
  const user = await findActor(db, userId)
  return user ? actorFrom(user, choice) : null
}

/** The actor from a row already read (with the session, in one query), working where the session says. */
export function actorFrom(user: ActorRow, choice?: ContextChoice): Actor {
  const { memberships, networkRoles } = user
  return {
    userId: user.id,
    name: user.name,
    email: user.email,
    totpEnabled: user.totpEnabledAt !== null,
    memberships,
    networkRoles,
    context: resolveContext(memberships, networkRoles, choice),
  }
}

import type { Executor } from '../../db/client.js'
import { transactionWithMail } from '../../platform/mail/mail.service.js'
import type { OrganisationRole } from '../../platform/access/actor.js'
import { authorise, can } from '../../platform/access/policy.js'
import { audit } from '../../platform/audit/audit.service.js'
import { issueInvitation } from '../../platform/auth/invitations.js'
import { DomainError, ForbiddenError, NotFoundError } from '../../platform/errors.js'
import { revokeSessionsOfUser } from '../../platform/http/sessions.repository.js'
import type { ServiceDependencies } from '../../services.js'
import { workingContext, type Caller } from '../../platform/access/caller.js'
import {
  countAdmins,
  deleteMembership,
  findMember,
  findPendingInvitation,
  findPersonInNetwork,
  hasPendingInvitation,
  isMemberByEmail,
  listMembers,
  listPendingInvitations,
  lockOrganisation,
  revokeInvitation,
  updateMembershipRole,
  userHasAnyAccess,
  type MemberRow,
  type OrganisationRow,
  type PendingInvitationRow,
} from './networks.repository.js'
import type { InviteMemberInput } from './networks.schemas.js'
import { organisationFor } from './organisations.service.js'

export interface MembersView {
  organisation: OrganisationRow
  members: (MemberRow & { lastAdmin: boolean })[]
  invitations: PendingInvitationRow[]
}

export interface MemberView {
  organisation: OrganisationRow
  member: MemberRow
  /** The organisation's only admin cannot be removed or made anything else. */
  lastAdmin: boolean
}

export interface PersonView {
  id: string
  name: string
  email: string
  memberships: { organisationId: string; organisationName: string; role: OrganisationRole }[]
  networkRoles: string[]
}

const lastAdminError = (field: string): DomainError => new DomainError('networks:errors.lastAdmin', 400, field)

export function createMembersService(deps: ServiceDependencies) {
  const { db, config } = deps

  /** Locks the organisation and finds the member, so the last-admin rule holds under concurrent changes. */
  async function lockedMember(tx: Executor, organisation: OrganisationRow, userId: string) {
    await lockOrganisation(tx, organisation.networkId, organisation.id)
    const member = await findMember(tx, organisation.networkId, organisation.id, userId)
    if (!member) throw new NotFoundError()
    const admins = await countAdmins(tx, organisation.networkId, organisation.id)
    return { member, lastAdmin: member.role === 'organisation_admin' && admins <= 1 }
  }

  return {
    async members(caller: Caller, organisationId: string): Promise<MembersView> {
      const organisation = await organisationFor(db, caller, organisationId, 'organisation.manage-users')
      const members = await listMembers(db, organisation.networkId, organisation.id)
      const admins = members.filter((member) => member.role === 'organisation_admin').length
      return {
        organisation,
        members: members.map((member) => ({ ...member, lastAdmin: member.role === 'organisation_admin' && admins <= 1 })),
        invitations: await listPendingInvitations(db, organisation.networkId, organisation.id, deps.now()),
      }
    },

    async forInvite(caller: Caller, organisationId: string): Promise<OrganisationRow> {
      return organisationFor(db, caller, organisationId, 'organisation.manage-users')
    },

    async invite(caller: Caller, organisationId: string, input: InviteMemberInput): Promise<void> {
      const organisation = await organisationFor(db, caller, organisationId, 'organisation.manage-users')
      const { actor, context } = workingContext(caller)
      const now = deps.now()
      await transactionWithMail(deps, async (tx) => {
        if (await isMemberByEmail(tx, organisation.networkId, organisation.id, input.email)) {
          throw new DomainError('networks:errors.alreadyMember', 400, 'email')
        }
        if (await hasPendingInvitation(tx, organisation.networkId, organisation.id, input.email, now)) {
          throw new DomainError('networks:errors.alreadyInvited', 400, 'email')
        }
        await issueInvitation(tx, {
          networkId: organisation.networkId,
          networkName: context.networkName,
          organisationId: organisation.id,
          organisationName: organisation.name,
          email: input.email,
          name: input.name,
          role: input.role,
          networkRole: null,
          invitedBy: { userId: actor.userId, name: actor.name },
          language: caller.language,
          baseUrl: config.BASE_URL,
          now,
        })
      })
    },

    async member(caller: Caller, organisationId: string, userId: string): Promise<MemberView> {
      const organisation = await organisationFor(db, caller, organisationId, 'organisation.manage-users')
      const member = await findMember(db, organisation.networkId, organisation.id, userId)
      if (!member) throw new NotFoundError()
      const admins = await countAdmins(db, organisation.networkId, organisation.id)
      return { organisation, member, lastAdmin: member.role === 'organisation_admin' && admins <= 1 }
    },

    async changeRole(caller: Caller, organisationId: string, userId: string, role: OrganisationRole): Promise<void> {
      const organisation = await organisationFor(db, caller, organisationId, 'organisation.manage-users')
      const { actor } = workingContext(caller)
      await db.transaction(async (tx) => {
        const { member, lastAdmin } = await lockedMember(tx, organisation, userId)
        if (member.role === role) return
        if (lastAdmin) throw lastAdminError('role')
        await updateMembershipRole(tx, organisation.networkId, member.membershipId, role)
        await audit(tx, {
          networkId: organisation.networkId,
          actorUserId: actor.userId,
          action: 'role.changed',
          subjectType: 'user',
          subjectId: member.userId,
          details: { organisationId: organisation.id, from: member.role, to: role },
          requestId: caller.requestId,
        })
      })
    },

    async remove(caller: Caller, organisationId: string, userId: string): Promise<void> {
      const organisation = await organisationFor(db, caller, organisationId, 'organisation.manage-users')
      const { actor } = workingContext(caller)
      await db.transaction(async (tx) => {
        const { member, lastAdmin } = await lockedMember(tx, organisation, userId)
        if (lastAdmin) throw lastAdminError('confirm')
        await deleteMembership(tx, organisation.networkId, member.membershipId)
        await audit(tx, {
          networkId: organisation.networkId,
          actorUserId: actor.userId,
          action: 'membership.removed',
          subjectType: 'user',
          subjectId: member.userId,
          details: { organisationId: organisation.id, role: member.role },
          requestId: caller.requestId,
        })
        // Someone who no longer belongs anywhere is signed out everywhere; others just lose this context.
        if (!(await userHasAnyAccess(tx, member.userId))) await revokeSessionsOfUser(tx, member.userId)
      })
    },

    async revokeInvitation(caller: Caller, organisationId: string, invitationId: string): Promise<void> {
      const organisation = await organisationFor(db, caller, organisationId, 'organisation.manage-users')
      const { actor } = workingContext(caller)
      const now = deps.now()
      await db.transaction(async (tx) => {
        const invitation = await findPendingInvitation(tx, organisation.networkId, organisation.id, invitationId, now)
        if (!invitation) throw new NotFoundError()
        await revokeInvitation(tx, organisation.networkId, invitation.id, now)
        await audit(tx, {
          networkId: organisation.networkId,
          actorUserId: actor.userId,
          action: 'invitation.revoked',
          subjectType: 'invitation',
          subjectId: invitation.id,
          details: { organisationId: organisation.id },
          requestId: caller.requestId,
        })
      })
    },

    /** A person as this network knows them; they must belong to the network, and the caller may see them. */
    async person(caller: Caller, userId: string): Promise<PersonView> {
      const { actor, context } = workingContext(caller)
      const person = await findPersonInNetwork(db, context.networkId, userId)
      if (!person || (person.memberships.length === 0 && person.networkRoles.length === 0)) throw new NotFoundError()
      authorise(actor, 'network.view', { networkId: context.networkId })
      const targets = [null, ...person.memberships.map((membership) => membership.organisationId)]
      const allowed = targets.some((organisationId) => can(actor, 'user.view', { networkId: context.networkId, userId, organisationId }))
      if (!allowed) throw new ForbiddenError()
      return person
    },
  }
}

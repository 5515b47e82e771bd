import type { Executor } from '../../db/client.js'
import type { Page } from '../../platform/views/pagination.js'
import { transactionWithMail } from '../../platform/mail/mail.service.js'
import type { OrganisationRole } from '../../platform/access/actor.js'
import { authorise, can, type Action } from '../../platform/access/policy.js'
import { audit } from '../../platform/audit/audit.service.js'
import { issueInvitation } from '../../platform/auth/invitations.js'
import { DomainError, NotFoundError } from '../../platform/errors.js'
import type { ServiceDependencies } from '../../services.js'
import { workingContext, type Caller } from '../../platform/access/caller.js'
import {
  findOrganisation,
  insertOrganisation,
  listMembers,
  listOrganisations,
  listPendingInvitations,
  networkCounts,
  organisationNameTaken,
  updateOrganisation,
  type MemberRow,
  type OrganisationRow,
  type PendingInvitationRow,
} from './networks.repository.js'
import { organisationsPerPage, type NewOrganisationInput, type OrganisationDetails, type OrganisationListQuery } from './networks.schemas.js'

export interface HomeView {
  networkName: string
  /** For coordinators: the whole network at a glance. */
  network: { organisations: number; users: number; pendingInvitations: number } | null
  /** For people working in an organisation. */
  organisation: { id: string; name: string; role: OrganisationRole } | null
}

export interface OrganisationView {
  organisation: OrganisationRow
  canEdit: boolean
  /** Present for the organisation's admins and the coordinator only. */
  people: { members: MemberRow[]; invitations: PendingInvitationRow[] } | null
}

/** Loads an organisation of the caller's network and checks the action; another network's id is not found. */
export async function organisationFor(db: Executor, caller: Caller, organisationId: string, action: Action): Promise<OrganisationRow> {
  const { actor, context } = workingContext(caller)
  const organisation = await findOrganisation(db, context.networkId, organisationId)
  if (!organisation) throw new NotFoundError()
  authorise(actor, action, { networkId: organisation.networkId, organisationId: organisation.id })
  return organisation
}

export function createOrganisationsService(deps: ServiceDependencies) {
  const { db, config } = deps

  return {
    async home(caller: Caller): Promise<HomeView> {
      const { actor, context } = workingContext(caller)
      const target = { networkId: context.networkId }
      authorise(actor, 'network.view', target)
      return {
        networkName: context.networkName,
        network: can(actor, 'network.manage', target) ? await networkCounts(db, context.networkId, deps.now()) : null,
        organisation:
          context.organisationId && context.organisationName && context.organisationRole
            ? { id: context.organisationId, name: context.organisationName, role: context.organisationRole }
            : null,
      }
    },

    async list(caller: Caller, query: OrganisationListQuery): Promise<{ organisations: Page<OrganisationRow>; canCreate: boolean }> {
      const { actor, context } = workingContext(caller)
      const target = { networkId: context.networkId }
      authorise(actor, 'organisation.view', target)
      const page = query.page ?? 1
      const { rows, total } = await listOrganisations(db, context.networkId, {
        name: query.q,
        type: query.type,
        page,
        perPage: organisationsPerPage,
      })
      return { organisations: { rows, total, page, perPage: organisationsPerPage }, canCreate: can(actor, 'organisation.create', target) }
    },

    /** Checks the caller may add organisations before showing the form. */
    assertCanCreate(caller: Caller): void {
      const { actor, context } = workingContext(caller)
      authorise(actor, 'organisation.create', { networkId: context.networkId })
    },

    /** Onboarding: the organisation and the invitation of its first admin, together or not at all. */
    async create(caller: Caller, input: NewOrganisationInput): Promise<string> {
      const { actor, context } = workingContext(caller)
      authorise(actor, 'organisation.create', { networkId: context.networkId })
      return transactionWithMail(deps, async (tx) => {
        if (await organisationNameTaken(tx, context.networkId, input.organisation.name)) {
          throw new DomainError('networks:errors.organisationNameTaken', 400, 'name')
        }
        const organisation = await insertOrganisation(tx, { ...input.organisation, networkId: context.networkId })
        await audit(tx, {
          networkId: context.networkId,
          actorUserId: actor.userId,
          action: 'organisation.created',
          subjectType: 'organisation',
          subjectId: organisation.id,
          details: { type: organisation.type, statutory: organisation.statutory },
          requestId: caller.requestId,
        })
        await issueInvitation(tx, {
          networkId: context.networkId,
          networkName: context.networkName,
          organisationId: organisation.id,
          organisationName: organisation.name,
          email: input.admin.email,
          name: input.admin.name,
          role: 'organisation_admin',
          networkRole: null,
          invitedBy: { userId: actor.userId, name: actor.name },
          language: caller.language,
          baseUrl: config.BASE_URL,
          now: deps.now(),
        })
        return organisation.id
      })
    },

    async show(caller: Caller, organisationId: string): Promise<OrganisationView> {
      const organisation = await organisationFor(db, caller, organisationId, 'organisation.view')
      const { actor } = workingContext(caller)
      const target = { networkId: organisation.networkId, organisationId: organisation.id }
      const seesPeople = can(actor, 'organisation.manage-users', target)
      return {
        organisation,
        canEdit: can(actor, 'organisation.edit', target),
        people: seesPeople
          ? {
              members: await listMembers(db, organisation.networkId, organisation.id),
              invitations: await listPendingInvitations(db, organisation.networkId, organisation.id, deps.now()),
            }
          : null,
      }
    },

    async forEdit(caller: Caller, organisationId: string): Promise<OrganisationRow> {
      return organisationFor(db, caller, organisationId, 'organisation.edit')
    },

    async update(caller: Caller, organisationId: string, details: OrganisationDetails): Promise<void> {
      const organisation = await organisationFor(db, caller, organisationId, 'organisation.edit')
      const { actor } = workingContext(caller)
      await db.transaction(async (tx) => {
        if (await organisationNameTaken(tx, organisation.networkId, details.name, organisation.id)) {
          throw new DomainError('networks:errors.organisationNameTaken', 400, 'name')
        }
        await updateOrganisation(tx, organisation.networkId, organisation.id, details)
        await audit(tx, {
          networkId: organisation.networkId,
          actorUserId: actor.userId,
          action: 'organisation.updated',
          subjectType: 'organisation',
          subjectId: organisation.id,
          details: { type: details.type, statutory: details.statutory, frontDoor: details.frontDoor },
          requestId: caller.requestId,
        })
      })
    },
  }
}

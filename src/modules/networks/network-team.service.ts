import { authorise } from '../../platform/access/policy.js'
import { workingContext, type Caller } from '../../platform/access/caller.js'
import { issueInvitation } from '../../platform/auth/invitations.js'
import { DomainError } from '../../platform/errors.js'
import { transactionWithMail } from '../../platform/mail/mail.service.js'
import type { ServiceDependencies } from '../../services.js'
import {
  hasNetworkRoleOrInvitation,
  listNetworkTeam,
  listPendingNetworkInvitations,
  type NetworkTeamRow,
  type PendingNetworkInvitationRow,
} from './networks.repository.js'
import type { InviteAnalystInput } from './networks.schemas.js'

export interface NetworkTeamView {
  people: NetworkTeamRow[]
  invitations: PendingNetworkInvitationRow[]
}

/** The people who work for the network itself (coordinators, analysts), and inviting analysts. */
export function createNetworkTeamService(deps: ServiceDependencies) {
  const { db, config } = deps

  return {
    async team(caller: Caller): Promise<NetworkTeamView> {
      const { actor, context } = workingContext(caller)
      authorise(actor, 'network.manage', { networkId: context.networkId })
      return {
        people: await listNetworkTeam(db, context.networkId),
        invitations: await listPendingNetworkInvitations(db, context.networkId, deps.now()),
      }
    },

    async inviteAnalyst(caller: Caller, input: InviteAnalystInput): Promise<void> {
      const { actor, context } = workingContext(caller)
      authorise(actor, 'network.manage', { networkId: context.networkId })
      const now = deps.now()
      await transactionWithMail(deps, async (tx) => {
        if (await hasNetworkRoleOrInvitation(tx, context.networkId, input.email, now)) {
          throw new DomainError('networks:errors.alreadyInTeam', 400, 'email')
        }
        await issueInvitation(tx, {
          networkId: context.networkId,
          networkName: context.networkName,
          organisationId: null,
          organisationName: context.networkName,
          email: input.email,
          name: input.name,
          role: null,
          networkRole: 'analyst',
          invitedBy: { userId: actor.userId, name: actor.name },
          language: caller.language,
          baseUrl: config.BASE_URL,
          now,
        })
      })
    },
  }
}

import type { Executor } from '../../db/client.js'
import type { ServiceDependencies } from '../../services.js'
import { findNetwork, findNetworkBySlug, type NetworkRow } from './networks.repository.js'

export type { NetworkRow }
import { createFirstRunService } from './first-run.service.js'
import { createMembersService } from './members.service.js'
import { createOrganisationsService } from './organisations.service.js'
import { createNetworkTeamService } from './network-team.service.js'

/** Networks, organisations, memberships, onboarding and first run: one service object, built from small parts. */
export function createNetworksService(deps: ServiceDependencies) {
  return {
    firstRun: createFirstRunService(deps),
    organisations: createOrganisationsService(deps),
    members: createMembersService(deps),
    team: createNetworkTeamService(deps),
  }
}

/** A network by its public address (the ORUK API's /api/networks/{slug}); null if there is none. */
export async function networkBySlug(db: Executor, slug: string): Promise<NetworkRow | null> {
  return findNetworkBySlug(db, slug)
}

export async function networkById(db: Executor, networkId: string): Promise<NetworkRow | null> {
  return findNetwork(db, networkId)
}

export type NetworksService = ReturnType<typeof createNetworksService>

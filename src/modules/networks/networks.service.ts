import type { ServiceDependencies } from '../../services.js'
import { createFirstRunService } from './first-run.service.js'
import { createMembersService } from './members.service.js'
import { createOrganisationsService } from './organisations.service.js'

/** Networks, organisations, memberships, onboarding and first run: one service object, built from small parts. */
export function createNetworksService(deps: ServiceDependencies) {
  return {
    firstRun: createFirstRunService(deps),
    organisations: createOrganisationsService(deps),
    members: createMembersService(deps),
  }
}

export type NetworksService = ReturnType<typeof createNetworksService>

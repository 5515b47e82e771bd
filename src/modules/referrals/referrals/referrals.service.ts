import type { ServiceDependencies } from '../../../services.js'
import type { DirectorySearchService } from '../../directory/search/search.service.js'
import { createLifecycleService } from './lifecycle.service.js'
import { createRerouteService } from './reroute.service.js'
import { createSendingService } from './sending.service.js'

/** Sending, the lifecycle and re-routing: one entry for services.ts. They judge services through the directory search. */
export function createReferralsService(deps: ServiceDependencies, search: DirectorySearchService) {
  return {
    sending: createSendingService(deps, search),
    lifecycle: createLifecycleService(deps),
    reroute: createRerouteService(deps, search),
  }
}

export type ReferralsService = ReturnType<typeof createReferralsService>

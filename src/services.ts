import type { Config } from './config.js'
import type { Database, DatabaseHandle } from './db/client.js'
import type { Jobs } from './platform/jobs/jobs.js'
import { createAuthService } from './platform/auth/auth.service.js'
import { createMailService } from './platform/mail/mail.service.js'
import { createNetworksService } from './modules/networks/networks.service.js'
import { createListingsService } from './modules/directory/listings/listings.service.js'
import { createOrukService } from './modules/directory/oruk/oruk.service.js'
import { createDirectorySearchService } from './modules/directory/search/search.service.js'
import { createClientsService } from './modules/referrals/clients/clients.service.js'
import { createConsentService } from './modules/referrals/consent/consent.service.js'
import { createDocumentsService } from './modules/referrals/documents/documents.service.js'
import { createWorklistsService } from './modules/referrals/worklists/worklists.service.js'
import { createNotificationsService } from './modules/notifications/notifications.service.js'
import { createOverdueService } from './modules/referrals/sla/overdue.service.js'
import { createReferralsService } from './modules/referrals/referrals/referrals.service.js'

/** What every service is built from. Plain functions, no container. */
export interface ServiceDependencies {
  db: Database
  database: DatabaseHandle
  config: Config
  jobs?: Jobs
  now: () => Date
}

export type Services = ReturnType<typeof createServices>

export function createServices(deps: ServiceDependencies) {
  return {
    deps,
    auth: createAuthService(deps),
    mail: createMailService(deps),
    networks: createNetworksService(deps),
    listings: createListingsService(deps),
    oruk: createOrukService(deps),
    directorySearch: createDirectorySearchService(deps),
    clients: createClientsService(deps),
    consent: createConsentService(deps),
    documents: createDocumentsService(deps),
    worklists: createWorklistsService(deps),
    notifications: createNotificationsService(deps),
    referralOverdue: createOverdueService(deps),
    referrals: createReferralsService(deps, createDirectorySearchService(deps)),
  }
}

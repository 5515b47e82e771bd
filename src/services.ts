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
import { createFinderService } from './modules/front-door/finder/finder.service.js'
import { createAskService } from './modules/front-door/ask/ask.service.js'
import { createTriageService } from './modules/front-door/triage/triage.service.js'
import { createExportsService } from './modules/intelligence/exports/exports.service.js'
import { dashboardTables } from './modules/intelligence/exports/hub-tables-source.js'
import { createDashboardService } from './modules/intelligence/dashboard/dashboard.service.js'

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
  // One dashboard: its pages and the exports of their tables share its cache.
  const hubDashboard = createDashboardService(deps)
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
    frontDoorFinder: createFinderService(deps, createDirectorySearchService(deps), createOrukService(deps)),
    frontDoorAsk: createAskService(deps),
    frontDoorTriage: createTriageService(deps),
    hubExports: createExportsService(deps, dashboardTables(hubDashboard)),
    hubDashboard,
  }
}

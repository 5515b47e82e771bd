import type { DashboardService } from '../dashboard/dashboard.service.js'
import type { HubTablesSource } from './exports.service.js'

/** The dashboard's own tables for a query, so an export holds exactly what its page showed. */
export function dashboardTables(dashboard: DashboardService): HubTablesSource {
  return {
    network: (caller, query) => dashboard.networkTables(caller, query),
    organisation: (caller, query) => dashboard.organisationTables(caller, query),
  }
}

import type { JobDefinition } from './platform/jobs/jobs.js'
import type { Services } from './services.js'
import { housekeepingJobs } from './platform/jobs/housekeeping.jobs.js'
import { mailJobs } from './platform/mail/mail.jobs.js'
import { freshnessJobs } from './modules/directory/listings/freshness.jobs.js'
import { notificationsJobs } from './modules/notifications/notifications.jobs.js'
import { overdueJobs } from './modules/referrals/sla/overdue.jobs.js'
import { dashboardJobs } from './modules/intelligence/dashboard/dashboard.jobs.js'
import { frontDoorJobs } from './modules/front-door/ask/ask.jobs.js'

/** Every background job, in one list. */
export function jobDefinitions(services: Services): JobDefinition[] {
  return [...mailJobs(services), ...housekeepingJobs(services), ...freshnessJobs(services), ...notificationsJobs(services), ...overdueJobs(services), ...dashboardJobs(services), ...frontDoorJobs(services)]
}

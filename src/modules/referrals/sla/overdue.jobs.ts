import type { JobDefinition } from '../../../platform/jobs/jobs.js'
import type { Services } from '../../../services.js'

export const overdueJobName = 'referrals.overdue-summaries'

/** Every morning at 08:00 (Europe/London): each receiving organisation and the coordinators hear which referrals are overdue. */
export function overdueJobs(services: Services): JobDefinition[] {
  return [
    {
      name: overdueJobName,
      policy: 'short',
      retryLimit: 3,
      retryDelaySeconds: 300,
      schedule: '0 8 * * *',
      async handle() {
        await services.referralOverdue.sendOverdueSummaries()
      },
    },
  ]
}

import type { JobDefinition } from '../../../platform/jobs/jobs.js'
import type { Services } from '../../../services.js'

export const hubRefreshJobName = 'intelligence.refresh-facts'

/** Every 10 minutes: the hub's roll-up takes in referrals sent or changed since (decision 0012). */
export function dashboardJobs(services: Services): JobDefinition[] {
  return [
    {
      name: hubRefreshJobName,
      policy: 'short',
      retryLimit: 2,
      retryDelaySeconds: 60,
      expireInSeconds: 30 * 60,
      schedule: '*/10 * * * *',
      async handle() {
        await services.hubDashboard.refreshAll()
      },
    },
  ]
}

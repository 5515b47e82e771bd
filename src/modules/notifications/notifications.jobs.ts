import type { JobDefinition } from '../../platform/jobs/jobs.js'
import type { Services } from '../../services.js'

export const dailyDigestJobName = 'notifications.daily-digest'

/** Every morning at 07:00 (Europe/London): one email for each person who chose the daily digest. */
export function notificationsJobs(services: Services): JobDefinition[] {
  return [
    {
      name: dailyDigestJobName,
      policy: 'short',
      retryLimit: 3,
      retryDelaySeconds: 300,
      schedule: '0 7 * * *',
      async handle() {
        await services.notifications.sendDailyDigests()
      },
    },
  ]
}

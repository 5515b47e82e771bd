import type { JobDefinition } from '../../../platform/jobs/jobs.js'
import type { Services } from '../../../services.js'

export const freshnessJobName = 'directory.listing-review-reminders'

/**
 * Every morning (Europe/London): reminds organisation admins of listings not reviewed for 6 months. Safe to run
 * twice or to miss a day: a listing is reminded once per review, and a missed day is caught up the next.
 */
export function freshnessJobs(services: Services): JobDefinition[] {
  return [
    {
      name: freshnessJobName,
      policy: 'short',
      retryLimit: 3,
      retryDelaySeconds: 300,
      schedule: '15 7 * * *',
      async handle() {
        await services.listings.sendReviewReminders()
      },
    },
  ]
}

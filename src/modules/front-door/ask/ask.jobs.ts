import type { JobDefinition } from '../../../platform/jobs/jobs.js'
import type { Services } from '../../../services.js'

/** Unfinished drafts are deleted within the hour after they expire (24 hours after their last answer). */
export function frontDoorJobs(services: Services): JobDefinition[] {
  return [
    {
      name: 'front-door.expired-drafts',
      policy: 'short',
      retryLimit: 2,
      schedule: '23 * * * *',
      async handle() {
        await services.frontDoorAsk.deleteExpiredDrafts()
      },
    },
  ]
}

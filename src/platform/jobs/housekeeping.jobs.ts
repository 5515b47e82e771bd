import type { JobDefinition } from './jobs.js'
import type { Services } from '../../services.js'
import { deleteExpiredSessions } from '../http/sessions.repository.js'

/** Tidying that keeps the database small; safe to run twice or to miss a run. */
export function housekeepingJobs(services: Services): JobDefinition[] {
  return [
    {
      name: 'housekeeping.expired-sessions',
      policy: 'short',
      retryLimit: 2,
      schedule: '17 * * * *',
      async handle() {
        await deleteExpiredSessions(services.deps.db, services.deps.now())
      },
    },
  ]
}

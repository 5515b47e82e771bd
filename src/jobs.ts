import type { JobDefinition } from './platform/jobs/jobs.js'
import type { Services } from './services.js'
import { mailJobs } from './platform/mail/mail.jobs.js'

/** Every background job, in one list. */
export function jobDefinitions(services: Services): JobDefinition[] {
  return [...mailJobs(services)]
}

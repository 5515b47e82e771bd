import type { JobDefinition } from './platform/jobs/jobs.js'
import type { Services } from './services.js'

/** Every background job, in one list. */
export function jobDefinitions(_services: Services): JobDefinition[] {
  return []
}

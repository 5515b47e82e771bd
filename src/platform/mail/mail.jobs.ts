import type { JobDefinition } from '../jobs/jobs.js'
import type { Services } from '../../services.js'

export function mailJobs(_services: Services): JobDefinition[] {
  return []
}

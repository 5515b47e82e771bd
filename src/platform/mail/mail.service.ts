import type { ServiceDependencies } from '../../services.js'

export function createMailService(_deps: ServiceDependencies) {
  return {}
}

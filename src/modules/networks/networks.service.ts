import type { ServiceDependencies } from '../../services.js'

export function createNetworksService(_deps: ServiceDependencies) {
  return {}
}

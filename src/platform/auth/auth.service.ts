import type { ServiceDependencies } from '../../services.js'

export function createAuthService(_deps: ServiceDependencies) {
  return {}
}

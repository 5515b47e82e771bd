import type { FastifyPluginAsync } from 'fastify'
import type { AppDependencies } from '../../app.js'
import type { Services } from '../../services.js'

export function mailRoutes(_services: Services, _deps: AppDependencies): FastifyPluginAsync {
  return async () => {}
}

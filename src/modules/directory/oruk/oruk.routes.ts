import type { FastifyPluginAsync } from 'fastify'
import type { AppDependencies } from '../../../app.js'
import type { Services } from '../../../services.js'
import { orukApi } from './oruk.api.js'
import { orukFilesRoutes } from './oruk-files.routes.js'

/** The Open Referral UK API (public, JSON) and the coordinator's import and export pages. */
export function orukRoutes(services: Services, _deps: AppDependencies): FastifyPluginAsync {
  return async (app) => {
    await app.register(async (api) => orukApi(api, services), { prefix: '/api/networks/:slug/oruk' })
    await app.register(async (pages) => orukFilesRoutes(pages, services))
  }
}

import type { FastifyPluginAsync } from 'fastify'
import type { AppDependencies } from '../../app.js'
import type { Services } from '../../services.js'
import { pingDatabase } from './health.repository.js'

/** Health check and the static pages every visitor can read. */
export function pagesRoutes(_services: Services, deps: AppDependencies): FastifyPluginAsync {
  return async (app) => {
    app.get('/healthz', async (_request, reply) => {
      await pingDatabase(deps.database.db)
      return reply.header('Cache-Control', 'no-store').send({ status: 'ok' })
    })
    app.get('/accessibility', async (request, reply) =>
      reply.page('pages/views/accessibility.njk', { title: request.t('common:pages.accessibilityTitle') }),
    )
    app.get('/privacy', async (request, reply) =>
      reply.page('pages/views/privacy.njk', { title: request.t('common:pages.privacyTitle') }),
    )
  }
}

import type { FastifyPluginAsync } from 'fastify'
import type { AppDependencies } from '../../../app.js'
import { signedIn } from '../../../platform/http/request-context.js'
import { callerOf, errorsView } from '../../../platform/http/route-support.js'
import type { Services } from '../../../services.js'
import { presentExtractLinks } from '../exports/extract-links.presenter.js'
import { presentHubPage } from './dashboard.presenter.js'

/** The intelligence hub: the network dashboard, an organisation's own view and its printable impact report. */
export function dashboardRoutes(services: Services, _deps: AppDependencies): FastifyPluginAsync {
  const { hubDashboard } = services
  return async (app) => {
    const guarded = { preHandler: signedIn }

    app.get('/hub', guarded, async (request, reply) => {
      const page = await hubDashboard.network(callerOf(request), request.query)
      return reply.page('intelligence/dashboard/views/dashboard.njk', {
        title: request.t('intelligence:network.title'),
        errors: errorsView(request, page.errors),
        ...(await presentHubPage(request.t, request.lang, page, '/hub')),
        extract: presentExtractLinks(request.actor, request.lang, { from: page.filters.from, to: page.filters.to }),
      })
    })

    app.get('/hub/organisation', guarded, async (request, reply) => {
      const page = await hubDashboard.organisation(callerOf(request), request.query)
      return reply.page('intelligence/dashboard/views/dashboard.njk', {
        title: request.t('intelligence:organisation.title', { organisation: page.organisationName }),
        errors: errorsView(request, page.errors),
        ...(await presentHubPage(request.t, request.lang, page, '/hub/organisation')),
      })
    })

    app.get('/hub/impact', guarded, async (request, reply) => {
      const page = await hubDashboard.organisation(callerOf(request), request.query)
      return reply.page('intelligence/dashboard/views/impact.njk', {
        title: request.t('intelligence:impact.title', { organisation: page.organisationName }),
        errors: errorsView(request, page.errors),
        ...(await presentHubPage(request.t, request.lang, page, '/hub/impact')),
      })
    })
  }
}

import type { FastifyPluginAsync } from 'fastify'
import type { AppDependencies } from '../../../app.js'
import { signedIn } from '../../../platform/http/request-context.js'
import { callerOf, idFrom } from '../../../platform/http/route-support.js'
import type { Services } from '../../../services.js'
import {
  countText,
  networkFilters,
  networkPagination,
  networkReferralPage,
  networkTable,
  referralsTableHtml,
  worklistFilters,
  worklistPagination,
  worklistTable,
  worklistTabs,
} from './worklists.presenter.js'
import { networkQuerySchema, worklistQuerySchema } from './worklists.schemas.js'
import type { Side } from './worklists.service.js'

/** Incoming and outgoing work lists for an organisation, and the coordinator's metadata-only view of the network. */
export function worklistsRoutes(services: Services, _deps: AppDependencies): FastifyPluginAsync {
  const { worklists } = services
  return async (app) => {
    const guarded = { preHandler: signedIn }

    for (const side of ['incoming', 'outgoing'] as Side[]) {
      app.get(`/referrals/${side}`, guarded, async (request, reply) => {
        const query = worklistQuerySchema.parse(request.query ?? {})
        const page = await worklists.list(callerOf(request), side, query)
        const title = request.t(`worklists:${side}.title`)
        return reply.page('referrals/worklists/views/list.njk', {
          title,
          page,
          tabs: worklistTabs(request.t, page),
          filters: worklistFilters(request.t, request.lang, page),
          tableHtml: referralsTableHtml(title, worklistTable(request.t, request.lang, page)),
          countText: countText(request.t, page),
          pagination: worklistPagination(request.t, page),
        })
      })
    }

    app.get('/network/referrals', guarded, async (request, reply) => {
      const query = networkQuerySchema.parse(request.query ?? {})
      const page = await worklists.network(callerOf(request), query)
      const title = request.t('worklists:network.title')
      return reply.page('referrals/worklists/views/network.njk', {
        title,
        page,
        filters: networkFilters(request.t, page),
        tableHtml: referralsTableHtml(title, networkTable(request.t, request.lang, page)),
        countText: countText(request.t, page),
        pagination: networkPagination(request.t, page),
      })
    })

    app.get('/network/referrals/:id', guarded, async (request, reply) => {
      const view = await worklists.networkReferral(callerOf(request), idFrom(request, 'id'))
      return reply.page('referrals/worklists/views/network-referral.njk', {
        title: request.t('worklists:networkReferral.title', { reference: view.referral.reference }),
        backLink: '/network/referrals',
        ...networkReferralPage(request.t, request.lang, view),
      })
    })
  }
}

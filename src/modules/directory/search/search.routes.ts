import type { FastifyInstance, FastifyPluginAsync } from 'fastify'
import type { AppDependencies } from '../../../app.js'
import { parseForm, presentErrors, type FieldError } from '../../../platform/forms/forms.js'
import { signedIn } from '../../../platform/http/request-context.js'
import type { Services } from '../../../services.js'
import { callerOf } from '../../../platform/http/route-support.js'
import { filterItems, presentOutcome } from './search.presenter.js'
import { hasSearch, searchQuerySchema } from './search.schemas.js'

/**
 * GET /search: the referrer's directory search. Everything is in the query string, so a search can be
 * bookmarked or shared and works without JavaScript.
 */
export function searchRoutes(services: Services, _deps: AppDependencies): FastifyPluginAsync {
  return async (app: FastifyInstance) => {
    const { directorySearch } = services
    app.get('/search', { preHandler: signedIn }, async (request, reply) => {
      const caller = callerOf(request)
      const values = (request.query ?? {}) as Record<string, unknown>
      const page = (data: Record<string, unknown>, errors: FieldError[] = [], status = 200) => {
        const { terms } = data as { terms: Parameters<typeof filterItems>[0] }
        return reply.page(
          'directory/search/views/search.njk',
          { title: request.t('search:title'), filters: filterItems(terms, values, request.t, request.lang), errors: presentErrors(errors, request.t), ...data },
          status,
        )
      }
      if (!hasSearch(values)) return page(await directorySearch.form(caller))
      const parsed = parseForm(searchQuerySchema, values)
      if (!parsed.ok) return page(await directorySearch.form(caller), parsed.errors, 400)
      const outcome = await directorySearch.search(caller, parsed.value)
      const showAll = values.all === '1'
      const results = presentOutcome(outcome, request.t, request.lang, { showAll })
      const showAllHref = `${request.url.split('#')[0]}${request.url.includes('?') ? '&' : '?'}all=1#results`
      // The search ran; an unknown postcode is still the user's to correct, so it is shown as a field message.
      const errors = results.postcodeUnknown ? [{ field: 'postcode', message: 'search:errors.postcodeUnknown' }] : []
      return page({ terms: outcome.terms, results, showAllHref }, errors)
    })
  }
}

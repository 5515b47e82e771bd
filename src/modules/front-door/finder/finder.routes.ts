import type { FastifyInstance } from 'fastify'
import { parseForm, presentErrors, type FieldError } from '../../../platform/forms/forms.js'
import { translator } from '../../../platform/i18n/i18n.js'
import type { Services } from '../../../services.js'
import { languageFrom, publicPage, publicTranslator } from '../public/public-pages.js'
import { issueItems, presentOutcome } from './finder.presenter.js'
import { finderQuerySchema, hasSearch, toSearchQuery } from './finder.schemas.js'

/**
 * GET /help/:slug/:lang/services: the public service finder. No sign-in; everything in the query string, so a
 * search can be shared and the page cached briefly; nothing is written.
 */
export function finderRoutes(app: FastifyInstance, services: Services): void {
  const { frontDoorFinder } = services
  app.get('/help/:slug/:lang/services', async (request, reply) => {
    const language = languageFrom(request)
    const t = publicTranslator(language)
    const network = await frontDoorFinder.network((request.params as { slug: string }).slug)
    const values = (request.query ?? {}) as Record<string, unknown>
    const terms = await frontDoorFinder.terms(network.id)
    const render = (data: Record<string, unknown>, errors: FieldError[] = [], status = 200) =>
      publicPage(
        reply,
        'front-door/finder/views/finder.njk',
        { language, network },
        {
          title: t('finder.title'),
          values,
          issues: issueItems(terms, Array.isArray(values.issue) ? (values.issue as string[]) : typeof values.issue === 'string' ? [values.issue] : [], language, t),
          errors: presentErrors(errors, translator(language)),
          backLink: `/help/${network.slug}/${language}`,
          ...data,
        },
        { status, cache: 'public' },
      )
    if (!hasSearch(values)) return render({})
    const parsed = parseForm(finderQuerySchema, values)
    if (!parsed.ok) return render({}, parsed.errors, 400)
    const outcome = await frontDoorFinder.find(network, toSearchQuery(parsed.value, language))
    const errors = outcome.postcodeUnknown ? [{ field: 'postcode', message: 'front-door-public:errors.postcodeUnknown' }] : []
    return render({ searched: true, outcome: presentOutcome(outcome, language, t) }, errors)
  })
}

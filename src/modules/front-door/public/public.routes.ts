import type { FastifyError, FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import type { AppDependencies } from '../../../app.js'
import { DomainError } from '../../../platform/errors.js'
import { isPublicLanguage, publicLanguages, type PublicLanguage } from '../../../platform/i18n/i18n.js'
import type { Services } from '../../../services.js'
import { askRoutes } from '../ask/ask.routes.js'
import { finderRoutes } from '../finder/finder.routes.js'
import { languageFrom, languageNames, publicPage, publicTranslator, registerPublicAssets } from './public-pages.js'

/**
 * The residents' front door, no sign-in: /help/:slug (choose a language), /help/:slug/:lang (what do you want to do),
 * the finder (/services) and asking for help (/ask/...). One plugin, so its hooks (gzip) and its error pages (in the
 * page's language) apply to these pages only.
 */
export function frontDoorPublicRoutes(services: Services, deps: AppDependencies): FastifyPluginAsync {
  return async (app: FastifyInstance) => {
    await registerPublicAssets(app)
    app.setErrorHandler(async (error: FastifyError, request, reply) => publicErrorPage(services, error, request, reply))

    app.get('/help/:slug', async (request, reply) => {
      const network = await services.frontDoorFinder.network((request.params as { slug: string }).slug)
      const choices = publicLanguages.map((language) => ({
        language,
        name: languageNames[language],
        prompt: publicTranslator(language)('language.choose'),
        href: `/help/${network.slug}/${language}`,
      }))
      return publicPage(reply, 'front-door/public/views/choose-language.njk', { language: 'en', network }, { title: publicTranslator('en')('language.choose'), choices, showLanguages: false }, { cache: 'public' })
    })

    app.get('/help/:slug/:lang', async (request, reply) => {
      const language = languageFrom(request)
      const network = await services.frontDoorFinder.network((request.params as { slug: string }).slug)
      const t = publicTranslator(language)
      return publicPage(reply, 'front-door/public/views/home.njk', { language, network }, { title: t('home.title', { network: network.name }), backLink: `/help/${network.slug}` }, { cache: 'public' })
    })

    finderRoutes(app, services)
    askRoutes(app, services, deps)
  }
}

/** Errors on these pages are told in the page's language; anything else goes to the app's own handler. */
async function publicErrorPage(services: Services, error: FastifyError, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const params = (request.params ?? {}) as Record<string, unknown>
  const language: PublicLanguage = isPublicLanguage(params.lang) ? params.lang : 'en'
  const kind =
    error.statusCode === 429
      ? 'tooMany'
      : error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET'
        ? 'expired'
        : error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
          ? 'tooLarge'
          : error instanceof DomainError && error.statusCode === 404
            ? 'notFound'
            : null
  if (!kind || typeof params.slug !== 'string') throw error
  const network = await services.frontDoorFinder.network(params.slug).catch(() => null)
  if (!network) throw error
  const t = publicTranslator(language)
  const status = kind === 'tooMany' ? 429 : kind === 'expired' ? 403 : kind === 'tooLarge' ? 413 : 404
  return publicPage(
    reply,
    'front-door/public/views/problem.njk',
    { language, network },
    { title: t(`problems.${kind}.title`), body: t(`problems.${kind}.body`), startAgain: `/help/${network.slug}/${language}` },
    { status },
  )
}

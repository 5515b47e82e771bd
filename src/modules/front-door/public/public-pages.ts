import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import fastifyCompress from '@fastify/compress'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { NotFoundError } from '../../../platform/errors.js'
import { isPublicLanguage, publicLanguages, translator, type PublicLanguage } from '../../../platform/i18n/i18n.js'

/**
 * What every resident's page shares: the language from the address (kept on every link, so it needs no cookie and
 * no JavaScript), right-to-left for Arabic, a lean stylesheet and compressed responses, so a page stays light on a
 * slow phone (decision 0015).
 */

/** Each language in its own words, for the language links. */
export const languageNames: Record<PublicLanguage, string> = { en: 'English', cy: 'Cymraeg', bn: 'বাংলা', pl: 'Polski', ar: 'العربية' }

export const directionOf = (language: PublicLanguage): 'rtl' | 'ltr' => (language === 'ar' ? 'rtl' : 'ltr')

export type PublicTranslate = (key: string, options?: Record<string, unknown>) => string

/** Looks up a string of the residents' pages (namespace front-door-public). */
export function publicTranslator(language: PublicLanguage): PublicTranslate {
  const t = translator(language) as unknown as (key: string, options?: Record<string, unknown>) => string
  return (key, options) => (options ? t(`front-door-public:${key}`, options) : t(`front-door-public:${key}`))
}

/** The language segment of the address; any other value is not a page. */
export function languageFrom(request: FastifyRequest): PublicLanguage {
  const value = (request.params as Record<string, unknown>).lang
  if (!isPublicLanguage(value)) throw new NotFoundError()
  return value
}

/** The same page in every language: the language segment swapped. */
export function languageLinks(url: string, current: PublicLanguage): { language: PublicLanguage; name: string; href: string; current: boolean }[] {
  const [pathname, search = ''] = url.split('?')
  const parts = pathname.split('/')
  const query = search ? `?${search}` : ''
  return publicLanguages.map((language) => {
    const swapped = [...parts]
    swapped[3] = language
    return { language, name: languageNames[language], href: swapped.join('/') + query, current: language === current }
  })
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..')

interface Stylesheet {
  href: string
  css: Buffer
}

let stylesheet: Stylesheet | undefined

/** public/build/public.css (built with the other assets), named by its content so browsers may keep it for a year. */
function loadStylesheet(): Stylesheet {
  if (stylesheet) return stylesheet
  const plain = readFileSync(path.join(root, 'public', 'build', 'public.css'))
  const version = createHash('sha256').update(plain).digest('hex').slice(0, 12)
  stylesheet = { href: `/help-assets/public.css?v=${version}`, css: plain }
  return stylesheet
}

/** The stylesheet route, and gzip (@fastify/compress) for every page and asset of the plugin it is called in. */
export async function registerPublicAssets(app: FastifyInstance): Promise<void> {
  await app.register(fastifyCompress, { encodings: ['gzip'] })
  app.get('/help-assets/public.css', async (_request, reply) => {
    reply.header('Content-Type', 'text/css; charset=utf-8').header('Cache-Control', 'public, max-age=31536000, immutable')
    return reply.send(loadStylesheet().css)
  })
}

export interface PublicNetwork {
  slug: string
  name: string
}

export interface PublicPageOptions {
  status?: number
  /** Pages with no personal data may be kept by browsers and caches for a while; the rest never. */
  cache?: 'public' | 'none'
  /** A form page: it needs the CSRF token (which sets a cookie, so it is never cached). */
  form?: boolean
}

/** Renders a resident's page in its language, with what the public layout needs. */
export async function publicPage(
  reply: FastifyReply,
  template: string,
  context: { language: PublicLanguage; network: PublicNetwork },
  data: Record<string, unknown>,
  options: PublicPageOptions = {},
): Promise<FastifyReply> {
  const { language, network } = context
  const csrfToken = options.form && typeof reply.generateCsrf === 'function' ? reply.generateCsrf() : ''
  reply.code(options.status ?? 200)
  reply.header('Cache-Control', options.cache === 'public' && !options.form ? 'public, max-age=300' : 'no-store')
  return reply.view(template, {
    t: publicTranslator(language),
    lang: language,
    dir: directionOf(language),
    network,
    home: `/help/${network.slug}/${language}`,
    stylesheet: loadStylesheet().href,
    languageLinks: languageLinks(reply.request.url, language),
    csrfToken,
    ...data,
  })
}

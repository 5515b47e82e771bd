import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Database } from '../../db/client.js'
import { actorFrom, loadActor, requiresSecondFactor, type Actor } from '../access/actor.js'
import type { DatabaseSessionStore } from './session-store.js'
import { defaultLanguage, isLanguage, translator, type Language, type Translate } from '../i18n/i18n.js'

declare module 'fastify' {
  interface FastifyRequest {
    lang: Language
    t: Translate
    actor: Actor | null
  }
}

const languageCookie = 'lang'

/** Language from ?lang= (remembered in a cookie, then back to the same page), else the cookie, else English. */
export function registerLanguage(app: FastifyInstance, secureCookies: boolean): void {
  app.decorateRequest('lang', defaultLanguage)
  app.decorateRequest('t', null as unknown as Translate)
  app.addHook('onRequest', async (request, reply) => {
    const query = request.query as Record<string, unknown> | undefined
    if (request.method === 'GET' && query && isLanguage(query.lang)) {
      reply.setCookie(languageCookie, query.lang, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: secureCookies,
        maxAge: 365 * 24 * 3600,
      })
      return reply.redirect(withoutLanguage(request.url), 303)
    }
    const chosen = request.cookies[languageCookie]
    request.lang = isLanguage(chosen) ? chosen : defaultLanguage
    request.t = translator(request.lang)
  })
}

export function withoutLanguage(url: string): string {
  const parsed = new URL(url, 'http://x')
  parsed.searchParams.delete('lang')
  return parsed.pathname + parsed.search
}

/** Links for the language switch that keep you on the page you are reading. */
export function languageLinks(url: string, current: Language) {
  const parsed = new URL(url, 'http://x')
  return (['en', 'cy'] as const).map((language) => {
    parsed.searchParams.set('lang', language)
    return {
      text: language === 'en' ? 'English' : 'Cymraeg',
      lang: language,
      href: parsed.pathname + parsed.search,
      current: language === current,
    }
  })
}

/**
 * Loads who is signed in, and where they are working, once per request: usually read with the session already
 * (one query for both), else on its own.
 */
export function registerActor(app: FastifyInstance, db: Database, sessions?: Pick<DatabaseSessionStore, 'takeActor'>): void {
  app.decorateRequest('actor', null)
  app.addHook('preHandler', async (request) => {
    const userId = request.session?.userId
    if (!userId) return
    const read = sessions?.takeActor(request.session.sessionId, userId)
    request.actor = read ? actorFrom(read, request.session.context) : await loadActor(db, userId, request.session.context)
    if (!request.actor) {
      await request.session.destroy()
    }
  })
}

/** Pages a user who must set up two-factor authentication may still reach. */
const enrolmentPaths = ['/account/two-factor', '/sign-out']

/** For every page that needs a signed-in user. */
export async function signedIn(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const actor = request.actor
  if (!actor) {
    const next = encodeURIComponent(request.url)
    return reply.redirect(`/sign-in?next=${next}`, 303)
  }
  if (requiresSecondFactor(actor) && !actor.totpEnabled && !enrolmentPaths.some((p) => request.url.startsWith(p))) {
    return reply.redirect('/account/two-factor', 303)
  }
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { AppDependencies } from '../../../app.js'
import { parseForm, presentErrors, type FieldError } from '../../../platform/forms/forms.js'
import { translator, type PublicLanguage } from '../../../platform/i18n/i18n.js'
import type { Services } from '../../../services.js'
import type { NetworkRow } from '../../networks/networks.service.js'
import { languageFrom, publicPage, publicTranslator } from '../public/public-pages.js'
import { checkRows, formValues, questionView } from './ask.presenter.js'
import { consentQuestion, questionPages, questionSchema, type QuestionSlug } from './ask.schemas.js'
import { newReference } from './ask.service.js'

/** The draft's token lives in this cookie, scoped to the network's /help pages (decision 0015). */
const draftCookie = 'nwd.help'
/** Per client address. Shared addresses (a library, a hostel) still get several requests an hour through. */
export const submitRateLimit = { max: 10, timeWindow: 60 * 60_000 }
export const startRateLimit = { max: 30, timeWindow: 10 * 60_000 }
/** Every field is limited by its schema; the whole form by this. */
const bodyLimit = 32 * 1024

const slugs = questionPages.map((page) => page.slug) as readonly string[]
const isQuestion = (value: unknown): value is QuestionSlug => typeof value === 'string' && slugs.includes(value)
const referencePattern = /^H-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{6}$/

export function askRoutes(app: FastifyInstance, services: Services, deps: AppDependencies): void {
  const { frontDoorAsk: ask } = services
  const secure = deps.config.SECURE_COOKIES

  async function context(request: FastifyRequest): Promise<{ language: PublicLanguage; network: NetworkRow; base: string; token: string | undefined }> {
    const language = languageFrom(request)
    const network = await ask.network((request.params as { slug: string }).slug)
    return { language, network, base: `/help/${network.slug}/${language}/ask`, token: request.cookies[draftCookie] }
  }

  const rateLimited = (limit: { max: number; timeWindow: number }) => ({ rateLimit: { ...limit, keyGenerator: (request: FastifyRequest) => request.ip } })

  app.get('/help/:slug/:lang/ask', async (request, reply) => {
    const { language, network } = await context(request)
    const t = publicTranslator(language)
    return publicPage(reply, 'front-door/ask/views/start.njk', { language, network }, { title: t('ask.start.title'), backLink: `/help/${network.slug}/${language}` }, { form: true })
  })

  app.post('/help/:slug/:lang/ask', { bodyLimit, config: rateLimited(startRateLimit) }, async (request, reply) => {
    const { language, network, base } = await context(request)
    const token = await ask.startDraft(network.id, language)
    reply.setCookie(draftCookie, token, { path: `/help/${network.slug}`, httpOnly: true, sameSite: 'lax', secure, maxAge: 24 * 3600 })
    return reply.redirect(`${base}/${questionPages[0].slug}`, 303)
  })

  app.get('/help/:slug/:lang/ask/check', async (request, reply) => {
    const { language, network, base, token } = await context(request)
    const answers = await ask.draftAnswers(network.id, token)
    if (!answers) return reply.redirect(base, 303)
    const t = publicTranslator(language)
    const { terms } = await ask.choices(network.id)
    return publicPage(
      reply,
      'front-door/ask/views/check.njk',
      { language, network },
      { title: t('ask.check.title'), rows: checkRows(answers, terms, base, language, t), backLink: `${base}/${questionPages[questionPages.length - 1].slug}`, continueHref: `${base}/consent` },
    )
  })

  const consentPage = async (reply: FastifyReply, request: FastifyRequest, errors: FieldError[] = [], status = 200) => {
    const { language, network, base } = await context(request)
    const t = publicTranslator(language)
    const { frontDoorOrganisations } = await ask.choices(network.id)
    return publicPage(
      reply,
      'front-door/ask/views/consent.njk',
      { language, network },
      { title: t('ask.consent.title'), organisations: frontDoorOrganisations.map((organisation) => organisation.name), backLink: `${base}/check`, errors: presentErrors(errors, translator(language)) },
      { form: true, status },
    )
  }

  app.get('/help/:slug/:lang/ask/consent', async (request, reply) => {
    const { network, base, token } = await context(request)
    if (!(await ask.draftAnswers(network.id, token))) return reply.redirect(base, 303)
    return consentPage(reply, request)
  })

  app.post('/help/:slug/:lang/ask/consent', { bodyLimit, config: rateLimited(submitRateLimit) }, async (request, reply) => {
    const { language, network, base, token } = await context(request)
    const body = (request.body ?? {}) as Record<string, unknown>
    // The honeypot: people never see this field, robots fill it. Nothing is recorded; the robot is told "sent".
    if (typeof body.website === 'string' && body.website.trim() !== '') {
      request.log.info('front door: honeypot field filled, request dropped')
      await ask.discardDraft(network.id, token)
      return sentPage(reply, language, network, newReference())
    }
    const parsed = parseForm(consentQuestion, body)
    if (!parsed.ok) {
      if (!(await ask.draftAnswers(network.id, token))) return reply.redirect(base, 303)
      return consentPage(reply, request, parsed.errors, 400)
    }
    const outcome = await ask.submitDraft(network.id, token, language)
    if (outcome.status === 'no-draft') return reply.redirect(base, 303)
    if (outcome.status === 'incomplete') return reply.redirect(`${base}/${outcome.question}`, 303)
    reply.clearCookie(draftCookie, { path: `/help/${network.slug}` })
    return reply.redirect(`${base}/sent/${outcome.reference}`, 303)
  })

  const sentPage = (reply: FastifyReply, language: PublicLanguage, network: NetworkRow, reference: string) => {
    const t = publicTranslator(language)
    return publicPage(reply, 'front-door/ask/views/sent.njk', { language, network }, { title: t('ask.sent.title'), reference })
  }

  app.get('/help/:slug/:lang/ask/sent/:reference', async (request, reply) => {
    const { language, network, base } = await context(request)
    const reference = (request.params as { reference: string }).reference
    if (!referencePattern.test(reference)) return reply.redirect(base, 303)
    return sentPage(reply, language, network, reference)
  })

  const questionPage = async (request: FastifyRequest, reply: FastifyReply, slug: QuestionSlug, values: Record<string, unknown>, errors: FieldError[] = [], status = 200) => {
    const { language, network, base } = await context(request)
    const t = publicTranslator(language)
    const index = questionPages.findIndex((page) => page.slug === slug)
    const changing = values.change === '1'
    const { terms } = await ask.choices(network.id)
    const view = questionView(slug, { values, terms, language, t, contactMethod: values.contactMethodChosen as string | undefined })
    return publicPage(
      reply,
      'front-door/ask/views/question.njk',
      { language, network },
      {
        ...view,
        slug,
        values,
        changing,
        step: t('ask.step', { number: index + 1, total: questionPages.length }),
        backLink: changing ? `${base}/check` : index === 0 ? base : `${base}/${questionPages[index - 1].slug}`,
        errors: presentErrors(errors, translator(language)),
      },
      { form: true, status },
    )
  }

  app.get('/help/:slug/:lang/ask/:question', async (request, reply) => {
    const slug = (request.params as { question: string }).question
    const { network, base, token, language } = await context(request)
    if (!isQuestion(slug)) return reply.redirect(base, 303)
    const answers = await ask.draftAnswers(network.id, token)
    if (!answers) return reply.redirect(base, 303)
    const query = (request.query ?? {}) as Record<string, unknown>
    return questionPage(request, reply, slug, { ...formValues(answers, language), change: query.change === '1' ? '1' : undefined })
  })

  app.post('/help/:slug/:lang/ask/:question', { bodyLimit }, async (request, reply) => {
    const slug = (request.params as { question: string }).question
    const { network, base, token, language } = await context(request)
    if (!isQuestion(slug)) return reply.redirect(base, 303)
    const answers = await ask.draftAnswers(network.id, token)
    if (!answers) return reply.redirect(base, 303)
    const body = (request.body ?? {}) as Record<string, unknown>
    const changing = body.change === '1'
    const parsed = parseForm(questionSchema(slug, answers), body)
    if (!parsed.ok) {
      return questionPage(request, reply, slug, { ...body, contactMethodChosen: answers.contactMethod, change: changing ? '1' : undefined }, parsed.errors, 400)
    }
    if (!(await ask.saveAnswers(network.id, token, language, parsed.value))) return reply.redirect(base, 303)
    const index = questionPages.findIndex((page) => page.slug === slug)
    // Changing how to contact them may need a different number or address next.
    if (slug === 'contact-method') return reply.redirect(`${base}/contact-details${changing ? '?change=1' : ''}`, 303)
    const next = changing || index === questionPages.length - 1 ? 'check' : questionPages[index + 1].slug
    return reply.redirect(`${base}/${next}`, 303)
  })
}

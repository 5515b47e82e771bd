import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import type { AppDependencies } from '../../../app.js'
import { parseForm, type FieldError } from '../../../platform/forms/forms.js'
import { signedIn } from '../../../platform/http/request-context.js'
import { callerOf, errorsView, formErrorsFrom, idFrom } from '../../../platform/http/route-support.js'
import { paginationView } from '../../../platform/views/pagination.js'
import type { Services } from '../../../services.js'
import { keptValues } from '../../networks/networks.presenter.js'
import type { TermRow } from '../../directory/taxonomy/taxonomy.repository.js'
import {
  clientRows,
  clientSummary,
  consentView,
  documentRows,
  duplicateItems,
  formatDate,
  intakeFormItems,
  intakeRows,
  issueNames,
  referralRows,
} from './clients.presenter.js'
import { clientFiltersSchema, intakeFormSchema, needFormSchema } from './clients.schemas.js'
import type { ClientPage } from './clients.service.js'

/** Intake (the client and their need), duplicates, the client and intake pages, and the organisation's clients. */
export function clientsRoutes(services: Services, _deps: AppDependencies): FastifyPluginAsync {
  const { clients } = services
  const now = (): Date => services.deps.now()
  return async (app) => {
    const guarded = { preHandler: signedIn }

    app.get('/clients', guarded, async (request, reply) => {
      const filters = clientFiltersSchema.parse(request.query ?? {})
      const view = await clients.list(callerOf(request), filters)
      return reply.page('referrals/clients/views/clients.njk', {
        title: request.t('clients:list.title'),
        filters,
        total: view.total,
        rows: clientRows(request.t, request.lang, view.rows, now()),
        pagination: paginationView(view, '/clients', { q: filters.q }, request.t),
      })
    })

    const showIntakeForm = async (request: FastifyRequest, reply: FastifyReply, values: Record<string, unknown>, errors: FieldError[] = [], status = 200) => {
      const { terms } = await clients.intakeFormOptions(callerOf(request))
      return reply.page(
        'referrals/clients/views/intake-form.njk',
        {
          title: request.t('clients:form.title'),
          backLink: '/clients',
          values,
          items: intakeFormItems(request.t, request.lang, values, terms),
          errors: errorsView(request, errors),
        },
        status,
      )
    }

    app.get('/clients/new', guarded, async (request, reply) => showIntakeForm(request, reply, { urgency: 'standard' }))

    app.post('/clients/new', guarded, async (request, reply) => {
      const caller = callerOf(request)
      const values = keptValues(request.body)
      const parsed = parseForm(intakeFormSchema, request.body)
      if (!parsed.ok) return showIntakeForm(request, reply, values, parsed.errors, 400)
      let result
      try {
        result = await clients.createIntake(caller, parsed.value)
      } catch (error) {
        const errors = formErrorsFrom(error)
        if (errors.some((problem) => problem.field === 'sameAs')) return showIntakeForm(request, reply, { ...values, sameAs: undefined }, errors, 400)
        return showIntakeForm(request, reply, values, errors, 400)
      }
      if (result.kind === 'duplicates') {
        const hidden = Object.entries(values)
          .filter(([name]) => name !== 'sameAs')
          .flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((one) => ({ name, value: String(one ?? '') })))
        return reply.page('referrals/clients/views/duplicates.njk', {
          title: request.t('clients:duplicates.title'),
          hidden,
          items: duplicateItems(request.t, request.lang, result.duplicates),
          errors: errorsView(request, []),
        })
      }
      request.session.flash = 'clients:form.created'
      return reply.redirect(`/intakes/${result.intakeId}/consent`, 303)
    })

    const pageTables = (request: FastifyRequest, page: ClientPage) => ({
      client: page.access.client,
      isHolder: page.access.isHolder,
      consent: consentView(request.t, request.lang, page.consent),
      referralRows: referralRows(request.t, request.lang, page.referrals, page.access.context.organisationId, now()),
      documentRows: documentRows(request.t, request.lang, page.documents),
    })

    app.get('/clients/:clientId', guarded, async (request, reply) => {
      const page = await clients.clientPage(callerOf(request), idFrom(request, 'clientId'))
      return reply.page('referrals/clients/views/client.njk', {
        title: page.access.client.name,
        backLink: page.access.isHolder ? '/clients' : undefined,
        ...pageTables(request, page),
        summary: clientSummary(request.t, request.lang, page.access.client, now()),
        intakeRows: intakeRows(request.t, request.lang, page.intakes, page.issues),
      })
    })

    app.get('/intakes/:intakeId', guarded, async (request, reply) => {
      const page = await clients.intakePage(callerOf(request), idFrom(request, 'intakeId'))
      const t = request.t
      const row = (key: string, text: string) => ({ key: { text: key }, value: { text } })
      return reply.page('referrals/clients/views/intake.njk', {
        title: t('clients:intake.title', { date: formatDate(request.lang, page.intake.createdAt) }),
        backLink: `/clients/${page.access.client.id}`,
        intake: page.intake,
        ...pageTables(request, page),
        needSummary: [
          row(t('clients:summary.need'), page.intake.need),
          row(t('clients:summary.issues'), issueNames(request.lang, page.issues, page.intake.id) || t('clients:notGiven')),
          row(t('clients:summary.urgency'), t(`clients:urgency.${page.intake.urgency}`)),
        ],
      })
    })

    const showNeedForm = (
      request: FastifyRequest,
      reply: FastifyReply,
      form: { client: { id: string; name: string }; terms: TermRow[] },
      values: Record<string, unknown>,
      errors: FieldError[] = [],
      status = 200,
    ) =>
      reply.page(
        'referrals/clients/views/need-form.njk',
        {
          title: request.t('clients:needForm.title'),
          backLink: `/clients/${form.client.id}`,
          client: form.client,
          values,
          items: intakeFormItems(request.t, request.lang, values, form.terms),
          errors: errorsView(request, errors),
        },
        status,
      )

    app.get('/clients/:clientId/intakes/new', guarded, async (request, reply) => {
      const form = await clients.needForm(callerOf(request), idFrom(request, 'clientId'))
      return showNeedForm(request, reply, form, { urgency: 'standard' })
    })

    app.post('/clients/:clientId/intakes/new', guarded, async (request, reply) => {
      const caller = callerOf(request)
      const form = await clients.needForm(caller, idFrom(request, 'clientId'))
      const values = keptValues(request.body)
      const parsed = parseForm(needFormSchema, request.body)
      if (!parsed.ok) return showNeedForm(request, reply, form, values, parsed.errors, 400)
      let intakeId: string
      try {
        intakeId = await clients.addNeed(caller, form.client.id, parsed.value)
      } catch (error) {
        return showNeedForm(request, reply, form, values, formErrorsFrom(error), 400)
      }
      request.session.flash = 'clients:needForm.created'
      return reply.redirect(`/intakes/${intakeId}/consent`, 303)
    })
  }
}

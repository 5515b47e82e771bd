import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import type { AppDependencies } from '../../../app.js'
import { parseForm, type FieldError } from '../../../platform/forms/forms.js'
import { signedIn } from '../../../platform/http/request-context.js'
import { callerOf, errorsView, formErrorsFrom, idFrom } from '../../../platform/http/route-support.js'
import type { Services } from '../../../services.js'
import { duplicateItems, intakeFormItems } from '../../referrals/clients/clients.presenter.js'
import { intakeFormSchema } from '../../referrals/clients/clients.schemas.js'
import { keptValues } from '../../networks/networks.presenter.js'
import { intakeValuesFrom } from './prefill.js'
import {
  ageFlag,
  callBackRows,
  closeReasonItems,
  orderLinks,
  outcomeText,
  phoneFormItems,
  queuePagination,
  queueTable,
  queueTabs,
  requestRows,
  statusTag,
} from './triage.presenter.js'
import { closeFormSchema, parsePhoneRequest, queueQuerySchema } from './triage.schemas.js'
import { RequestRefused, type RequestPage } from './triage.service.js'

type Values = Record<string, unknown>

/** The front-door team: the queue, one request, claim and release, close, and turning a request into referrals. */
export function triageRoutes(services: Services, _deps: AppDependencies): FastifyPluginAsync {
  const triage = services.frontDoorTriage
  const guarded = { preHandler: signedIn }
  const body = (request: FastifyRequest): Values => (request.body ?? {}) as Values

  return async (app) => {
    app.get('/front-door', guarded, async (request, reply) => {
      const query = queueQuerySchema.parse(request.query ?? {})
      const page = await triage.queue(callerOf(request), query)
      return reply.page('front-door/triage/views/queue.njk', {
        title: request.t('front-door:queue.title'),
        page,
        tabs: queueTabs(request.t, page),
        orders: orderLinks(request.t, page),
        table: queueTable(request.t, request.lang, page),
        pagination: queuePagination(request.t, page),
      })
    })

    const presentRequest = (request: FastifyRequest, reply: FastifyReply, page: RequestPage, problem?: string, status = 200) =>
      reply.page(
        'front-door/triage/views/request.njk',
        {
          title: request.t('front-door:request.title', { reference: page.request.reference }),
          backLink: '/front-door',
          page,
          problem: problem ? request.t(problem, { name: page.request.claimedByName ?? '' }) : undefined,
          status: statusTag(request.t, page.request.status),
          flag: ageFlag(request.t, page),
          outcome: outcomeText(request.t, request.lang, page.request),
          callBack: callBackRows(request.t, request.lang, page.request),
          details: requestRows(request.t, request.lang, page),
          closeReason: page.request.closeReason ? request.t(`front-door:closeReasons.${page.request.closeReason}`) : undefined,
        },
        status,
      )

    /** A move refused because the request is not the caller's (any more): the request page, saying why. */
    const refused = async (request: FastifyRequest, reply: FastifyReply, error: unknown) => {
      if (!(error instanceof RequestRefused)) throw error
      const page = await triage.request(callerOf(request), error.request.id)
      return presentRequest(request, reply, page, error.messageKey, 409)
    }

    const showPhoneForm = async (request: FastifyRequest, reply: FastifyReply, values: Values, errors: FieldError[] = [], status = 200) => {
      const form = await triage.phoneForm(callerOf(request))
      return reply.page(
        'front-door/triage/views/phone.njk',
        {
          title: request.t('front-door:phone.title'),
          backLink: '/front-door',
          networkName: form.networkName,
          frontDoorOrganisations: form.frontDoorOrganisations.join(', '),
          values,
          items: phoneFormItems(request.t, request.lang, values, form.terms),
          errors: errorsView(request, errors),
        },
        status,
      )
    }

    app.get('/front-door/phone', guarded, async (request, reply) => showPhoneForm(request, reply, {}))

    app.post('/front-door/phone', guarded, async (request, reply) => {
      const values = keptValues(request.body)
      const parsed = parsePhoneRequest(body(request))
      if (!parsed.ok) return showPhoneForm(request, reply, values, parsed.errors, 400)
      const saved = await triage.recordPhoneRequest(callerOf(request), parsed.value)
      request.session.flash = 'front-door:flash.phoneRecorded'
      return reply.redirect(`/front-door/requests/${saved.id}/convert`, 303)
    })

    app.get('/front-door/requests/:id', guarded, async (request, reply) =>
      presentRequest(request, reply, await triage.request(callerOf(request), idFrom(request, 'id'))),
    )

    app.post('/front-door/requests/:id/claim', guarded, async (request, reply) => {
      const requestId = idFrom(request, 'id')
      const result = await triage.claim(callerOf(request), requestId)
      if (!result.claimed) return presentRequest(request, reply, result.page, 'front-door:errors.claimLost', 409)
      request.session.flash = 'front-door:flash.claimed'
      return reply.redirect(`/front-door/requests/${requestId}`, 303)
    })

    app.post('/front-door/requests/:id/release', guarded, async (request, reply) => {
      try {
        await triage.release(callerOf(request), idFrom(request, 'id'))
      } catch (error) {
        return refused(request, reply, error)
      }
      request.session.flash = 'front-door:flash.released'
      return reply.redirect('/front-door', 303)
    })

    const showClose = async (request: FastifyRequest, reply: FastifyReply, values: Values, errors: FieldError[] = [], status = 200) => {
      const requestId = idFrom(request, 'id')
      let found
      try {
        found = await triage.closeForm(callerOf(request), requestId)
      } catch (error) {
        return refused(request, reply, error)
      }
      return reply.page(
        'front-door/triage/views/close.njk',
        {
          title: request.t('front-door:close.title', { reference: found.reference }),
          backLink: `/front-door/requests/${requestId}`,
          requestId,
          values,
          reasons: closeReasonItems(request.t, values),
          errors: errorsView(request, errors),
        },
        status,
      )
    }

    app.get('/front-door/requests/:id/close', guarded, async (request, reply) => showClose(request, reply, {}))

    app.post('/front-door/requests/:id/close', guarded, async (request, reply) => {
      const parsed = parseForm(closeFormSchema, body(request))
      if (!parsed.ok) return showClose(request, reply, keptValues(request.body), parsed.errors, 400)
      try {
        await triage.close(callerOf(request), idFrom(request, 'id'), parsed.value)
      } catch (error) {
        return refused(request, reply, error)
      }
      request.session.flash = 'front-door:flash.closed'
      return reply.redirect('/front-door', 303)
    })

    const showConvert = async (request: FastifyRequest, reply: FastifyReply, values: Values | null, errors: FieldError[] = [], status = 200) => {
      const requestId = idFrom(request, 'id')
      let form
      try {
        form = await triage.convertForm(callerOf(request), requestId)
      } catch (error) {
        return refused(request, reply, error)
      }
      if ('convertedIntakeId' in form) return reply.redirect(`/intakes/${form.convertedIntakeId}/send`, 303)
      const shown =
        values ??
        intakeValuesFrom(form.request, new Set(form.terms.map((term) => term.id)), (code) => request.t('front-door:convert.otherLanguage', { code }))
      return reply.page(
        'front-door/triage/views/convert.njk',
        {
          title: request.t('front-door:convert.title'),
          backLink: `/front-door/requests/${requestId}`,
          requestId,
          formAction: `/front-door/requests/${requestId}/convert`,
          submitText: request.t('front-door:convert.submit'),
          cancelHref: `/front-door/requests/${requestId}`,
          reference: form.request.reference,
          consent: request.t(`front-door:convert.consent.${form.request.consentMethod}`),
          values: shown,
          items: intakeFormItems(request.t, request.lang, shown, form.terms),
          errors: errorsView(request, errors),
        },
        status,
      )
    }

    app.get('/front-door/requests/:id/convert', guarded, async (request, reply) => showConvert(request, reply, null))

    app.post('/front-door/requests/:id/convert', guarded, async (request, reply) => {
      const requestId = idFrom(request, 'id')
      const values = keptValues(request.body)
      const parsed = parseForm(intakeFormSchema, body(request))
      if (!parsed.ok) return showConvert(request, reply, values, parsed.errors, 400)
      let result
      try {
        result = await triage.convert(callerOf(request), requestId, parsed.value)
      } catch (error) {
        if (error instanceof RequestRefused) return refused(request, reply, error)
        const errors = formErrorsFrom(error)
        return showConvert(request, reply, errors.some((problem) => problem.field === 'sameAs') ? { ...values, sameAs: undefined } : values, errors, 400)
      }
      if (result.kind === 'duplicates') {
        const hidden = Object.entries(values)
          .filter(([name]) => name !== 'sameAs')
          .flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((one) => ({ name, value: String(one ?? '') })))
        return reply.page('front-door/triage/views/duplicates.njk', {
          title: request.t('clients:duplicates.title'),
          action: `/front-door/requests/${requestId}/convert`,
          hidden,
          items: duplicateItems(request.t, request.lang, result.duplicates),
          errors: errorsView(request, []),
        })
      }
      request.session.flash = 'front-door:flash.converted'
      return reply.redirect(`/intakes/${result.intakeId}/send`, 303)
    })
  }
}

import { randomUUID } from 'node:crypto'
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import type { AppDependencies } from '../../../app.js'
import { parseForm, type FieldError } from '../../../platform/forms/forms.js'
import { signedIn } from '../../../platform/http/request-context.js'
import { callerOf, idFrom } from '../../../platform/http/route-support.js'
import { NotFoundError } from '../../../platform/errors.js'
import type { Services } from '../../../services.js'
import { SendingRefused, type SendingProblem } from './dispatch.js'
import { ReferralActionRefused } from './lifecycle.service.js'
import { presentReferralPage } from './referral-page.presenter.js'
import { lifecycleActions } from './referral-states.js'
import { actionSchema, chosenFrom, messageSchema, nameSearchSchema, rerouteFormKeptSchema, rerouteFormSchema, sendFormKeptSchema, sendFormSchema } from './referrals.schemas.js'
import { issueNames, presentCandidates, presentProblems, presentSent, type KeptChoices } from './sending.presenter.js'

/**
 * Sending an intake (/intakes/:intakeId/send), the referral page (/referrals/:referralId) with its moves, messages
 * and re-routing. Every page works without JavaScript.
 */
export function referralsRoutes(services: Services, _deps: AppDependencies): FastifyPluginAsync {
  const { sending, lifecycle, reroute } = services.referrals
  const guarded = { preHandler: signedIn }
  const body = (request: FastifyRequest): Record<string, unknown> => (request.body ?? {}) as Record<string, unknown>
  const asProblems = (errors: FieldError[]): SendingProblem[] => errors.map((error) => ({ field: error.field === 'key' ? 'service' : error.field, message: error.message }))
  const nameFrom = (request: FastifyRequest): string | undefined => {
    const parsed = nameSearchSchema.safeParse(request.query ?? {})
    return parsed.success ? parsed.data.name : undefined
  }

  return async (app) => {
    const showSendPage = async (request: FastifyRequest, reply: FastifyReply, form: { key: string; name?: string; kept: KeptChoices }, problems: SendingProblem[] = [], status = 200) => {
      const intakeId = idFrom(request, 'intakeId')
      const page = await sending.sendingPage(callerOf(request), intakeId, { name: form.name })
      const errors = presentProblems(problems, request.t)
      return reply.page(
        'referrals/referrals/views/send.njk',
        {
          title: request.t('referrals:send.title'),
          backLink: `/intakes/${intakeId}`,
          intakeId,
          need: page.intake.intake.need,
          urgent: page.intake.intake.urgency === 'urgent',
          issues: issueNames(page.candidates, page.intake.issues.map((issue) => issue.termId), request.lang),
          consentBlocked: !page.consent.allowed && page.consent.reason !== 'not_covered' ? page.consent.reason : null,
          cards: presentCandidates(page.candidates, request.t, request.lang, form.kept, errors),
          key: form.key,
          name: form.name ?? '',
          errors,
        },
        status,
      )
    }

    app.get('/intakes/:intakeId/send', guarded, async (request, reply) =>
      showSendPage(request, reply, { key: randomUUID(), name: nameFrom(request), kept: { chosen: [], justifications: {} } }),
    )

    app.post('/intakes/:intakeId/send', guarded, async (request, reply) => {
      const intakeId = idFrom(request, 'intakeId')
      const parsed = parseForm(sendFormSchema, body(request))
      const raw = parseForm(sendFormKeptSchema, body(request))
      const serviceIds = raw.ok ? (raw.value.service ?? []) : []
      const chosen = chosenFrom(body(request), serviceIds)
      const kept = { chosen: serviceIds, justifications: Object.fromEntries(chosen.map((choice) => [choice.serviceId, choice.justification ?? ''])) }
      const name = raw.ok ? raw.value.name : undefined
      if (!parsed.ok) return showSendPage(request, reply, { key: randomUUID(), name, kept }, asProblems(parsed.errors), 400)
      try {
        await sending.send(callerOf(request), intakeId, { idempotencyKey: parsed.value.key, chosen, name })
      } catch (error) {
        if (!(error instanceof SendingRefused)) throw error
        return showSendPage(request, reply, { key: parsed.value.key, name, kept }, error.problems, 400)
      }
      return reply.redirect(`/intakes/${intakeId}/sent?key=${parsed.value.key}`, 303)
    })

    app.get('/intakes/:intakeId/sent', guarded, async (request, reply) => {
      const intakeId = idFrom(request, 'intakeId')
      const key = String((request.query as Record<string, unknown> | undefined)?.key ?? '')
      const parsed = sendFormSchema.shape.key.safeParse(key)
      if (!parsed.success) throw new NotFoundError()
      const sent = await sending.sent(callerOf(request), intakeId, parsed.data)
      if (sent.length === 0) throw new NotFoundError()
      return reply.page('referrals/referrals/views/sent.njk', { title: request.t('referrals:sent.title', { count: sent.length }), intakeId, sent: presentSent(sent, request.lang) })
    })

    const showReferral = async (request: FastifyRequest, reply: FastifyReply, errors: FieldError[] = [], status = 200, values: Record<string, unknown> = {}) => {
      const caller = callerOf(request)
      const page = await lifecycle.referralPage(caller, idFrom(request, 'referralId'))
      const view = presentReferralPage(page, request.t, request.lang, { organisationId: caller.actor?.context?.organisationId ?? null }, services.deps.now())
      return reply.page(
        'referrals/referrals/views/referral.njk',
        { title: request.t('referrals:page.title', { reference: view.reference }), referralId: page.referral.id, view, values, errors: presentProblems(asProblems(errors), request.t, 'actions') },
        status,
      )
    }

    app.get('/referrals/:referralId', guarded, async (request, reply) => showReferral(request, reply))

    for (const action of lifecycleActions) {
      app.post(`/referrals/:referralId/${action}`, guarded, async (request, reply) => {
        const referralId = idFrom(request, 'referralId')
        const parsed = parseForm(actionSchema(action), body(request))
        const values = { action, ...body(request) }
        if (!parsed.ok) return showReferral(request, reply, parsed.errors.map((error) => ({ ...error, field: `${action}-${error.field}` })), 400, values)
        try {
          await lifecycle.act(callerOf(request), referralId, parsed.value)
        } catch (error) {
          if (!(error instanceof ReferralActionRefused)) throw error
          return showReferral(request, reply, [{ field: 'service', message: error.messageKey }], 409)
        }
        request.session.flash = `referrals:done.${action}`
        return reply.redirect(`/referrals/${referralId}`, 303)
      })
    }

    app.post('/referrals/:referralId/messages', guarded, async (request, reply) => {
      const referralId = idFrom(request, 'referralId')
      const parsed = parseForm(messageSchema, body(request))
      if (!parsed.ok) return showReferral(request, reply, parsed.errors, 400, body(request))
      await lifecycle.postMessage(callerOf(request), referralId, parsed.value.body)
      request.session.flash = 'referrals:done.message'
      return reply.redirect(`/referrals/${referralId}#messages`, 303)
    })

    const showReroute = async (request: FastifyRequest, reply: FastifyReply, form: { key: string; name?: string; kept: KeptChoices }, problems: SendingProblem[] = [], status = 200) => {
      const referralId = idFrom(request, 'referralId')
      let page
      try {
        page = await reroute.reroutePage(callerOf(request), referralId, { name: form.name })
      } catch (error) {
        if (!(error instanceof SendingRefused)) throw error
        return showReferral(request, reply, error.problems, 409)
      }
      const errors = presentProblems(problems, request.t)
      return reply.page(
        'referrals/referrals/views/reroute.njk',
        {
          title: request.t('referrals:reroute.title'),
          backLink: `/referrals/${referralId}`,
          referralId,
          reference: page.referral.reference,
          serviceName: page.referral.serviceName,
          cards: presentCandidates(page.candidates, request.t, request.lang, form.kept, errors),
          key: form.key,
          name: form.name ?? '',
          errors,
        },
        status,
      )
    }

    app.get('/referrals/:referralId/reroute', guarded, async (request, reply) =>
      showReroute(request, reply, { key: randomUUID(), name: nameFrom(request), kept: { chosen: [], justifications: {} } }),
    )

    app.post('/referrals/:referralId/reroute', guarded, async (request, reply) => {
      const referralId = idFrom(request, 'referralId')
      const parsed = parseForm(rerouteFormSchema, body(request))
      const raw = parseForm(rerouteFormKeptSchema, body(request))
      const serviceId = raw.ok ? raw.value.service : undefined
      const [choice] = chosenFrom(body(request), serviceId ? [serviceId] : [])
      const kept = { chosen: serviceId ? [serviceId] : [], justifications: choice ? { [choice.serviceId]: choice.justification ?? '' } : {} }
      const name = raw.ok ? raw.value.name : undefined
      if (!parsed.ok) return showReroute(request, reply, { key: randomUUID(), name, kept }, asProblems(parsed.errors), 400)
      try {
        await reroute.reroute(callerOf(request), referralId, { idempotencyKey: parsed.value.key, serviceId: parsed.value.service, justification: choice?.justification, name })
      } catch (error) {
        if (!(error instanceof SendingRefused)) throw error
        return showReroute(request, reply, { key: parsed.value.key, name, kept }, error.problems, 400)
      }
      request.session.flash = 'referrals:done.rerouted'
      return reply.redirect(`/referrals/${referralId}`, 303)
    })
  }
}

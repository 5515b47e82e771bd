import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import type { AppDependencies } from '../../../app.js'
import { parseForm, type FieldError } from '../../../platform/forms/forms.js'
import { signedIn } from '../../../platform/http/request-context.js'
import { callerOf, errorsView, formErrorsFrom, idFrom } from '../../../platform/http/route-support.js'
import type { Services } from '../../../services.js'
import { keptValues } from '../../networks/networks.presenter.js'
import { formatDate } from '../clients/clients.presenter.js'
import { consentFormSchema, consentMethodValues, consentScopeValues, withdrawalFormSchema } from './consent.schemas.js'
import type { ConsentForm } from './consent.service.js'

type Values = Record<string, unknown>

/** The form's first values: given now, for the organisations referred to, for 12 months, purpose in plain words. */
function defaultValues(request: FastifyRequest, form: ConsentForm): Values {
  const [givenYear, givenMonth, givenDay] = form.defaults.givenOn.split('-')
  const [expiresYear, expiresMonth, expiresDay] = form.defaults.expiresOn.split('-')
  return {
    givenDay: String(Number(givenDay)),
    givenMonth: String(Number(givenMonth)),
    givenYear,
    givenTime: form.defaults.givenTime,
    expiresDay: String(Number(expiresDay)),
    expiresMonth: String(Number(expiresMonth)),
    expiresYear,
    scope: 'organisations_referred_to',
    purpose: request.t('clients:consent.defaultPurpose', { organisation: form.access.context.organisationName ?? '' }),
  }
}

function items(request: FastifyRequest, form: ConsentForm, values: Values) {
  const chosen = (name: string, value: string) => (Array.isArray(values[name]) ? (values[name] as unknown[]).includes(value) : values[name] === value)
  return {
    method: consentMethodValues.map((value) => ({
      value,
      text: request.t(`clients:consent.methods.${value}`),
      hint: { text: request.t(`clients:consent.methodHints.${value}`) },
      checked: chosen('method', value),
    })),
    scope: consentScopeValues.map((value) => ({ value, text: request.t(`clients:consent.scopes.${value}`), checked: chosen('scope', value) })),
    organisations: form.organisations.map((organisation) => ({ value: organisation.id, text: organisation.name, checked: chosen('organisations', organisation.id) })),
  }
}

/** Consent after an intake, renewal, and withdrawal. */
export function consentRoutes(services: Services, _deps: AppDependencies): FastifyPluginAsync {
  const { consent } = services
  return async (app) => {
    const guarded = { preHandler: signedIn }

    const show = (
      request: FastifyRequest,
      reply: FastifyReply,
      form: ConsentForm,
      page: { action: string; cancelHref: string; continueHref?: string; title: string },
      values: Values,
      errors: FieldError[] = [],
      status = 200,
    ) => {
      const state = form.history.state
      return reply.page(
        'referrals/consent/views/consent-form.njk',
        {
          ...page,
          backLink: page.cancelHref,
          client: form.access.client,
          continueHref: state === 'active' ? page.continueHref : undefined,
          currentUntil: form.history.current ? formatDate(request.lang, form.history.current.expiresOn) : '',
          lockedState: state === 'expired' || state === 'withdrawn' ? state : undefined,
          values,
          items: items(request, form, values),
          errors: errorsView(request, errors),
        },
        status,
      )
    }

    const intakePage = (request: FastifyRequest, intakeId: string) => ({
      action: `/intakes/${intakeId}/consent`,
      cancelHref: `/intakes/${intakeId}`,
      continueHref: `/intakes/${intakeId}/send`,
      title: request.t('clients:consent.title'),
    })

    app.get('/intakes/:intakeId/consent', guarded, async (request, reply) => {
      const form = await consent.formForIntake(callerOf(request), idFrom(request, 'intakeId'))
      return show(request, reply, form, intakePage(request, form.intakeId), defaultValues(request, form))
    })

    app.post('/intakes/:intakeId/consent', guarded, async (request, reply) => {
      const caller = callerOf(request)
      const form = await consent.formForIntake(caller, idFrom(request, 'intakeId'))
      const values = keptValues(request.body)
      const parsed = parseForm(consentFormSchema, request.body)
      if (!parsed.ok) return show(request, reply, form, intakePage(request, form.intakeId), values, parsed.errors, 400)
      try {
        await consent.recordForIntake(caller, form.intakeId, parsed.value)
      } catch (error) {
        return show(request, reply, form, intakePage(request, form.intakeId), values, formErrorsFrom(error), 400)
      }
      request.session.flash = 'clients:consent.recorded'
      return reply.redirect(`/intakes/${form.intakeId}/send`, 303)
    })

    const renewPage = (request: FastifyRequest, clientId: string) => ({
      action: `/clients/${clientId}/consent/renew`,
      cancelHref: `/clients/${clientId}`,
      title: request.t('clients:consent.renewTitle'),
    })

    app.get('/clients/:clientId/consent/renew', guarded, async (request, reply) => {
      const form = await consent.formForClient(callerOf(request), idFrom(request, 'clientId'))
      return show(request, reply, form, renewPage(request, form.access.client.id), defaultValues(request, form))
    })

    app.post('/clients/:clientId/consent/renew', guarded, async (request, reply) => {
      const caller = callerOf(request)
      const form = await consent.formForClient(caller, idFrom(request, 'clientId'))
      const clientId = form.access.client.id
      const values = keptValues(request.body)
      const parsed = parseForm(consentFormSchema, request.body)
      if (!parsed.ok) return show(request, reply, form, renewPage(request, clientId), values, parsed.errors, 400)
      try {
        await consent.renew(caller, clientId, parsed.value)
      } catch (error) {
        return show(request, reply, form, renewPage(request, clientId), values, formErrorsFrom(error), 400)
      }
      request.session.flash = 'clients:consent.renewed'
      return reply.redirect(`/clients/${clientId}`, 303)
    })

    const showWithdraw = (request: FastifyRequest, reply: FastifyReply, client: { id: string; name: string }, values: Values, errors: FieldError[] = [], status = 200) =>
      reply.page(
        'referrals/consent/views/withdraw.njk',
        { title: request.t('clients:withdraw.title'), backLink: `/clients/${client.id}`, client, values, errors: errorsView(request, errors) },
        status,
      )

    app.get('/clients/:clientId/consent/withdraw', guarded, async (request, reply) => {
      const { access } = await consent.withdrawable(callerOf(request), idFrom(request, 'clientId'))
      return showWithdraw(request, reply, access.client, {})
    })

    app.post('/clients/:clientId/consent/withdraw', guarded, async (request, reply) => {
      const caller = callerOf(request)
      const { access } = await consent.withdrawable(caller, idFrom(request, 'clientId'))
      const parsed = parseForm(withdrawalFormSchema, request.body)
      if (!parsed.ok) return showWithdraw(request, reply, access.client, keptValues(request.body), parsed.errors, 400)
      const { organisationsTold } = await consent.withdraw(caller, access.client.id, parsed.value.note)
      request.session.flash = organisationsTold > 0 ? 'clients:withdraw.doneTold' : 'clients:withdraw.done'
      return reply.redirect(`/clients/${access.client.id}`, 303)
    })
  }
}

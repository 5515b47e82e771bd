import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { parseForm, type FieldError } from '../../platform/forms/forms.js'
import { signedIn } from '../../platform/http/request-context.js'
import type { Services } from '../../services.js'
import { newOrganisationSchema, organisationDetailsSchema, organisationListQuery } from './networks.schemas.js'
import { paginationView } from '../../platform/views/pagination.js'
import { frontDoorItems, keptValues, organisationFormValues, organisationSummary, statutoryItems, typeFilterItems, typeItems } from './networks.presenter.js'
import { callerOf, errorsView, formErrorsFrom, idFrom } from '../../platform/http/route-support.js'

/** The network's organisations: list, onboarding a new one, details and editing. */
export async function organisationsRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { organisations } = services.networks
  const guarded = { preHandler: signedIn }

  const showForm = (
    request: FastifyRequest,
    reply: FastifyReply,
    view: { mode: 'new' | 'edit'; values: Record<string, unknown>; action: string; backLink: string },
    errors: FieldError[] = [],
    status = 200,
  ) =>
    reply.page(
      'networks/views/organisation-form.njk',
      {
        title: request.t(view.mode === 'new' ? 'networks:organisationForm.newTitle' : 'networks:organisationForm.editTitle'),
        mode: view.mode,
        action: view.action,
        backLink: view.backLink,
        values: view.values,
        types: typeItems(request.t, view.values),
        statutoryChoices: statutoryItems(request.t, view.values),
        frontDoorChoices: frontDoorItems(request.t, view.values),
        errors: errorsView(request, errors),
      },
      status,
    )

  app.get('/organisations', guarded, async (request, reply) => {
    const query = organisationListQuery.parse(request.query ?? {})
    const list = await organisations.list(callerOf(request), query)
    return reply.page('networks/views/organisations.njk', {
      title: request.t('networks:organisations.title'),
      ...list,
      query,
      typeFilter: typeFilterItems(request.t, query.type),
      pagination: paginationView(list.organisations, '/organisations', { q: query.q, type: query.type }, request.t),
    })
  })

  const newView = (values: Record<string, unknown>) =>
    ({ mode: 'new', values, action: '/organisations/new', backLink: '/organisations' }) as const

  app.get('/organisations/new', guarded, async (request, reply) => {
    organisations.assertCanCreate(callerOf(request))
    return showForm(request, reply, newView({}))
  })

  app.post('/organisations/new', guarded, async (request, reply) => {
    const caller = callerOf(request)
    organisations.assertCanCreate(caller)
    const values = keptValues(request.body)
    const parsed = parseForm(newOrganisationSchema, request.body)
    if (!parsed.ok) return showForm(request, reply, newView(values), parsed.errors, 400)
    let organisationId: string
    try {
      organisationId = await organisations.create(caller, parsed.value)
    } catch (error) {
      return showForm(request, reply, newView(values), formErrorsFrom(error), 400)
    }
    request.session.flash = 'networks:organisation.created'
    return reply.redirect(`/organisations/${organisationId}`, 303)
  })

  app.get('/organisations/:id', guarded, async (request, reply) => {
    const view = await organisations.show(callerOf(request), idFrom(request, 'id'))
    return reply.page('networks/views/organisation.njk', {
      title: view.organisation.name,
      backLink: '/organisations',
      ...view,
      summary: organisationSummary(request.t, view.organisation),
    })
  })

  const editView = (id: string, values: Record<string, unknown>) =>
    ({ mode: 'edit', values, action: `/organisations/${id}/edit`, backLink: `/organisations/${id}` }) as const

  app.get('/organisations/:id/edit', guarded, async (request, reply) => {
    const organisation = await organisations.forEdit(callerOf(request), idFrom(request, 'id'))
    return showForm(request, reply, editView(organisation.id, organisationFormValues(organisation)))
  })

  app.post('/organisations/:id/edit', guarded, async (request, reply) => {
    const caller = callerOf(request)
    const organisation = await organisations.forEdit(caller, idFrom(request, 'id'))
    const values = keptValues(request.body)
    const parsed = parseForm(organisationDetailsSchema, request.body)
    if (!parsed.ok) return showForm(request, reply, editView(organisation.id, values), parsed.errors, 400)
    try {
      await organisations.update(caller, organisation.id, parsed.value)
    } catch (error) {
      return showForm(request, reply, editView(organisation.id, values), formErrorsFrom(error), 400)
    }
    request.session.flash = 'networks:organisation.updated'
    return reply.redirect(`/organisations/${organisation.id}`, 303)
  })
}

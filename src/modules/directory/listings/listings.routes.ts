import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import type { AppDependencies } from '../../../app.js'
import { parseForm, type FieldError } from '../../../platform/forms/forms.js'
import { signedIn } from '../../../platform/http/request-context.js'
import type { Services } from '../../../services.js'
import { keptValues } from '../../networks/networks.presenter.js'
import { callerOf, errorsView, formErrorsFrom, idFrom } from '../../../platform/http/route-support.js'
import { taxonomyRoutes } from '../taxonomy/taxonomy.routes.js'
import {
  capacityFormValues,
  capacityStatusItems,
  capacityTag,
  filterItems,
  listingTags,
  serviceFormItems,
  serviceFormValues,
  servicesPagination,
  servicesTable,
  waitingListItems,
} from './listings.presenter.js'
import { capacityFormSchema, serviceFiltersSchema, serviceFormSchema } from './listings.schemas.js'
import { servicePage } from './service-page.presenter.js'

/** Directory listings (services list, full listing, form, capacity, review, verification) and the coordinator's issues. */
export function listingsRoutes(services: Services, _deps: AppDependencies): FastifyPluginAsync {
  const { listings } = services
  const now = (): Date => services.deps.now()
  return async (app) => {
    await taxonomyRoutes(app, listings.taxonomy)
    const guarded = { preHandler: signedIn }

    app.get('/services', guarded, async (request, reply) => {
      const filters = serviceFiltersSchema.parse(request.query ?? {})
      const view = await listings.list(callerOf(request), filters)
      return reply.page('directory/listings/views/services.njk', {
        title: request.t(view.scope === 'network' ? 'directory:services.networkTitle' : 'directory:services.title'),
        view,
        table: servicesTable(request.t, request.lang, view, now()),
        filterItems: filterItems(request.t, view),
        pagination: servicesPagination(request.t, view),
      })
    })

    const showForm = async (
      request: FastifyRequest,
      reply: FastifyReply,
      form: { mode: 'new' | 'edit'; action: string; backLink: string; values: Record<string, unknown> },
      errors: FieldError[] = [],
      status = 200,
    ) => {
      const options = await listings.formOptions(callerOf(request))
      return reply.page(
        'directory/listings/views/service-form.njk',
        {
          title: request.t(form.mode === 'new' ? 'directory:form.newTitle' : 'directory:form.editTitle'),
          ...form,
          items: serviceFormItems(request.t, request.lang, form.values, options),
          errors: errorsView(request, errors),
        },
        status,
      )
    }

    const newForm = (values: Record<string, unknown>) => ({ mode: 'new', action: '/services/new', backLink: '/services', values }) as const

    app.get('/services/new', guarded, async (request, reply) => {
      listings.assertCanCreate(callerOf(request))
      return showForm(request, reply, newForm({ acceptsNrpf: 'unknown' }))
    })

    app.post('/services/new', guarded, async (request, reply) => {
      const caller = callerOf(request)
      listings.assertCanCreate(caller)
      const values = keptValues(request.body)
      const parsed = parseForm(serviceFormSchema, request.body)
      if (!parsed.ok) return showForm(request, reply, newForm(values), parsed.errors, 400)
      let serviceId: string
      try {
        serviceId = await listings.create(caller, parsed.value)
      } catch (error) {
        return showForm(request, reply, newForm(values), formErrorsFrom(error), 400)
      }
      request.session.flash = 'directory:form.created'
      return reply.redirect(`/services/${serviceId}`, 303)
    })

    app.get('/services/:id', guarded, async (request, reply) => {
      const display = await listings.getServiceForDisplay(callerOf(request), idFrom(request, 'id'))
      return reply.page('directory/listings/views/service.njk', {
        title: display.service.name,
        backLink: '/services',
        service: display.service,
        canEdit: display.canEdit,
        canVerify: display.canVerify,
        tags: listingTags(request.t, display.service, now()),
        page: servicePage(request.t, request.lang, display),
      })
    })

    const editForm = (id: string, values: Record<string, unknown>) =>
      ({ mode: 'edit', action: `/services/${id}/edit`, backLink: `/services/${id}`, values }) as const

    app.get('/services/:id/edit', guarded, async (request, reply) => {
      const detail = await listings.forEdit(callerOf(request), idFrom(request, 'id'))
      return showForm(request, reply, editForm(detail.service.id, serviceFormValues(detail)))
    })

    app.post('/services/:id/edit', guarded, async (request, reply) => {
      const caller = callerOf(request)
      const serviceId = idFrom(request, 'id')
      await listings.editableService(caller, serviceId)
      const values = keptValues(request.body)
      const parsed = parseForm(serviceFormSchema, request.body)
      if (!parsed.ok) return showForm(request, reply, editForm(serviceId, values), parsed.errors, 400)
      try {
        await listings.update(caller, serviceId, parsed.value)
      } catch (error) {
        return showForm(request, reply, editForm(serviceId, values), formErrorsFrom(error), 400)
      }
      request.session.flash = 'directory:form.updated'
      return reply.redirect(`/services/${serviceId}`, 303)
    })

    const showCapacity = (
      request: FastifyRequest,
      reply: FastifyReply,
      service: { id: string; name: string; capacityStatus: 'active' | 'paused' | 'closed' },
      values: Record<string, unknown>,
      errors: FieldError[] = [],
      status = 200,
    ) =>
      reply.page(
        'directory/listings/views/capacity.njk',
        {
          title: request.t('directory:capacity.title'),
          backLink: `/services/${service.id}`,
          service,
          currentTag: capacityTag(request.t, service.capacityStatus),
          values,
          statusItems: capacityStatusItems(request.t, values),
          waitingListItems: waitingListItems(request.t, values),
          errors: errorsView(request, errors),
        },
        status,
      )

    app.get('/services/:id/capacity', guarded, async (request, reply) => {
      const service = await listings.editableService(callerOf(request), idFrom(request, 'id'))
      const requested = (request.query as Record<string, unknown> | undefined)?.status
      return showCapacity(request, reply, service, capacityFormValues(service, typeof requested === 'string' ? requested : undefined))
    })

    app.post('/services/:id/capacity', guarded, async (request, reply) => {
      const caller = callerOf(request)
      const service = await listings.editableService(caller, idFrom(request, 'id'))
      const values = keptValues(request.body)
      const parsed = parseForm(capacityFormSchema, request.body)
      if (!parsed.ok) return showCapacity(request, reply, service, values, parsed.errors, 400)
      try {
        await listings.changeCapacity(caller, service.id, parsed.value)
      } catch (error) {
        return showCapacity(request, reply, service, values, formErrorsFrom(error), 400)
      }
      request.session.flash = `directory:capacity.done.${parsed.value.capacityStatus}`
      return reply.redirect(`/services/${service.id}`, 303)
    })

    app.post('/services/:id/reviewed', guarded, async (request, reply) => {
      const serviceId = idFrom(request, 'id')
      await listings.markReviewed(callerOf(request), serviceId)
      request.session.flash = 'directory:listing.reviewedDone'
      return reply.redirect(`/services/${serviceId}`, 303)
    })

    app.post('/services/:id/verify', guarded, async (request, reply) => {
      const serviceId = idFrom(request, 'id')
      await listings.verify(callerOf(request), serviceId)
      request.session.flash = 'directory:listing.verifiedDone'
      return reply.redirect(`/services/${serviceId}`, 303)
    })
  }
}

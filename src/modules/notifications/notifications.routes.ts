import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import type { AppDependencies } from '../../app.js'
import { parseForm, type FieldError } from '../../platform/forms/forms.js'
import { signedIn } from '../../platform/http/request-context.js'
import { callerOf, errorsView, idFrom } from '../../platform/http/route-support.js'
import type { Services } from '../../services.js'
import { frequencyItems, notificationItems, notificationsPagination } from './notifications.presenter.js'
import { listQuerySchema, preferencesSchema } from './notifications.schemas.js'

/** The notifications list, opening one, marking all read, and how often to be emailed. */
export function notificationsRoutes(services: Services, _deps: AppDependencies): FastifyPluginAsync {
  const { notifications } = services
  return async (app) => {
    const guarded = { preHandler: signedIn }

    app.get('/notifications', guarded, async (request, reply) => {
      const { page } = listQuerySchema.parse(request.query ?? {})
      const view = await notifications.list(callerOf(request), page)
      return reply.page('notifications/views/notifications.njk', {
        title: request.t('notifications:list.title'),
        view,
        items: notificationItems(request.t, request.lang, view),
        pagination: notificationsPagination(request.t, view),
      })
    })

    app.post('/notifications/read', guarded, async (request, reply) => {
      await notifications.markAllRead(callerOf(request))
      request.session.flash = 'notifications:list.allRead'
      return reply.redirect('/notifications', 303)
    })

    const showPreferences = async (request: FastifyRequest, reply: FastifyReply, errors: FieldError[] = [], status = 200) => {
      const chosen = request.method === 'POST' ? (request.body as Record<string, string> | undefined)?.email : await notifications.emailFrequency(callerOf(request))
      return reply.page(
        'notifications/views/preferences.njk',
        { title: request.t('notifications:preferences.title'), backLink: '/notifications', items: frequencyItems(request.t, chosen), errors: errorsView(request, errors) },
        status,
      )
    }

    app.get('/notifications/preferences', guarded, async (request, reply) => showPreferences(request, reply))

    app.post('/notifications/preferences', guarded, async (request, reply) => {
      const parsed = parseForm(preferencesSchema, request.body)
      if (!parsed.ok) return showPreferences(request, reply, parsed.errors, 400)
      await notifications.saveEmailFrequency(callerOf(request), parsed.value.email)
      request.session.flash = 'notifications:preferences.saved'
      return reply.redirect('/notifications', 303)
    })

    // After the fixed paths, so 'read' and 'preferences' are never taken for an id.
    app.get('/notifications/:id', guarded, async (request, reply) => {
      const target = await notifications.open(callerOf(request), idFrom(request, 'id'))
      return reply.redirect(target, 303)
    })
  }
}

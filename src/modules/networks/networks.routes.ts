import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import type { AppDependencies } from '../../app.js'
import { NotFoundError } from '../../platform/errors.js'
import { parseForm, type FieldError } from '../../platform/forms/forms.js'
import { signedIn } from '../../platform/http/request-context.js'
import type { Services } from '../../services.js'
import { firstRunRoutes } from './first-run.routes.js'
import { membersRoutes } from './members.routes.js'
import { networkTeamRoutes } from './network-team.routes.js'
import { switchContextSchema } from './networks.schemas.js'
import { contextChoices } from './networks.presenter.js'
import { organisationsRoutes } from './organisations.routes.js'
import { callerOf, errorsView, idFrom } from '../../platform/http/route-support.js'

/** Networks, organisations and their people; the front page; switching where you work. */
export function networksRoutes(services: Services, _deps: AppDependencies): FastifyPluginAsync {
  return async (app) => {
    await firstRunRoutes(app, services)
    await organisationsRoutes(app, services)
    await membersRoutes(app, services)
    await networkTeamRoutes(app, services)
    const guarded = { preHandler: signedIn }

    app.get('/users/:id', guarded, async (request, reply) => {
      const person = await services.networks.members.person(callerOf(request), idFrom(request, 'id'))
      return reply.page('networks/views/person.njk', { title: person.name, person })
    })

    const showSwitch = (request: FastifyRequest, reply: FastifyReply, errors: FieldError[] = [], status = 200) => {
      if (!request.actor) throw new NotFoundError()
      return reply.page(
        'networks/views/switch.njk',
        { title: request.t('networks:switch.title'), choices: contextChoices(request.t, request.actor), errors: errorsView(request, errors) },
        status,
      )
    }

    app.get('/switch', guarded, async (request, reply) => showSwitch(request, reply))

    app.post('/switch', guarded, async (request, reply) => {
      const parsed = parseForm(switchContextSchema, request.body)
      const actor = request.actor
      const choice = parsed.ok ? parsed.value.context : null
      // Only a place the user really works: anything else is treated as not chosen.
      const known = choice && actor && contextChoices(request.t, actor).some((item) => item.value === `${choice.networkId}/${choice.organisationId ?? 'network'}`)
      if (!choice || !known) return showSwitch(request, reply, [{ field: 'context', message: 'networks:errors.contextRequired' }], 400)
      request.session.context = choice
      request.session.flash = 'networks:switch.done'
      return reply.redirect('/', 303)
    })
  }
}

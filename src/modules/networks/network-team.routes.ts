import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { parseForm, type FieldError } from '../../platform/forms/forms.js'
import { signedIn } from '../../platform/http/request-context.js'
import { callerOf, errorsView, formErrorsFrom } from '../../platform/http/route-support.js'
import type { Services } from '../../services.js'
import { keptValues } from './networks.presenter.js'
import { inviteAnalystSchema } from './networks.schemas.js'

/** The network's own team (coordinators and analysts) and inviting an analyst. */
export async function networkTeamRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { team } = services.networks
  const guarded = { preHandler: signedIn }

  app.get('/network/team', guarded, async (request, reply) => {
    const view = await team.team(callerOf(request))
    return reply.page('networks/views/network-team.njk', { title: request.t('networks:team.title'), backLink: '/', ...view })
  })

  const showInvite = async (request: FastifyRequest, reply: FastifyReply, errors: FieldError[] = [], status = 200) => {
    await team.team(callerOf(request))
    return reply.page(
      'networks/views/invite-analyst.njk',
      { title: request.t('networks:team.inviteTitle'), backLink: '/network/team', values: keptValues(request.body), errors: errorsView(request, errors) },
      status,
    )
  }

  app.get('/network/team/invite', guarded, async (request, reply) => showInvite(request, reply))

  app.post('/network/team/invite', guarded, async (request, reply) => {
    const parsed = parseForm(inviteAnalystSchema, request.body)
    if (!parsed.ok) return showInvite(request, reply, parsed.errors, 400)
    try {
      await team.inviteAnalyst(callerOf(request), parsed.value)
    } catch (error) {
      return showInvite(request, reply, formErrorsFrom(error), 400)
    }
    request.session.flash = 'networks:team.invited'
    return reply.redirect('/network/team', 303)
  })
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { NotFoundError } from '../../platform/errors.js'
import { parseForm, type FieldError } from '../../platform/forms/forms.js'
import { signedIn } from '../../platform/http/request-context.js'
import type { Services } from '../../services.js'
import { createNetworkSchema } from './networks.schemas.js'
import { hasSeveralContexts, keptValues, nationItems } from './networks.presenter.js'
import { callerOf, errorsView, formErrorsFrom } from '../../platform/http/route-support.js'

/** The front page (first run, start page or home) and the demo's account list. */
export async function firstRunRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { firstRun, organisations } = services.networks

  const showFirstRun = (request: FastifyRequest, reply: FastifyReply, errors: FieldError[] = [], status = 200) => {
    const values = keptValues(request.body, ['password', 'confirmPassword'])
    return reply.page(
      'networks/views/first-run.njk',
      { title: request.t('networks:firstRun.title'), values, nations: nationItems(request.t, values), errors: errorsView(request, errors) },
      status,
    )
  }

  app.get('/', async (request, reply) => {
    if (await firstRun.isFirstRun()) return showFirstRun(request, reply)
    if (!request.actor) {
      return reply.page('networks/views/start.njk', {
        title: request.t('networks:start.title'),
        hasDemo: (await firstRun.demoOverview()) !== null,
      })
    }
    await signedIn(request, reply)
    if (reply.sent) return reply
    if (!request.actor.context) return reply.page('networks/views/no-context.njk', { title: request.t('networks:home.title') })
    const home = await organisations.home(callerOf(request))
    return reply.page('networks/views/home.njk', {
      title: request.t('networks:home.title'),
      home,
      canSwitch: hasSeveralContexts(request.actor),
    })
  })

  app.post('/first-run/network', async (request, reply) => {
    if (!(await firstRun.isFirstRun())) throw new NotFoundError()
    const parsed = parseForm(createNetworkSchema, request.body)
    if (!parsed.ok) return showFirstRun(request, reply, parsed.errors, 400)
    let created: { networkId: string; userId: string }
    try {
      created = await firstRun.createNetwork(parsed.value, { language: request.lang, requestId: request.id })
    } catch (error) {
      return showFirstRun(request, reply, formErrorsFrom(error), 400)
    }
    // A new session id at sign-in, so a session fixed before it is worth nothing.
    await request.session.regenerate()
    request.session.userId = created.userId
    request.session.context = { networkId: created.networkId, organisationId: null }
    request.session.flash = 'networks:firstRun.created'
    return reply.redirect('/', 303)
  })

  app.post('/first-run/demo', async (_request, reply) => {
    if (!(await firstRun.isFirstRun())) throw new NotFoundError()
    await firstRun.exploreDemo()
    return reply.redirect('/demo', 303)
  })

  app.get('/demo', async (request, reply) => {
    const demo = await firstRun.demoOverview()
    if (!demo) throw new NotFoundError()
    return reply.page('networks/views/demo.njk', { title: request.t('networks:demo.title'), demo })
  })
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { parseForm, type FieldError } from '../../../platform/forms/forms.js'
import { signedIn } from '../../../platform/http/request-context.js'
import { keptValues } from '../../networks/networks.presenter.js'
import { callerOf, errorsView, formErrorsFrom, idFrom } from '../../../platform/http/route-support.js'
import type { TaxonomyService } from './taxonomy.service.js'
import { termSchema } from './taxonomy.schemas.js'
import { termHistoryRows, termListRows, termSummary } from './taxonomy.presenter.js'

/** The coordinator's list of issues: add, rename (keeping history), retire and reinstate. */
export async function taxonomyRoutes(app: FastifyInstance, taxonomy: TaxonomyService): Promise<void> {
  const guarded = { preHandler: signedIn }

  const showForm = (
    request: FastifyRequest,
    reply: FastifyReply,
    view: { mode: 'new' | 'edit'; action: string; backLink: string; values: Record<string, unknown> },
    errors: FieldError[] = [],
    status = 200,
  ) =>
    reply.page(
      'directory/taxonomy/views/term-form.njk',
      {
        title: request.t(view.mode === 'new' ? 'directory:taxonomy.newTitle' : 'directory:taxonomy.editTitle'),
        ...view,
        errors: errorsView(request, errors),
      },
      status,
    )

  app.get('/taxonomy', guarded, async (request, reply) => {
    const terms = await taxonomy.list(callerOf(request))
    return reply.page('directory/taxonomy/views/terms.njk', {
      title: request.t('directory:taxonomy.title'),
      rows: termListRows(request.t, request.lang, terms),
    })
  })

  const newView = (values: Record<string, unknown>) => ({ mode: 'new', action: '/taxonomy/new', backLink: '/taxonomy', values }) as const

  app.get('/taxonomy/new', guarded, async (request, reply) => {
    taxonomy.assertCanManage(callerOf(request))
    return showForm(request, reply, newView({}))
  })

  app.post('/taxonomy/new', guarded, async (request, reply) => {
    const caller = callerOf(request)
    taxonomy.assertCanManage(caller)
    const values = keptValues(request.body)
    const parsed = parseForm(termSchema, request.body)
    if (!parsed.ok) return showForm(request, reply, newView(values), parsed.errors, 400)
    let termId: string
    try {
      termId = await taxonomy.add(caller, parsed.value)
    } catch (error) {
      return showForm(request, reply, newView(values), formErrorsFrom(error), 400)
    }
    request.session.flash = 'directory:taxonomy.added'
    return reply.redirect(`/taxonomy/${termId}`, 303)
  })

  app.get('/taxonomy/:id', guarded, async (request, reply) => {
    const view = await taxonomy.show(callerOf(request), idFrom(request, 'id'))
    return reply.page('directory/taxonomy/views/term.njk', {
      title: view.term.name,
      backLink: '/taxonomy',
      term: view.term,
      heading: request.lang === 'cy' ? view.term.nameCy : view.term.name,
      summary: termSummary(request.t, view),
      history: termHistoryRows(request.t, request.lang, view.names),
    })
  })

  const editView = (id: string, values: Record<string, unknown>) =>
    ({ mode: 'edit', action: `/taxonomy/${id}/edit`, backLink: `/taxonomy/${id}`, values }) as const

  app.get('/taxonomy/:id/edit', guarded, async (request, reply) => {
    const term = await taxonomy.forEdit(callerOf(request), idFrom(request, 'id'))
    return showForm(request, reply, editView(term.id, { name: term.name, nameCy: term.nameCy, description: term.description }))
  })

  app.post('/taxonomy/:id/edit', guarded, async (request, reply) => {
    const caller = callerOf(request)
    const term = await taxonomy.forEdit(caller, idFrom(request, 'id'))
    const values = keptValues(request.body)
    const parsed = parseForm(termSchema, request.body)
    if (!parsed.ok) return showForm(request, reply, editView(term.id, values), parsed.errors, 400)
    try {
      await taxonomy.update(caller, term.id, parsed.value)
    } catch (error) {
      return showForm(request, reply, editView(term.id, values), formErrorsFrom(error), 400)
    }
    request.session.flash = 'directory:taxonomy.updated'
    return reply.redirect(`/taxonomy/${term.id}`, 303)
  })

  for (const [path, retired, flash] of [
    ['retire', true, 'directory:taxonomy.retiredDone'],
    ['reinstate', false, 'directory:taxonomy.reinstatedDone'],
  ] as const) {
    app.post(`/taxonomy/:id/${path}`, guarded, async (request, reply) => {
      const termId = idFrom(request, 'id')
      await taxonomy.setRetired(callerOf(request), termId, retired)
      request.session.flash = flash
      return reply.redirect(`/taxonomy/${termId}`, 303)
    })
  }
}

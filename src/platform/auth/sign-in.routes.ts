import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import type { AppDependencies } from '../../app.js'
import type { Services } from '../../services.js'
import { parseForm, presentErrors, type FieldError } from '../forms/forms.js'
import { safeNext, secondFactorSchema, signInSchema } from './auth.schemas.js'
import { authRateLimit } from './rate-limits.js'

const signInError: FieldError = { field: 'password', message: 'auth:errors.signInRefused' }
const lockedError: FieldError = { field: 'password', message: 'auth:errors.locked' }
const codeError: FieldError = { field: 'code', message: 'auth:errors.codeWrong' }

/** Signing in with a password and, where turned on, a second factor; and signing out. */
export function signInRoutes(services: Services, deps: AppDependencies): FastifyPluginAsync {
  const { auth } = services
  return async (app) => {
    const showSignIn = (request: FastifyRequest, reply: FastifyReply, values: Record<string, unknown>, errors: FieldError[] = [], status = 200) =>
      reply.page(
        'auth/views/sign-in.njk',
        { title: request.t('auth:signIn.title'), values, next: safeNext(values.next), locked: errors.includes(lockedError), errors: presentErrors(errors, request.t) },
        status,
      )

    app.get('/sign-in', async (request, reply) => {
      const next = safeNext((request.query as Record<string, unknown>).next)
      if (request.actor) return reply.redirect(next, 303)
      return showSignIn(request, reply, { next })
    })

    app.post('/sign-in', { config: authRateLimit(deps.config) }, async (request, reply) => {
      const form = parseForm(signInSchema, request.body)
      const typed = request.body as Record<string, unknown>
      if (!form.ok) return showSignIn(request, reply, { email: typed?.email, next: typed?.next }, form.errors, 400)
      const { email, password, next } = form.value
      const result = await auth.signIn(email, password)
      if (result.outcome === 'refused') return showSignIn(request, reply, { email, next }, [signInError], 400)
      if (result.outcome === 'locked') return showSignIn(request, reply, { email, next }, [lockedError], 400)
      // A new session id once the password is right, so an id planted before sign-in is worthless.
      await request.session.regenerate()
      if (result.outcome === 'secondFactorNeeded') {
        request.session.pendingUserId = result.userId
        return reply.redirect(`/sign-in/two-factor?next=${encodeURIComponent(safeNext(next))}`, 303)
      }
      request.session.userId = result.userId
      return reply.redirect(safeNext(next), 303)
    })

    const showSecondFactor = (request: FastifyRequest, reply: FastifyReply, next: string, errors: FieldError[] = [], status = 200) =>
      reply.page('auth/views/sign-in-two-factor.njk', { title: request.t('auth:twoFactorSignIn.title'), next, errors: presentErrors(errors, request.t) }, status)

    app.get('/sign-in/two-factor', async (request, reply) => {
      if (!request.session.pendingUserId) return reply.redirect('/sign-in', 303)
      return showSecondFactor(request, reply, safeNext((request.query as Record<string, unknown>).next))
    })

    app.post('/sign-in/two-factor', { config: authRateLimit(deps.config) }, async (request, reply) => {
      const pendingUserId = request.session.pendingUserId
      if (!pendingUserId) return reply.redirect('/sign-in', 303)
      const form = parseForm(secondFactorSchema, request.body)
      const next = safeNext((request.body as Record<string, unknown>)?.next)
      if (!form.ok) return showSecondFactor(request, reply, next, form.errors, 400)
      const result = await auth.passSecondFactor(pendingUserId, form.value.code)
      if (result.outcome === 'refused') return showSecondFactor(request, reply, next, [codeError], 400)
      if (result.outcome === 'locked') {
        request.session.pendingUserId = undefined
        return showSignIn(request, reply, { next }, [lockedError], 400)
      }
      // Fully signed in: another new session id; the working context chosen by an invitation is kept.
      await request.session.regenerate(['context'])
      request.session.userId = result.userId
      return reply.redirect(next, 303)
    })

    app.get('/sign-out', async (request, reply) => {
      const userId = request.session.userId
      await request.session.destroy()
      if (userId) await auth.recordSignOut(userId)
      request.actor = null
      return reply.page('auth/views/signed-out.njk', { title: request.t('auth:signedOut.title') })
    })
  }
}

import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import type { AppDependencies } from '../../app.js'
import type { Services } from '../../services.js'
import { parseForm, presentErrors } from '../forms/forms.js'
import { newPasswordSchema, passwordResetRequestSchema } from './auth.schemas.js'
import { authRateLimit } from './rate-limits.js'

interface TokenParams {
  Params: { token: string }
}

/** "Forgotten your password?": a link by email, then a new password; the link works once, for an hour. */
export function passwordResetRoutes(services: Services, deps: AppDependencies): FastifyPluginAsync {
  const { auth } = services
  return async (app) => {
    app.get('/password-reset', async (request, reply) =>
      reply.page('auth/views/password-reset-request.njk', { title: request.t('auth:passwordReset.title'), values: {}, backLink: '/sign-in' }),
    )

    app.post('/password-reset', { config: authRateLimit(deps.config) }, async (request, reply) => {
      const form = parseForm(passwordResetRequestSchema, request.body)
      if (!form.ok) {
        return reply.page(
          'auth/views/password-reset-request.njk',
          { title: request.t('auth:passwordReset.title'), values: request.body, errors: presentErrors(form.errors, request.t), backLink: '/sign-in' },
          400,
        )
      }
      await auth.requestPasswordReset(form.value.email, request.lang)
      // The same page whether or not the email belongs to anyone, so nobody can find out who has an account.
      return reply.page('auth/views/password-reset-sent.njk', { title: request.t('auth:passwordResetSent.title'), email: form.value.email })
    })

    const linkUnusable = (request: FastifyRequest, reply: FastifyReply) =>
      reply.page(
        'auth/views/link-unusable.njk',
        {
          title: request.t('auth:passwordResetUnusable.title'),
          body: request.t('auth:passwordResetUnusable.body'),
          linkText: request.t('auth:passwordResetUnusable.link'),
          linkHref: '/password-reset',
        },
        410,
      )

    app.get<TokenParams>('/password-reset/:token', async (request, reply) => {
      const reset = await auth.findPasswordReset(request.params.token)
      if (!reset) return linkUnusable(request, reply)
      return reply.page('auth/views/password-reset-form.njk', { title: request.t('auth:newPassword.title') })
    })

    app.post<TokenParams>('/password-reset/:token', { config: authRateLimit(deps.config) }, async (request, reply) => {
      const reset = await auth.findPasswordReset(request.params.token)
      if (!reset) return linkUnusable(request, reply)
      const form = parseForm(newPasswordSchema(reset.email), request.body)
      if (!form.ok) {
        return reply.page(
          'auth/views/password-reset-form.njk',
          { title: request.t('auth:newPassword.title'), errors: presentErrors(form.errors, request.t) },
          400,
        )
      }
      if (!(await auth.resetPassword(request.params.token, form.value.password))) return linkUnusable(request, reply)
      // Every session of this person has ended, this browser's too: start a clean one for the message.
      await request.session.regenerate()
      request.actor = null
      request.session.flash = 'auth:flash.passwordReset'
      return reply.redirect('/sign-in', 303)
    })
  }
}

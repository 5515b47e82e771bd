import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import type { AppDependencies } from '../../app.js'
import type { Services } from '../../services.js'
import { parseForm, presentErrors, type FieldError } from '../forms/forms.js'
import { signedIn } from '../http/request-context.js'
import { changePasswordSchema, totpCodeSchema } from './auth.schemas.js'
import { authRateLimit } from './rate-limits.js'
import { groupedSecret, qrCodeSvg } from './two-factor.presenter.js'

const codeWrong: FieldError = { field: 'code', message: 'auth:errors.codeWrong' }

/** The signed-in person's own account: details, password, two-factor, recovery codes and sessions. */
export function accountRoutes(services: Services, deps: AppDependencies): FastifyPluginAsync {
  const { auth } = services
  return async (app) => {
    app.addHook('preHandler', signedIn)
    const userOf = (request: FastifyRequest): string => {
      if (!request.actor) throw new Error('signedIn guard not run')
      return request.actor.userId
    }

    app.get('/account', async (request, reply) => {
      const security = await auth.accountSecurity(userOf(request))
      return reply.page('auth/views/account.njk', { title: request.t('auth:account.title'), security })
    })

    // Change password
    const showChangePassword = (request: FastifyRequest, reply: FastifyReply, errors: FieldError[] = [], status = 200) =>
      reply.page(
        'auth/views/change-password.njk',
        { title: request.t('auth:changePassword.title'), errors: presentErrors(errors, request.t), backLink: '/account' },
        status,
      )
    app.get('/account/password', async (request, reply) => showChangePassword(request, reply))
    app.post('/account/password', { config: authRateLimit(deps.config) }, async (request, reply) => {
      const actor = request.actor!
      const form = parseForm(changePasswordSchema(actor.email), request.body)
      if (!form.ok) return showChangePassword(request, reply, form.errors, 400)
      const result = await auth.changePassword(actor.userId, request.session.sessionId, form.value.currentPassword, form.value.password)
      if (result !== 'changed') {
        const message = result === 'locked' ? 'auth:errors.locked' : 'auth:errors.currentPasswordWrong'
        return showChangePassword(request, reply, [{ field: 'currentPassword', message }], 400)
      }
      request.session.flash = 'auth:flash.passwordChanged'
      return reply.redirect('/account', 303)
    })

    // Sign out of every other device
    app.get('/account/sessions', async (request, reply) => {
      const security = await auth.accountSecurity(userOf(request))
      return reply.page('auth/views/sessions.njk', { title: request.t('auth:sessions.title'), security, backLink: '/account' })
    })
    app.post('/account/sessions', async (request, reply) => {
      await auth.signOutOtherSessions(userOf(request), request.session.sessionId)
      request.session.flash = 'auth:flash.sessionsRevoked'
      return reply.redirect('/account', 303)
    })

    // Two-factor enrolment, then the recovery codes shown once
    const showEnrolment = async (request: FastifyRequest, reply: FastifyReply, errors: FieldError[] = [], status = 200) => {
      const enrolment = await auth.startEnrolment(userOf(request))
      if (enrolment.enabled) return reply.page('auth/views/two-factor-on.njk', { title: request.t('auth:twoFactorOn.title'), backLink: '/account' })
      return reply.page(
        'auth/views/two-factor-enrol.njk',
        {
          title: request.t('auth:enrol.title'),
          qrCode: await qrCodeSvg(enrolment.uri, request.t('auth:enrol.qrLabel')),
          secret: groupedSecret(enrolment.secret),
          errors: presentErrors(errors, request.t),
        },
        status,
      )
    }
    app.get('/account/two-factor', async (request, reply) => showEnrolment(request, reply))
    app.post('/account/two-factor', async (request, reply) => {
      const form = parseForm(totpCodeSchema, request.body)
      if (!form.ok) return showEnrolment(request, reply, form.errors, 400)
      const codes = await auth.confirmEnrolment(userOf(request), form.value.code, request.lang)
      if (!codes) return showEnrolment(request, reply, [codeWrong], 400)
      // Shown in this response only: the codes are stored hashed and cannot be shown again.
      return reply.page('auth/views/recovery-codes-show.njk', { title: request.t('auth:recoveryCodes.title'), codes, enrolled: true })
    })

    // New recovery codes, on a current authenticator code
    const showRegenerate = (request: FastifyRequest, reply: FastifyReply, errors: FieldError[] = [], status = 200) =>
      reply.page(
        'auth/views/recovery-codes-new.njk',
        { title: request.t('auth:newRecoveryCodes.title'), errors: presentErrors(errors, request.t), backLink: '/account' },
        status,
      )
    app.get('/account/recovery-codes', async (request, reply) => {
      if (!request.actor!.totpEnabled) return reply.redirect('/account/two-factor', 303)
      return showRegenerate(request, reply)
    })
    app.post('/account/recovery-codes', { config: authRateLimit(deps.config) }, async (request, reply) => {
      const form = parseForm(totpCodeSchema, request.body)
      if (!form.ok) return showRegenerate(request, reply, form.errors, 400)
      const codes = await auth.regenerateRecoveryCodes(userOf(request), form.value.code)
      if (!codes) return showRegenerate(request, reply, [codeWrong], 400)
      return reply.page('auth/views/recovery-codes-show.njk', { title: request.t('auth:recoveryCodes.title'), codes, enrolled: false })
    })
  }
}

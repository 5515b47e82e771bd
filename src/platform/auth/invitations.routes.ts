import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import type { AppDependencies } from '../../app.js'
import type { Services } from '../../services.js'
import { parseForm, presentErrors, type FieldError } from '../forms/forms.js'
import type { InvitationView } from './invitation-acceptance.service.js'
import { existingAccountSchema, newAccountSchema } from './auth.schemas.js'
import { authRateLimit } from './rate-limits.js'

interface TokenParams {
  Params: { token: string }
}

/** Accepting an invitation: choose a password (or confirm an existing one), join, and be signed in. */
export function invitationRoutes(services: Services, deps: AppDependencies): FastifyPluginAsync {
  const { auth } = services
  return async (app) => {
    const unusable = (request: FastifyRequest, reply: FastifyReply) =>
      reply.page(
        'auth/views/link-unusable.njk',
        {
          title: request.t('auth:invitationUnusable.title'),
          body: request.t('auth:invitationUnusable.body'),
          linkText: request.t('auth:invitationUnusable.link'),
          linkHref: '/sign-in',
        },
        410,
      )

    const show = (
      request: FastifyRequest,
      reply: FastifyReply,
      invitation: InvitationView,
      values: Record<string, unknown>,
      errors: FieldError[] = [],
      status = 200,
    ) =>
      reply.page(
        'auth/views/invitation.njk',
        {
          title: request.t('auth:invitation.title', { networkName: invitation.networkName }),
          invitation,
          values,
          errors: presentErrors(errors, request.t),
        },
        status,
      )

    app.get<TokenParams>('/invitations/:token', async (request, reply) => {
      const invitation = await auth.findInvitation(request.params.token)
      if (!invitation) return unusable(request, reply)
      return show(request, reply, invitation, { name: invitation.name })
    })

    app.post<TokenParams>('/invitations/:token', { config: authRateLimit(deps.config) }, async (request, reply) => {
      const invitation = await auth.findInvitation(request.params.token)
      if (!invitation) return unusable(request, reply)
      const typed = (request.body ?? {}) as Record<string, unknown>
      const form = invitation.hasAccount
        ? parseForm(existingAccountSchema.transform((value) => ({ ...value, name: undefined })), request.body)
        : parseForm(newAccountSchema(invitation.email), request.body)
      if (!form.ok) return show(request, reply, invitation, { name: typed.name }, form.errors, 400)
      const { name, password } = form.value
      const result = await auth.acceptInvitation(request.params.token, { name, password, language: request.lang })
      if (result.outcome === 'unusable') return unusable(request, reply)
      if (result.outcome !== 'accepted') {
        const message = result.outcome === 'locked' ? 'auth:errors.locked' : 'auth:errors.passwordWrong'
        return show(request, reply, invitation, {}, [{ field: 'password', message }], 400)
      }
      await request.session.regenerate()
      request.session.context = result.context
      if (result.secondFactorNeeded) {
        request.session.pendingUserId = result.userId
        return reply.redirect('/sign-in/two-factor', 303)
      }
      request.session.userId = result.userId
      request.session.flash = 'auth:flash.invitationAccepted'
      // The home page sends coordinators and organisation admins on to set up two-factor authentication.
      return reply.redirect('/', 303)
    })
  }
}

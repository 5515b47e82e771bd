import type { FastifyPluginAsync } from 'fastify'
import type { AppDependencies } from '../../app.js'
import type { Services } from '../../services.js'
import { accountRoutes } from './account.routes.js'
import { invitationRoutes } from './invitations.routes.js'
import { passwordResetRoutes } from './password-reset.routes.js'
import { signInRoutes } from './sign-in.routes.js'

/** Every page about accounts: sign in and out, password resets, invitations, two-factor and the account page. */
export function authRoutes(services: Services, deps: AppDependencies): FastifyPluginAsync {
  return async (app) => {
    await app.register(signInRoutes(services, deps))
    await app.register(passwordResetRoutes(services, deps))
    await app.register(invitationRoutes(services, deps))
    await app.register(accountRoutes(services, deps))
  }
}

import type { ServiceDependencies } from '../../services.js'
import { createAccountService, type AccountService } from './account.service.js'
import { createInvitationAcceptanceService, type InvitationAcceptanceService } from './invitation-acceptance.service.js'
import { createPasswordResetService, type PasswordResetService } from './password-reset.service.js'
import { createSignInService, type SignInService } from './sign-in.service.js'
import { createTwoFactorService, type TwoFactorService } from './two-factor.service.js'

/** Accounts: signing in and out, lockout, password resets, invitations, two-factor and the account page. */
export type AuthService = SignInService & PasswordResetService & InvitationAcceptanceService & TwoFactorService & AccountService

export function createAuthService(deps: ServiceDependencies): AuthService {
  const signIn = createSignInService(deps)
  return {
    ...signIn,
    ...createPasswordResetService(deps),
    ...createInvitationAcceptanceService(deps, signIn),
    ...createTwoFactorService(deps, signIn),
    ...createAccountService(deps, signIn),
  }
}

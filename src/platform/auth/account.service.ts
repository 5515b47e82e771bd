import type { ServiceDependencies } from '../../services.js'
import { audit } from '../audit/audit.service.js'
import { revokeSessionsOfUser } from '../http/sessions.repository.js'
import { countLiveSessionsOfUser, findUserById, updatePasswordHash } from './auth.repository.js'
import { hashPassword } from './passwords.js'
import { countUnusedRecoveryCodes } from './recovery-codes.repository.js'
import type { SignInService } from './sign-in.service.js'

export interface AccountSecurity {
  twoFactorEnabled: boolean
  unusedRecoveryCodes: number
  liveSessions: number
}

export interface AccountService {
  accountSecurity(userId: string): Promise<AccountSecurity>
  /** Checks the current password, sets the new one and signs out every other session. */
  changePassword(userId: string, currentSessionId: string, currentPassword: string, newPassword: string): Promise<'changed' | 'refused' | 'locked'>
  signOutOtherSessions(userId: string, currentSessionId: string): Promise<void>
}

export function createAccountService(deps: ServiceDependencies, signIn: SignInService): AccountService {
  const { db } = deps
  return {
    async accountSecurity(userId) {
      const [user, unusedRecoveryCodes, liveSessions] = await Promise.all([
        findUserById(db, userId),
        countUnusedRecoveryCodes(db, userId),
        countLiveSessionsOfUser(db, userId, deps.now()),
      ])
      return { twoFactorEnabled: user?.totpEnabledAt != null, unusedRecoveryCodes, liveSessions }
    },

    async changePassword(userId, currentSessionId, currentPassword, newPassword) {
      const user = await findUserById(db, userId)
      if (!user) return 'refused'
      // Wrong current passwords count towards the lockout, so a borrowed session cannot be used to guess it.
      const checked = await signIn.checkPasswordOf(user, currentPassword)
      if (checked !== 'ok') return checked
      const passwordHash = await hashPassword(newPassword)
      await db.transaction(async (tx) => {
        await updatePasswordHash(tx, userId, passwordHash)
        await revokeSessionsOfUser(tx, userId, currentSessionId)
        await audit(tx, { actorUserId: userId, action: 'user.password_changed', subjectType: 'user', subjectId: userId })
      })
      return 'changed'
    },

    async signOutOtherSessions(userId, currentSessionId) {
      await db.transaction(async (tx) => {
        await revokeSessionsOfUser(tx, userId, currentSessionId)
        await audit(tx, { actorUserId: userId, action: 'user.sessions_revoked', subjectType: 'user', subjectId: userId })
      })
    },
  }
}

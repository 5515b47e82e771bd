import type { ServiceDependencies } from '../../services.js'
import { transactionWithMail } from '../mail/mail.service.js'
import { audit } from '../audit/audit.service.js'
import { revokeSessionsOfUser } from '../http/sessions.repository.js'
import type { Language } from '../i18n/i18n.js'
import { queueMail } from '../mail/mail.js'
import { clearFailedSignIns, findUserByEmail, findUserById, updatePasswordHash } from './auth.repository.js'
import {
  findUsablePasswordReset,
  insertPasswordReset,
  markPasswordResetUsed,
  retirePasswordResetsOfUser,
} from './password-resets.repository.js'
import { hashPassword } from './passwords.js'
import { hashToken, newToken } from './tokens.js'

export const passwordResetLifetimeMinutes = 60

export interface PasswordResetService {
  /** Sends a link if the email belongs to someone; says nothing either way. */
  requestPasswordReset(email: string, language: Language): Promise<void>
  /** The account a usable link is for (its email, to check the new password against), or null. */
  findPasswordReset(token: string): Promise<{ email: string } | null>
  /** Sets the new password and signs the person out everywhere; false if the link is used or expired. */
  resetPassword(token: string, password: string): Promise<boolean>
}

export function createPasswordResetService(deps: ServiceDependencies): PasswordResetService {
  const { db, config } = deps
  return {
    async requestPasswordReset(email, language) {
      const user = await findUserByEmail(db, email)
      if (!user) return
      const now = deps.now()
      const { token, tokenHash } = newToken()
      await transactionWithMail(deps, async (tx) => {
        const id = await insertPasswordReset(tx, {
          userId: user.id,
          tokenHash,
          expiresAt: new Date(now.getTime() + passwordResetLifetimeMinutes * 60_000),
        })
        await queueMail(tx, {
          networkId: null,
          to: user.email,
          template: 'passwordReset',
          language,
          data: { name: user.name, link: `${config.BASE_URL}/password-reset/${token}` },
        })
        await audit(tx, { action: 'user.password_reset_requested', subjectType: 'user', subjectId: user.id, details: { resetId: id } })
      })
    },

    async findPasswordReset(token) {
      const reset = await findUsablePasswordReset(db, hashToken(token), deps.now())
      if (!reset) return null
      const user = await findUserById(db, reset.userId)
      return user ? { email: user.email } : null
    },

    async resetPassword(token, password) {
      const passwordHash = await hashPassword(password)
      const now = deps.now()
      return db.transaction(async (tx) => {
        const reset = await markPasswordResetUsed(tx, hashToken(token), now)
        if (!reset) return false
        await updatePasswordHash(tx, reset.userId, passwordHash)
        await retirePasswordResetsOfUser(tx, reset.userId, now)
        await clearFailedSignIns(tx, reset.userId)
        // Whoever knew the old password may still be signed in somewhere: end every session.
        await revokeSessionsOfUser(tx, reset.userId)
        await audit(tx, { actorUserId: reset.userId, action: 'user.password_reset', subjectType: 'user', subjectId: reset.userId })
        return true
      })
    },
  }
}

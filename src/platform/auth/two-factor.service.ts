import type { ServiceDependencies } from '../../services.js'
import { transactionWithMail } from '../mail/mail.service.js'
import { audit } from '../audit/audit.service.js'
import { decryptText, encryptText } from '../crypto.js'
import type { Language } from '../i18n/i18n.js'
import { queueMail } from '../mail/mail.js'
import { enableTotp, findUserById, storePendingTotpSecret } from './auth.repository.js'
import { replaceRecoveryCodes } from './recovery-codes.repository.js'
import { checkTotpCode, hashRecoveryCode, newRecoveryCodes, newTotpSecret, totpUri } from './second-factor.js'
import type { SignInService } from './sign-in.service.js'

export type Enrolment = { enabled: true } | { enabled: false; secret: string; uri: string }

export interface TwoFactorService {
  /** The secret to set up an authenticator app with; kept (encrypted) until a code from it is confirmed. */
  startEnrolment(userId: string): Promise<Enrolment>
  /** Turns two-factor on if the code is right; returns the recovery codes to show once, or null. */
  confirmEnrolment(userId: string, code: string, language: Language): Promise<string[] | null>
  /** New recovery codes (the old ones stop working) if the authenticator code is right; otherwise null. */
  regenerateRecoveryCodes(userId: string, code: string): Promise<string[] | null>
}

export function createTwoFactorService(deps: ServiceDependencies, signIn: SignInService): TwoFactorService {
  const { db, config } = deps
  return {
    async startEnrolment(userId) {
      const user = await findUserById(db, userId)
      if (!user) throw new Error('user not found')
      if (user.totpEnabledAt) return { enabled: true }
      // Reloading the page keeps the same secret, so an app already set up from it still works.
      let secret = user.totpSecret ? decryptText(user.totpSecret, config.ENCRYPTION_KEY) : null
      if (!secret) {
        secret = newTotpSecret()
        await storePendingTotpSecret(db, userId, encryptText(secret, config.ENCRYPTION_KEY))
      }
      return { enabled: false, secret, uri: totpUri(secret, user.email) }
    },

    async confirmEnrolment(userId, code, language) {
      const user = await findUserById(db, userId)
      if (!user?.totpSecret || user.totpEnabledAt) return null
      const now = deps.now()
      const result = checkTotpCode(decryptText(user.totpSecret, config.ENCRYPTION_KEY), code, now)
      if (!result.valid) return null
      const codes = newRecoveryCodes()
      const enabled = await transactionWithMail(deps, async (tx) => {
        if (!(await enableTotp(tx, userId, now, result.timeStep))) return false
        await replaceRecoveryCodes(tx, userId, codes.map(hashRecoveryCode))
        await queueMail(tx, { networkId: null, to: user.email, template: 'twoFactorEnabled', language, data: { name: user.name } })
        await audit(tx, { actorUserId: userId, action: 'user.two_factor_enabled', subjectType: 'user', subjectId: userId })
        return true
      })
      return enabled ? codes : null
    },

    async regenerateRecoveryCodes(userId, code) {
      const user = await findUserById(db, userId)
      if (!user || !(await signIn.checkTotpOf(user, code))) return null
      const codes = newRecoveryCodes()
      await db.transaction(async (tx) => {
        await replaceRecoveryCodes(tx, userId, codes.map(hashRecoveryCode))
        await audit(tx, { actorUserId: userId, action: 'user.recovery_codes_replaced', subjectType: 'user', subjectId: userId })
      })
      return codes
    },
  }
}

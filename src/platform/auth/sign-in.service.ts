import type { Executor } from '../../db/client.js'
import { transactionWithMail } from '../mail/mail.service.js'
import type { ServiceDependencies } from '../../services.js'
import { audit } from '../audit/audit.service.js'
import { decryptText } from '../crypto.js'
import { isLanguage } from '../i18n/i18n.js'
import { queueMail } from '../mail/mail.js'
import { claimTotpStep, findUserByEmail, findUserById, markSignedIn, recordFailedSignIn, type UserRow } from './auth.repository.js'
import { hashPassword, verifyPassword } from './passwords.js'
import { useRecoveryCode } from './recovery-codes.repository.js'
import { checkTotpCode, hashRecoveryCode, looksLikeTotpCode } from './second-factor.js'

/** Failed attempts (password or second factor) before the account locks, and for how long. */
export const failedAttemptLimit = 5
export const lockMinutes = 15

export type SignInOutcome =
  | { outcome: 'refused' }
  | { outcome: 'locked' }
  | { outcome: 'signedIn'; userId: string }
  | { outcome: 'secondFactorNeeded'; userId: string }

export type SecondFactorOutcome = { outcome: 'refused' } | { outcome: 'locked' } | { outcome: 'signedIn'; userId: string }

export interface SignInService {
  signIn(email: string, password: string): Promise<SignInOutcome>
  passSecondFactor(userId: string, code: string): Promise<SecondFactorOutcome>
  recordSignOut(userId: string): Promise<void>
  /** Checks a password for someone already known (accepting an invitation), with the same lockout. */
  checkPasswordOf(user: UserRow, password: string): Promise<'ok' | 'refused' | 'locked'>
  /** A code from the authenticator app, used once. */
  checkTotpOf(user: UserRow, code: string): Promise<boolean>
}

export function isLocked(user: Pick<UserRow, 'lockedUntil'>, now: Date): boolean {
  return user.lockedUntil !== null && user.lockedUntil.getTime() > now.getTime()
}

export function createSignInService(deps: ServiceDependencies): SignInService {
  const { db, config } = deps
  // Hashed once, lazily: checking a password against it for unknown emails takes as long as for real ones.
  let dummyHash: Promise<string> | undefined
  const timingDecoy = (): Promise<string> => (dummyHash ??= hashPassword(`no-such-user-${Math.random()}`))

  /** Counts a failure; at the limit the account locks, the person is told by email, and both are audited. */
  async function recordFailure(user: UserRow, reason: 'password' | 'second_factor'): Promise<'refused' | 'locked'> {
    const now = deps.now()
    return transactionWithMail(deps, async (tx) => {
      const lockUntil = new Date(now.getTime() + lockMinutes * 60_000)
      const result = await recordFailedSignIn(tx, user.id, { limit: failedAttemptLimit, now, lockUntil })
      if (!result.counted) return 'locked'
      await audit(tx, { actorUserId: null, action: 'user.sign_in_failed', subjectType: 'user', subjectId: user.id, details: { reason } })
      if (!result.locked) return 'refused'
      await audit(tx, { action: 'user.locked', subjectType: 'user', subjectId: user.id, details: { minutes: lockMinutes } })
      await queueMail(tx, {
        networkId: null,
        to: user.email,
        template: 'accountLocked',
        language: isLanguage(user.language) ? user.language : 'en',
        data: { name: user.name, link: `${config.BASE_URL}/password-reset` },
      })
      return 'locked'
    })
  }

  async function completeSignIn(tx: Executor, userId: string, method: string): Promise<void> {
    await markSignedIn(tx, userId, deps.now())
    await audit(tx, { actorUserId: userId, action: 'user.signed_in', subjectType: 'user', subjectId: userId, details: { method } })
  }

  async function checkPasswordOf(user: UserRow, password: string): Promise<'ok' | 'refused' | 'locked'> {
    const matches = await verifyPassword(user.passwordHash ?? (await timingDecoy()), password)
    if (isLocked(user, deps.now())) return 'locked'
    if (!matches || !user.passwordHash) return recordFailure(user, 'password')
    return 'ok'
  }

  async function checkTotpOf(user: UserRow, code: string): Promise<boolean> {
    if (!user.totpSecret || !user.totpEnabledAt) return false
    const result = checkTotpCode(decryptText(user.totpSecret, config.ENCRYPTION_KEY), code, deps.now())
    return result.valid && (await claimTotpStep(db, user.id, result.timeStep))
  }

  return {
    checkPasswordOf,
    checkTotpOf,

    async signIn(email, password) {
      const user = await findUserByEmail(db, email)
      if (!user) {
        await verifyPassword(await timingDecoy(), password)
        return { outcome: 'refused' }
      }
      const checked = await checkPasswordOf(user, password)
      if (checked !== 'ok') return { outcome: checked }
      // The failure count is only cleared once every factor has passed, so the password cannot be used to reset it.
      if (user.totpEnabledAt) return { outcome: 'secondFactorNeeded', userId: user.id }
      await db.transaction((tx) => completeSignIn(tx, user.id, 'password'))
      return { outcome: 'signedIn', userId: user.id }
    },

    async passSecondFactor(userId, code) {
      const user = await findUserById(db, userId)
      if (!user || !user.totpEnabledAt) return { outcome: 'refused' }
      if (isLocked(user, deps.now())) return { outcome: 'locked' }
      if (looksLikeTotpCode(code)) {
        if (await checkTotpOf(user, code)) {
          await db.transaction((tx) => completeSignIn(tx, user.id, 'totp'))
          return { outcome: 'signedIn', userId: user.id }
        }
      } else {
        const usedRecoveryCode = await db.transaction(async (tx) => {
          if (!(await useRecoveryCode(tx, user.id, hashRecoveryCode(code), deps.now()))) return false
          await audit(tx, { actorUserId: user.id, action: 'user.recovery_code_used', subjectType: 'user', subjectId: user.id })
          await completeSignIn(tx, user.id, 'recovery_code')
          return true
        })
        if (usedRecoveryCode) return { outcome: 'signedIn', userId: user.id }
      }
      return { outcome: await recordFailure(user, 'second_factor') }
    },

    async recordSignOut(userId) {
      await audit(db, { actorUserId: userId, action: 'user.signed_out', subjectType: 'user', subjectId: userId })
    },
  }
}

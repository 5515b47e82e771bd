import { z } from 'zod'

/** Password rules shared by invitations, resets and changes. */
export const passwordMinLength = 10
export const passwordMaxLength = 256

const email = z
  .string({ error: 'auth:errors.emailRequired' })
  .trim()
  .min(1, 'auth:errors.emailRequired')
  .max(320, 'auth:errors.emailFormat')
  .pipe(z.email('auth:errors.emailFormat'))

const required = (message: string) => z.string({ error: message }).min(1, message)

export const signInSchema = z.object({
  email,
  password: required('auth:errors.passwordRequired'),
  next: z.string().optional(),
})

export const secondFactorSchema = z.object({
  code: z.string({ error: 'auth:errors.codeRequired' }).trim().min(1, 'auth:errors.codeRequired').max(40, 'auth:errors.codeWrong'),
  next: z.string().optional(),
})

export const passwordResetRequestSchema = z.object({ email })

/** A six-digit code from an authenticator app; spaces are allowed because some apps show them. */
export const totpCodeSchema = z.object({
  code: z
    .string({ error: 'auth:errors.codeRequired' })
    .transform((value) => value.replace(/\s+/g, ''))
    .pipe(z.string().min(1, 'auth:errors.codeRequired').regex(/^\d{6}$/, 'auth:errors.codeFormat')),
})

/** A password someone is choosing: the one rule for its length, wherever it is chosen. */
export const choosePassword = z
  .string({ error: 'auth:errors.newPasswordRequired' })
  .min(1, 'auth:errors.newPasswordRequired')
  .min(passwordMinLength, 'auth:errors.passwordTooShort')
  .max(passwordMaxLength, 'auth:errors.passwordTooLong')

const newPasswordFields = {
  password: choosePassword,
  confirmPassword: z.string({ error: 'auth:errors.confirmPasswordRequired' }).min(1, 'auth:errors.confirmPasswordRequired'),
}

/** The new password must not be the email address, and the two copies must match. */
function checkNewPassword(accountEmail: string) {
  return (value: { password: string; confirmPassword: string }, ctx: z.RefinementCtx): void => {
    if (value.password.trim().toLowerCase() === accountEmail.trim().toLowerCase()) {
      ctx.addIssue({ code: 'custom', path: ['password'], message: 'auth:errors.passwordIsEmail' })
    }
    if (value.password !== value.confirmPassword) {
      ctx.addIssue({ code: 'custom', path: ['confirmPassword'], message: 'auth:errors.passwordsDiffer' })
    }
  }
}

export function newPasswordSchema(accountEmail: string) {
  return z.object(newPasswordFields).superRefine(checkNewPassword(accountEmail))
}

export function changePasswordSchema(accountEmail: string) {
  return z
    .object({ currentPassword: required('auth:errors.currentPasswordRequired'), ...newPasswordFields })
    .superRefine(checkNewPassword(accountEmail))
}

/** Someone new accepting an invitation: their name (prefilled from the invitation) and a password. */
export function newAccountSchema(accountEmail: string) {
  return z
    .object({
      name: z.string({ error: 'auth:errors.nameRequired' }).trim().min(1, 'auth:errors.nameRequired').max(200, 'auth:errors.nameTooLong'),
      ...newPasswordFields,
    })
    .superRefine(checkNewPassword(accountEmail))
}

/** Someone who already has an account accepting an invitation: their existing password. */
export const existingAccountSchema = z.object({ password: required('auth:errors.passwordRequired') })

/** Only a path on this site, so a link in a phishing email cannot send people elsewhere after they sign in. */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || next.length > 2000) return '/'
  if (!next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return '/'
  if (/[\u0000-\u001f\u007f]/.test(next)) return '/'
  return next
}

import { randomInt } from 'node:crypto'
import { generateSecret, generateURI, verifySync } from 'otplib'
import { hashToken } from './tokens.js'

export const totpIssuer = 'No Wrong Door'
const periodSeconds = 30
export const recoveryCodeCount = 10

export function newTotpSecret(): string {
  return generateSecret()
}

/** The otpauth:// address an authenticator app reads from the QR code. */
export function totpUri(secret: string, accountEmail: string): string {
  return generateURI({ issuer: totpIssuer, label: accountEmail, secret })
}

/** Checks a six-digit code, allowing one 30-second step either side for a slow phone clock. */
export function checkTotpCode(secret: string, code: string, now: Date): { valid: true; timeStep: number } | { valid: false } {
  const token = code.replace(/\s+/g, '')
  if (!/^\d{6}$/.test(token)) return { valid: false }
  try {
    const result = verifySync({ secret, token, epoch: Math.floor(now.getTime() / 1000), epochTolerance: periodSeconds })
    return result.valid && 'timeStep' in result ? { valid: true, timeStep: result.timeStep } : { valid: false }
  } catch {
    return { valid: false }
  }
}

export function looksLikeTotpCode(code: string): boolean {
  return /^\d{6}$/.test(code.replace(/\s+/g, ''))
}

// Crockford's base32: no I, L, O or U, so codes read aloud or copied by hand are not mistaken.
const alphabet = '0123456789abcdefghjkmnpqrstvwxyz'

/** Ten codes like "4f7kq-2m9xd", about 50 bits each; shown once, stored only as hashes. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: recoveryCodeCount }, () => {
    const chars = Array.from({ length: 10 }, () => alphabet[randomInt(alphabet.length)]).join('')
    return `${chars.slice(0, 5)}-${chars.slice(5)}`
  })
}

/** The same hash whatever the case, spaces or hyphens the person typed. */
export function hashRecoveryCode(code: string): string {
  const normalised = code
    .toLowerCase()
    .replace(/[\s-]+/g, '')
    .replace(/o/g, '0')
    .replace(/[il]/g, '1')
  return hashToken(`recovery:${normalised}`)
}

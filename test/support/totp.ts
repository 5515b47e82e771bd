import { generateSecret, generateSync } from 'otplib'

export function generateSecretSync(): string {
  return generateSecret()
}

/** The code an authenticator app would show now. */
export function currentCode(secret: string): string {
  return generateSync({ secret })
}

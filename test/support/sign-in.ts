import type { App } from '../../src/app.js'
import { testPassword } from '../factories.js'
import { BrowserClient } from './browser-client.js'
import { currentCode } from './totp.js'

/**
 * A browser signed in through the real /sign-in and /sign-in/two-factor forms.
 * A TOTP code works once, so sign each user in once per test.
 */
export async function signIn(
  app: App,
  user: { email: string; totpSecretPlain?: string },
  password = testPassword,
): Promise<BrowserClient> {
  const browser = new BrowserClient(app.server)
  const afterPassword = await browser.submit('/sign-in', { email: user.email, password })
  if (afterPassword.status !== 303) throw new Error(`sign-in refused for ${user.email} (status ${afterPassword.status})`)
  if (afterPassword.location?.startsWith('/sign-in/two-factor')) {
    if (!user.totpSecretPlain) throw new Error(`${user.email} needs a second factor but has no TOTP secret`)
    const afterCode = await browser.submit(afterPassword.location, { code: currentCode(user.totpSecretPlain) }, '/sign-in/two-factor')
    if (afterCode.status !== 303) throw new Error(`second factor refused for ${user.email} (status ${afterCode.status})`)
  }
  return browser
}

import type { Browser, Page } from 'playwright-core'
import { testPassword } from '../../factories.js'
import { SignInPage } from '../pages/account-pages.js'
import { HomePage } from '../pages/network-pages.js'
import { newVisitor } from './visitor.js'

/** Someone without two-factor signs in with the factories' password, in a browser of their own, and lands at home. */
export async function signInAs(browser: Browser, baseUrl: string, email: string): Promise<{ tab: Page; home: HomePage }> {
  const tab = await newVisitor(browser, baseUrl)
  const home = await (await SignInPage.open(tab)).as(email, testPassword, HomePage)
  return { tab, home }
}

/** Helpers for the account tests: sign in as a browser would, and read what was sent to someone. */
import { and, desc, eq } from 'drizzle-orm'
import { generateSync } from 'otplib'
import { outbox } from '../../db/schema/index.js'
import { testPassword } from '../../../test/factories.js'
import { testDatabase } from '../../../test/support/database.js'
import type { BrowserClient, PageResponse } from '../../../test/support/browser-client.js'

export async function signInWithPassword(browser: BrowserClient, email: string, password = testPassword): Promise<PageResponse> {
  return browser.submit('/sign-in', { email, password })
}

/** The messages queued for one address (newest first), optionally of one template. */
export async function outboxFor(email: string, template?: string) {
  const { db } = await testDatabase()
  return db
    .select()
    .from(outbox)
    .where(template ? and(eq(outbox.toAddress, email), eq(outbox.template, template)) : eq(outbox.toAddress, email))
    .orderBy(desc(outbox.createdAt))
}

/** The link in the newest message of a template to an address. */
export async function linkSentTo(email: string, template: string): Promise<string> {
  const [message] = await outboxFor(email, template)
  const link = /https?:\/\/\S+/.exec(message?.bodyText ?? '')?.[0]
  if (!link) throw new Error(`no ${template} link sent to ${email}`)
  return new URL(link).pathname
}

/** The code an authenticator app would show at a given moment. */
export function codeAt(secret: string, at: Date): string {
  return generateSync({ secret, epoch: Math.floor(at.getTime() / 1000) })
}

/** Plain text of a page, for asserting on what a person reads. */
export function textOf(page: PageResponse): string {
  return page.body.replace(/<[^>]+>/g, ' ').replace(/&#39;|&rsquo;/g, '’').replace(/\s+/g, ' ')
}

import { inArray } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { outbox } from '../../db/schema/index.js'
import { testDatabase } from '../../../test/support/database.js'
import { queueMails, renderMail, type MailMessage } from './mail.js'

describe('queueMails', () => {
  it('gives each message its own name and language, as rendering each alone would', async () => {
    const { db } = await testDatabase()
    const tag = `${Date.now()}-${Math.random()}`
    const data = { summary: 'R-ABC234 was accepted', link: 'https://example.org/referrals/1', preferencesLink: 'https://example.org/notifications/preferences' }
    // Names that a careless substitution would mangle: replacement patterns, the template's own braces.
    const messages: MailMessage[] = [
      { networkId: null, to: `a-${tag}@example.org`, template: 'referralUpdate', language: 'en', data: { ...data, name: 'Ann $& Co' } },
      { networkId: null, to: `b-${tag}@example.org`, template: 'referralUpdate', language: 'en', data: { ...data, name: 'Bo {{summary}}' } },
      { networkId: null, to: `c-${tag}@example.org`, template: 'referralUpdate', language: 'cy', data: { ...data, name: 'Cerys' } },
      { networkId: null, to: `d-${tag}@example.org`, template: 'referralUpdate', language: 'en', data: { ...data, summary: 'R-XYZ789 was declined', name: 'Dai' } },
    ]
    await queueMails(db, messages)
    const rows = await db.select().from(outbox).where(inArray(outbox.toAddress, messages.map((message) => message.to)))
    const byAddress = new Map(rows.map((row) => [row.toAddress, { subject: row.subject, bodyText: row.bodyText }]))
    for (const message of messages) expect(byAddress.get(message.to)).toEqual(renderMail(message.template, message.language, message.data))
    expect(byAddress.get(`a-${tag}@example.org`)?.bodyText).toMatch(/^Hello Ann \$& Co,/)
    expect(byAddress.get(`c-${tag}@example.org`)?.bodyText).toMatch(/^Helo Cerys,/)
  })
})

import { inArray } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { outbox } from '../../db/schema/index.js'
import { testDatabase } from '../../../test/support/database.js'
import { insertOutboxMessages } from './outbox.repository.js'

describe('insertOutboxMessages', () => {
  it('writes every message exactly as given, awkward characters and all, in one statement', async () => {
    const { db } = await testDatabase()
    const tag = `${Date.now()}-${Math.random()}`
    const awkward = `Quotes " and ', a comma, {braces}, back\\slash, NULL, a new\nline and Cymraeg: ŵ ŷ`
    const messages = [
      { networkId: null, toAddress: `a-${tag}@example.org`, subject: awkward, bodyText: 'one', language: 'cy', template: 'referralUpdate' },
      { networkId: null, toAddress: `b-${tag}@example.org`, subject: 'Plain', bodyText: awkward, language: 'en', template: 'referralUpdate' },
    ]
    await insertOutboxMessages(db, messages)
    const rows = await db.select().from(outbox).where(inArray(outbox.toAddress, messages.map((message) => message.toAddress)))
    expect(rows.map(({ toAddress, subject, bodyText, language, template, status, networkId }) => ({ networkId, toAddress, subject, bodyText, language, template, status })).sort((x, y) => x.toAddress.localeCompare(y.toAddress))).toEqual(
      messages.map((message) => ({ ...message, status: 'pending' })),
    )
  })
})

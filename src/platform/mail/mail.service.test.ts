import { randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../app.js'
import { outbox } from '../../db/schema/index.js'
import { testApp } from '../../../test/support/app.js'
import { startSmtpSink, unusedPort, type SmtpSink } from '../../../test/support/smtp-sink.js'
import { networkFactory } from '../../../test/factories.js'
import { queueMail } from './mail.js'
import { MailDeliveryError } from './mail.service.js'
import { findOutboxMessage } from './outbox.repository.js'

const someone = (): string => `someone-${randomUUID().slice(0, 8)}@example.org`

describe('mail delivery by SMTP', () => {
  let sink: SmtpSink
  let app: App
  beforeAll(async () => {
    sink = await startSmtpSink()
    app = await testApp({ config: { SMTP_URL: sink.url, MAIL_FROM: 'Riverside <no-reply@riverside.example>' } })
  })
  afterAll(async () => {
    await app.server.close()
    await sink.stop()
  })

  it('delivers a queued message and marks it sent', async () => {
    const { db } = app.services.deps
    const network = await networkFactory.create()
    const to = someone()
    const id = await queueMail(db, {
      networkId: network.id,
      to,
      template: 'passwordReset',
      language: 'en',
      data: { name: 'Ada', link: 'http://localhost:3000/password-reset/abc123' },
    })

    expect(await app.services.mail.deliverPending({ networkId: network.id })).toEqual({ sent: 1, failed: 0 })

    const mail = await sink.waitFor((received) => received.to.includes(to))
    expect(mail.from).toBe('no-reply@riverside.example')
    expect(mail.subject).toBe('Reset your No Wrong Door password')
    expect(mail.text).toContain('Hello Ada,')
    expect(mail.text).toContain('http://localhost:3000/password-reset/abc123')
    const row = await findOutboxMessage(db, id)
    expect(row).toMatchObject({ status: 'sent', transport: 'smtp', attempts: 1, lastError: null, providerId: mail.messageId })
    expect(row?.sentAt).toBeInstanceOf(Date)

    // A second attempt (a duplicate job, say) finds it sent and sends nothing.
    expect(await app.services.mail.deliverOutboxMessage(id)).toBe('skipped')
    expect(sink.messages.filter((received) => received.to.includes(to))).toHaveLength(1)
  })

  it('sends a Welsh message in Welsh', async () => {
    const network = await networkFactory.create()
    const to = someone()
    await queueMail(app.services.deps.db, {
      networkId: network.id,
      to,
      template: 'accountLocked',
      language: 'cy',
      data: { name: 'Siân', link: 'http://localhost:3000/password-reset' },
    })
    await app.services.mail.deliverPending({ networkId: network.id })
    const mail = await sink.waitFor((received) => received.to.includes(to))
    expect(mail.subject).toBe('Mae eich cyfrif Dim Drws Anghywir wedi’i gloi')
    expect(mail.text).toContain('Helo Siân,')
    expect(mail.headers.get('content-language')).toBe('cy')
  })

  it('writes the outbox row in the caller’s transaction: a rollback leaves no message', async () => {
    const { db } = app.services.deps
    const network = await networkFactory.create()
    const rolledBack = someone()
    const committed = someone()
    const message = { networkId: network.id, template: 'twoFactorEnabled', language: 'en', data: { name: 'Ada' } } as const

    await expect(
      db.transaction(async (tx) => {
        await queueMail(tx, { ...message, to: rolledBack })
        throw new Error('the change failed')
      }),
    ).rejects.toThrow('the change failed')
    await db.transaction(async (tx) => {
      await queueMail(tx, { ...message, to: committed })
    })

    expect(await db.select().from(outbox).where(eq(outbox.toAddress, rolledBack))).toHaveLength(0)
    expect(await db.select().from(outbox).where(eq(outbox.toAddress, committed))).toHaveLength(1)
    expect(await app.services.mail.deliverPending({ networkId: network.id })).toEqual({ sent: 1, failed: 0 })
  })
})

describe('mail delivery while the SMTP server is down', () => {
  // Each test has its own port, so a server one test starts is down for the others.
  const running: { close(): Promise<unknown> }[] = []
  afterAll(async () => {
    for (const thing of running) await thing.close()
  })
  async function appWithSmtpDown(): Promise<{ app: App; port: number }> {
    const port = await unusedPort()
    const app = await testApp({ config: { SMTP_URL: `smtp://127.0.0.1:${port}` } })
    running.push(app.server)
    return { app, port }
  }
  async function startSinkOn(port: number): Promise<SmtpSink> {
    const sink = await startSmtpSink(port)
    running.push({ close: () => sink.stop() })
    return sink
  }

  it('keeps the message and delivers it once the server is back', async () => {
    const { app, port } = await appWithSmtpDown()
    const { db } = app.services.deps
    const network = await networkFactory.create()
    const to = someone()
    const id = await queueMail(db, {
      networkId: network.id,
      to,
      template: 'invitation',
      language: 'en',
      data: { name: 'Bo', inviterName: 'Ada', organisationName: 'Foodbank', networkName: 'Riverside', link: 'http://x/i/1', expires: '1 May' },
    })

    expect(await app.services.mail.deliverPending({ networkId: network.id })).toEqual({ sent: 0, failed: 1 })
    let row = await findOutboxMessage(db, id)
    expect(row).toMatchObject({ status: 'pending', attempts: 1, sentAt: null })
    expect(row?.lastError).toMatch(/ECONNREFUSED|ECONNECTION/)
    expect(row?.lastError).not.toContain(to)

    // As a job would: the failure is thrown so the queue retries, and recorded on the message.
    await expect(app.services.mail.deliverOutboxMessage(id)).rejects.toBeInstanceOf(MailDeliveryError)
    row = await findOutboxMessage(db, id)
    expect(row).toMatchObject({ status: 'pending', attempts: 2 })

    const sink = await startSinkOn(port)
    expect(await app.services.mail.deliverPending({ networkId: network.id })).toEqual({ sent: 1, failed: 0 })
    const mail = await sink.waitFor((received) => received.to.includes(to))
    expect(mail.subject).toBe('You have been invited to join Riverside')
    row = await findOutboxMessage(db, id)
    expect(row).toMatchObject({ status: 'sent', attempts: 3, lastError: null, transport: 'smtp' })

    expect(await app.services.mail.deliverPending({ networkId: network.id })).toEqual({ sent: 0, failed: 0 })
    expect(sink.messages.filter((received) => received.to.includes(to))).toHaveLength(1)
  })

  it('rests a message whose retries ran out as failed; a direct delivery still sends it', async () => {
    const { app, port } = await appWithSmtpDown()
    const { db } = app.services.deps
    const network = await networkFactory.create()
    const to = someone()
    const id = await queueMail(db, { networkId: network.id, to, template: 'twoFactorEnabled', language: 'en', data: { name: 'Ada' } })

    await expect(app.services.mail.deliverOutboxMessage(id, { finalAttempt: true })).rejects.toThrow(MailDeliveryError)
    const row = await findOutboxMessage(db, id)
    expect(row?.status).toBe('failed')
    // It rests about an hour before the dispatcher gives it another round of retries…
    expect(row?.lockedUntil?.getTime()).toBeGreaterThan(Date.now() + 55 * 60_000)
    // …and meanwhile a stray job does not take it.
    expect(await app.services.mail.deliverOutboxMessage(id)).toBe('skipped')

    const sink = await startSinkOn(port)
    expect(await app.services.mail.deliverPending({ networkId: network.id })).toEqual({ sent: 1, failed: 0 })
    await sink.waitFor((received) => received.to.includes(to))
    expect(await findOutboxMessage(db, id)).toMatchObject({ status: 'sent', attempts: 2 })
  })
})

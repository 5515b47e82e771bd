import { createHmac, randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { unusedPort } from '../../../test/support/smtp-sink.js'
import { chooseSmsTransport, chooseTransport, describeDeliveryError, developmentMailboxEnabled, notifySmsTransport, notifyTransport, smtpTransport } from './transports.js'

const base = { NODE_ENV: 'development', MAIL_FROM: 'No Wrong Door <no-reply@localhost>' } as const

describe('choosing how mail leaves', () => {
  it('uses SMTP when SMTP_URL is set, then Notify, then the local mailbox outside production', () => {
    expect(chooseTransport({ ...base, SMTP_URL: 'smtp://mail.example:25', NOTIFY_API_KEY: 'key', NOTIFY_EMAIL_TEMPLATE_ID: 't' }).name).toBe('smtp')
    expect(chooseTransport({ ...base, NOTIFY_API_KEY: `test-${randomUUID()}-${randomUUID()}`, NOTIFY_EMAIL_TEMPLATE_ID: 't' }).name).toBe('notify')
    expect(chooseTransport(base).name).toBe('local')
    expect(() => chooseTransport({ ...base, NODE_ENV: 'production' })).toThrow(/SMTP_URL or NOTIFY_API_KEY/)
  })

  it('sends text messages only through Notify’s SMS template, or to the development mailbox; otherwise none', () => {
    const notify = { NOTIFY_API_KEY: `test-${randomUUID()}-${randomUUID()}`, NOTIFY_EMAIL_TEMPLATE_ID: 't' }
    expect(chooseSmsTransport({ ...base, ...notify, NOTIFY_SMS_TEMPLATE_ID: 's' })?.name).toBe('notify')
    expect(chooseSmsTransport({ ...base, SMTP_URL: 'smtp://mail.example:25', ...notify, NOTIFY_SMS_TEMPLATE_ID: 's' })?.name).toBe('notify')
    expect(chooseSmsTransport(base)?.name).toBe('local')
    expect(chooseSmsTransport({ ...base, SMTP_URL: 'smtp://mail.example:25' })).toBeNull()
    expect(chooseSmsTransport({ ...base, ...notify })).toBeNull()
    expect(chooseSmsTransport({ ...base, NODE_ENV: 'production', SMTP_URL: 'smtp://mail.example:25' })).toBeNull()
  })

  it('shows the development mailbox only outside production and with no real transport', () => {
    expect(developmentMailboxEnabled(base)).toBe(true)
    expect(developmentMailboxEnabled({ ...base, NODE_ENV: 'test' })).toBe(true)
    expect(developmentMailboxEnabled({ ...base, NODE_ENV: 'production' })).toBe(false)
    expect(developmentMailboxEnabled({ ...base, SMTP_URL: 'smtp://mail.example:25' })).toBe(false)
    expect(developmentMailboxEnabled({ ...base, NOTIFY_API_KEY: 'key' })).toBe(false)
  })
})

describe('GOV.UK Notify transport', () => {
  // A stand-in for the Notify API on 127.0.0.1: records what the client sends and answers like Notify.
  const requests: { path: string; authorization: string; body: Record<string, unknown> }[] = []
  let reply: { status: number; body: unknown } = { status: 201, body: {} }
  let server: Server
  let baseUrl: string
  const serviceId = randomUUID()
  const secret = randomUUID()
  const apiKey = `nwd_test-${serviceId}-${secret}`

  beforeAll(async () => {
    server = createServer((request: IncomingMessage, response) => {
      let text = ''
      request.on('data', (chunk: Buffer) => (text += chunk.toString()))
      request.on('end', () => {
        requests.push({ path: request.url ?? '', authorization: request.headers.authorization ?? '', body: JSON.parse(text) })
        response.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify(reply.body))
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const address = server.address()
    baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
  })
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve))
  })

  it('sends subject and body through the generic template, with the outbox id as reference', async () => {
    const notificationId = randomUUID()
    reply = { status: 201, body: { id: notificationId, reference: 'x', content: {}, uri: '', template: {} } }
    const transport = notifyTransport({ apiKey, templateId: 'generic-template', baseUrl })
    const outboxId = randomUUID()

    const result = await transport.send({ id: outboxId, to: 'ada@example.org', subject: 'Hello', bodyText: 'Line one\n\nLine two', language: 'en' })

    expect(result).toEqual({ providerId: notificationId })
    const request = requests.at(-1)
    expect(request?.path).toBe('/v2/notifications/email')
    expect(request?.body).toEqual({
      template_id: 'generic-template',
      email_address: 'ada@example.org',
      personalisation: { subject: 'Hello', body: 'Line one\n\nLine two' },
      reference: outboxId,
    })
    // Notify's authentication: a JWT issued by the service, signed with the key's secret.
    const [header, payload, signature] = (request?.authorization ?? '').replace(/^Bearer /, '').split('.')
    expect(JSON.parse(Buffer.from(payload, 'base64url').toString()).iss).toBe(serviceId)
    expect(createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url')).toBe(signature)
  })

  it('sends a text message through the generic SMS template, with the outbox id as reference', async () => {
    const notificationId = randomUUID()
    reply = { status: 201, body: { id: notificationId, reference: 'x', content: {}, uri: '', template: {} } }
    const transport = notifySmsTransport({ apiKey, templateId: 'sms-template', baseUrl })
    const outboxId = randomUUID()

    const result = await transport.send({ id: outboxId, channel: 'sms', to: '+447700900982', subject: 'Ignored', bodyText: 'Your reference is H-ABC234.', language: 'en' })

    expect(result).toEqual({ providerId: notificationId })
    const request = requests.at(-1)
    expect(request?.path).toBe('/v2/notifications/sms')
    expect(request?.body).toEqual({
      template_id: 'sms-template',
      phone_number: '+447700900982',
      personalisation: { body: 'Your reference is H-ABC234.' },
      reference: outboxId,
    })
  })

  it('fails with Notify’s error names and status, never its free text', async () => {
    reply = {
      status: 400,
      body: { status_code: 400, errors: [{ error: 'BadRequestError', message: 'Can’t send to this recipient: ada@example.org' }] },
    }
    const transport = notifyTransport({ apiKey, templateId: 'generic-template', baseUrl })
    const failure = await transport
      .send({ id: randomUUID(), to: 'ada@example.org', subject: 'Hello', bodyText: 'Body', language: 'en' })
      .then(() => null, (error: unknown) => error)
    expect(failure).not.toBeNull()
    expect(describeDeliveryError(failure)).toBe('ERR_BAD_REQUEST HTTP 400 BadRequestError')
  })
})

describe('describing a failed delivery', () => {
  it('keeps the SMTP error code and takes out addresses', async () => {
    const transport = smtpTransport(`smtp://127.0.0.1:${await unusedPort()}`, 'No Wrong Door <no-reply@localhost>')
    const failure = await transport
      .send({ id: randomUUID(), to: 'ada@example.org', subject: 'Hello', bodyText: 'Body', language: 'en' })
      .then(() => null, (error: unknown) => error)
    expect(describeDeliveryError(failure)).toMatch(/^ESOCKET connect ECONNREFUSED 127.0.0.1:\d+$/)

    const rejected = Object.assign(new Error('Can’t send mail - all recipients were rejected: 550 5.1.1 <ada@example.org>: unknown user'), {
      code: 'EENVELOPE',
      responseCode: 550,
    })
    const described = describeDeliveryError(rejected)
    expect(described).toContain('EENVELOPE 550')
    expect(described).not.toContain('ada@example.org')
    expect(describeDeliveryError(new Error('x'.repeat(500))).length).toBeLessThanOrEqual(200)
  })
})

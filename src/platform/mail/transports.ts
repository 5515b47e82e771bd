import nodemailer from 'nodemailer'
import { NotifyClient } from 'notifications-node-client'
import type { Config } from '../../config.js'

/** One message as a transport sends it. */
export interface OutgoingMail {
  /** The outbox id: the message's reference at the provider, so a delivery can be traced back. */
  id: string
  /** 'sms': `to` is a mobile number and only `bodyText` is sent. Email when absent. */
  channel?: 'email' | 'sms'
  to: string
  subject: string
  bodyText: string
  language: string
}

export type TransportName = 'smtp' | 'notify' | 'local'

export interface MailTransport {
  readonly name: TransportName
  /** Resolves once the provider has accepted the message; rejects if it did not. */
  send(mail: OutgoingMail): Promise<{ providerId: string | null }>
}

type MailConfig = Pick<Config, 'NODE_ENV' | 'SMTP_URL' | 'MAIL_FROM' | 'NOTIFY_API_KEY' | 'NOTIFY_EMAIL_TEMPLATE_ID'> &
  Partial<Pick<Config, 'NOTIFY_SMS_TEMPLATE_ID'>>

/**
 * The one place that decides how mail leaves: SMTP when SMTP_URL is set, else GOV.UK Notify when
 * NOTIFY_API_KEY is set, else (outside production) the local transport behind the development mailbox.
 */
export function chooseTransport(config: MailConfig): MailTransport {
  if (config.SMTP_URL) return smtpTransport(config.SMTP_URL, config.MAIL_FROM)
  if (config.NOTIFY_API_KEY) {
    if (!config.NOTIFY_EMAIL_TEMPLATE_ID) throw new Error('NOTIFY_EMAIL_TEMPLATE_ID must be set with NOTIFY_API_KEY')
    return notifyTransport({ apiKey: config.NOTIFY_API_KEY, templateId: config.NOTIFY_EMAIL_TEMPLATE_ID })
  }
  // The config refuses production without SMTP or Notify; this guards against building one by hand.
  if (config.NODE_ENV === 'production') throw new Error('SMTP_URL or NOTIFY_API_KEY must be set in production')
  return localTransport
}

/**
 * Text messages go through GOV.UK Notify only, when NOTIFY_API_KEY and NOTIFY_SMS_TEMPLATE_ID are set; in development
 * without any real transport they go to the local mailbox like email. Null: no text messages can be sent, so none is queued.
 */
export function chooseSmsTransport(config: MailConfig): MailTransport | null {
  if (config.NOTIFY_API_KEY && config.NOTIFY_SMS_TEMPLATE_ID) {
    return notifySmsTransport({ apiKey: config.NOTIFY_API_KEY, templateId: config.NOTIFY_SMS_TEMPLATE_ID })
  }
  return developmentMailboxEnabled(config) ? localTransport : null
}

/** Development only: no mail leaves the machine, messages are read at /dev/mailbox. */
export function developmentMailboxEnabled(config: MailConfig): boolean {
  return config.NODE_ENV !== 'production' && !config.SMTP_URL && !config.NOTIFY_API_KEY
}

/** Marks the message delivered without sending it anywhere. */
export const localTransport: MailTransport = {
  name: 'local',
  async send() {
    return { providerId: null }
  },
}

/**
 * Timeouts well inside the outbox lease (mail.service.ts), so a hung server fails the attempt
 * instead of letting the lease run out while the message may still be sent.
 */
const smtpTimeouts = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000, dnsTimeout: 10_000 }

export function smtpTransport(url: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport({ url, ...smtpTimeouts })
  const domain = /@([^>\s]+)/.exec(from)?.[1] ?? 'localhost'
  return {
    name: 'smtp',
    async send(mail) {
      const info = await transporter.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.bodyText,
        // The same Message-ID on every attempt lets a receiving server recognise a repeat.
        messageId: `<${mail.id}@${domain}>`,
        headers: { 'Content-Language': mail.language },
      })
      return { providerId: typeof info.messageId === 'string' ? info.messageId : null }
    },
  }
}

type RestClient = (options: Record<string, unknown>) => Promise<unknown>

/**
 * GOV.UK Notify sends through one generic email template whose subject is ((subject)) and body ((body)).
 * `baseUrl` is only for pointing the client at a stand-in server in tests.
 */
export function notifyTransport(options: { apiKey: string; templateId: string; baseUrl?: string }): MailTransport {
  const client = notifyClient(options)
  return {
    name: 'notify',
    async send(mail) {
      const response = await client.sendEmail(options.templateId, mail.to, {
        personalisation: { subject: mail.subject, body: mail.bodyText },
        reference: mail.id,
      })
      return { providerId: response.data.id }
    },
  }
}

/** Text messages through one generic Notify SMS template whose content is ((body)). */
export function notifySmsTransport(options: { apiKey: string; templateId: string; baseUrl?: string }): MailTransport {
  const client = notifyClient(options)
  return {
    name: 'notify',
    async send(mail) {
      const response = await client.sendSms(options.templateId, mail.to, { personalisation: { body: mail.bodyText }, reference: mail.id })
      return { providerId: response.data.id }
    },
  }
}

function notifyClient(options: { apiKey: string; baseUrl?: string }): NotifyClient {
  const client = options.baseUrl ? new NotifyClient(options.baseUrl, options.apiKey) : new NotifyClient(options.apiKey)
  // The client's HTTP requests have no timeout of their own; give them one inside the outbox lease.
  const apiClient = client.apiClient as { restClient: RestClient }
  const request = apiClient.restClient
  apiClient.restClient = (requestOptions) => request({ ...requestOptions, timeout: 30_000 })
  return client
}

const emailAddressPattern = /[^\s<>"'(),;:]+@[^\s<>"'(),;:]+/g

/**
 * A short reason for a failed attempt that is safe to store and show: error codes and the provider's
 * error names, with anything that looks like an email address taken out.
 */
export function describeDeliveryError(error: unknown): string {
  const parts: string[] = []
  if (error && typeof error === 'object') {
    const { code, responseCode, response } = error as { code?: unknown; responseCode?: unknown; response?: unknown }
    if (typeof code === 'string') parts.push(code)
    if (typeof responseCode === 'number') parts.push(String(responseCode))
    // GOV.UK Notify (axios): the HTTP status and the names of its errors, never their free text.
    if (response && typeof response === 'object' && 'status' in response) {
      const { status, data } = response as { status?: unknown; data?: { errors?: { error?: unknown }[] } }
      if (typeof status === 'number') parts.push(`HTTP ${status}`)
      for (const item of data?.errors ?? []) if (typeof item.error === 'string') parts.push(item.error)
      return truncate(parts.join(' '))
    }
  }
  const message = error instanceof Error ? error.message : String(error)
  parts.push(message.replace(emailAddressPattern, '[address]'))
  return truncate(parts.join(' '))
}

function truncate(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim()
  return oneLine.length > 200 ? `${oneLine.slice(0, 199)}…` : oneLine
}

import type { Executor } from '../../db/client.js'
import { translator, type PublicLanguage } from '../i18n/i18n.js'
import { insertOutboxMessage, insertOutboxMessages } from './outbox.repository.js'
import { chooseSmsTransport } from './transports.js'

/** Each template is a subject and body in src/locales/<lang>/mail.json, interpolated with data. */
export type MailTemplate = 'invitation' | 'passwordReset' | 'twoFactorEnabled' | 'accountLocked' | 'listingReview' | 'consentWithdrawn'
  // notifications: a referral update, the daily digest, the overdue summary
  | 'referralUpdate'
  | 'notificationDigest'
  | 'overdueReferrals'
  // the front door: a resident's request was received (its reference only)
  | 'frontDoorConfirmation'

export interface MailMessage {
  networkId: string | null
  /** 'sms': `to` is a mobile number; the template's `sms` text is sent (check smsAvailable before queueing). */
  channel?: 'email' | 'sms'
  to: string
  template: MailTemplate
  /** Staff mail is English or Welsh; a resident's front-door mail may be in any of the public languages. */
  language: PublicLanguage
  data: Record<string, string>
}

export function renderMail(template: MailTemplate, language: PublicLanguage, data: Record<string, string>) {
  const t = translator(language)
  return {
    subject: t(`mail:${template}.subject`, data),
    bodyText: t(`mail:${template}.body`, data),
  }
}

/** A text message is the template's short `sms` text (its subject is kept for the outbox and the mailbox only). */
export function renderSms(template: MailTemplate, language: PublicLanguage, data: Record<string, string>) {
  const t = translator(language)
  return { subject: t(`mail:${template}.subject`, data), bodyText: t(`mail:${template}.sms`, data) }
}

/** Whether text messages can be sent with this configuration (GOV.UK Notify's SMS template, or the development mailbox). */
export function smsAvailable(config: Parameters<typeof chooseSmsTransport>[0]): boolean {
  return chooseSmsTransport(config) !== null
}

/**
 * Writes the message to the outbox in the caller's transaction: if the change commits, the message
 * will be sent (a job picks it up); if it rolls back, no message exists.
 */
export async function queueMail(db: Executor, message: MailMessage): Promise<string> {
  const channel = message.channel ?? 'email'
  const { subject, bodyText } = channel === 'sms' ? renderSms(message.template, message.language, message.data) : renderMail(message.template, message.language, message.data)
  return insertOutboxMessage(db, {
    networkId: message.networkId,
    channel,
    toAddress: message.to,
    subject,
    bodyText,
    language: message.language,
    template: message.template,
  })
}

/** Where a message's `name` goes while one rendering serves everyone it is sent to. */
const nameSlot = '\u0000name\u0000'

/**
 * queueMail for several messages, written in one statement. Messages that differ only in the name they greet (a
 * notice to everyone in an organisation) are rendered once per language, and each name is put in afterwards.
 */
export async function queueMails(db: Executor, messages: MailMessage[]): Promise<void> {
  const rendered = new Map<string, ReturnType<typeof renderMail>>()
  const renderedFor = (message: MailMessage) => {
    const { name, ...rest } = message.data
    const key = JSON.stringify([message.template, message.language, rest, name === undefined])
    let text = rendered.get(key)
    if (!text) rendered.set(key, (text = renderMail(message.template, message.language, name === undefined ? rest : { ...rest, name: nameSlot })))
    const fill = (value: string) => (name === undefined ? value : value.split(nameSlot).join(name))
    return { subject: fill(text.subject), bodyText: fill(text.bodyText) }
  }
  await insertOutboxMessages(
    db,
    messages.map((message) => ({
      networkId: message.networkId,
      toAddress: message.to,
      language: message.language,
      template: message.template,
      ...renderedFor(message),
    })),
  )
}

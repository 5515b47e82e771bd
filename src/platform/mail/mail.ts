import type { Executor } from '../../db/client.js'
import { translator, type Language } from '../i18n/i18n.js'
import { insertOutboxMessage, insertOutboxMessages } from './outbox.repository.js'

/** Each template is a subject and body in src/locales/<lang>/mail.json, interpolated with data. */
export type MailTemplate = 'invitation' | 'passwordReset' | 'twoFactorEnabled' | 'accountLocked' | 'listingReview' | 'consentWithdrawn'
  // notifications: a referral update, the daily digest, the overdue summary
  | 'referralUpdate'
  | 'notificationDigest'
  | 'overdueReferrals'

export interface MailMessage {
  networkId: string | null
  to: string
  template: MailTemplate
  language: Language
  data: Record<string, string>
}

export function renderMail(template: MailTemplate, language: Language, data: Record<string, string>) {
  const t = translator(language)
  return {
    subject: t(`mail:${template}.subject`, data),
    bodyText: t(`mail:${template}.body`, data),
  }
}

/**
 * Writes the message to the outbox in the caller's transaction: if the change commits, the message
 * will be sent (a job picks it up); if it rolls back, no message exists.
 */
export async function queueMail(db: Executor, message: MailMessage): Promise<string> {
  const { subject, bodyText } = renderMail(message.template, message.language, message.data)
  return insertOutboxMessage(db, {
    networkId: message.networkId,
    toAddress: message.to,
    subject,
    bodyText,
    language: message.language,
    template: message.template,
  })
}

/** queueMail for several messages, written in one statement. */
export async function queueMails(db: Executor, messages: MailMessage[]): Promise<void> {
  await insertOutboxMessages(
    db,
    messages.map((message) => ({
      networkId: message.networkId,
      toAddress: message.to,
      language: message.language,
      template: message.template,
      ...renderMail(message.template, message.language, message.data),
    })),
  )
}

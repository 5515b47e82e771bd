import { isLanguage, translator, type Language, type Translate } from '../../platform/i18n/i18n.js'
import { dateFormat, longDate } from '../../platform/i18n/date-format.js'

/**
 * How a notification reads, in the reader's language. A notification stores a kind and a few
 * non-personal params (reference, service name, counts); the words are made when it is shown or emailed.
 */

/** Referral event types that tell the other side something. 'received' is deliberately silent. */
export const notifiedEventTypes = ['sent', 'withdrawn', 'message', 'accepted', 'contacted', 'completed', 'unable_to_contact', 'declined', 'rerouted'] as const
/** The daily summary of referrals past their contact due date. */
export const overdueKind = 'overdue'

export interface NotificationParams {
  reference?: string
  serviceName?: string
  organisationName?: string
  count?: number
  on?: string
  /** Where an overdue summary leads: the incoming list or the network's referrals. */
  path?: string
}

export function languageOf(value: string): Language {
  return isLanguage(value) ? value : 'en'
}

export function notificationText(t: Translate, kind: string, params: NotificationParams): string {
  return t(`notifications:kinds.${kind}`, { ...params, count: params.count ?? 0 })
}

export function formatDay(date: string, language: Language): string {
  return longDate(date, language)
}

export function formatMoment(at: Date, language: Language): string {
  return dateFormat(language === 'cy' ? 'cy-GB' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/London' }).format(at)
}

/** One line of a digest: when, what, and the link. */
export function digestLine(language: Language, kind: string, params: NotificationParams, at: Date, link: string): string {
  const t = translator(language)
  return `- ${formatMoment(at, language)}: ${notificationText(t, kind, params)}\n  ${link}`
}

export interface OverdueItem {
  referralId: string
  reference: string
  serviceName: string
  organisationName: string
  contactDueOn: string
  workingDaysOverdue: number
}

/** One line of an overdue summary; the coordinator's also names the receiving organisation. */
export function overdueLine(language: Language, item: OverdueItem, link: string, withOrganisation: boolean): string {
  const t = translator(language)
  const service = withOrganisation ? `${item.serviceName} (${item.organisationName})` : item.serviceName
  const due = t('notifications:overdue.line', { due: formatDay(item.contactDueOn, language), count: item.workingDaysOverdue })
  return `- ${item.reference} – ${service} – ${due}\n  ${link}`
}

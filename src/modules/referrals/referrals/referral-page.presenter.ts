import type { Language, Translate } from '../../../platform/i18n/i18n.js'
import type { Reason } from '../../directory/search/eligibility.js'
import { languageName, reasonTag } from '../../directory/search/search.presenter.js'
import type { TermRow } from '../../directory/taxonomy/taxonomy.repository.js'
import { termName } from '../../directory/taxonomy/taxonomy.service.js'
import { ageOn } from '../clients/clients.service.js'
import type { ReferralPage } from './lifecycle.service.js'
import { declineReasonKey, declineReasons, outcomeCodes, outcomeKey } from './referral-codes.js'
import type { ChainLink } from './referrals.repository.js'
import type { ReferralStatus } from './referral-states.js'
import { ukDate } from '../sla/working-days.js'
import { dateFormat, longDate } from '../../../platform/i18n/date-format.js'
import { escapeHtml } from '../../../platform/views/escape-html.js'

/** The referral page in the reader's language: summary, client, chain, timeline, messages and the moves on offer. */

const statusClasses: Record<ReferralStatus, string> = {
  sent: 'govuk-tag--blue',
  received: 'govuk-tag--light-blue',
  accepted: 'govuk-tag--turquoise',
  in_progress: 'govuk-tag--purple',
  completed: 'govuk-tag--green',
  unable_to_contact: 'govuk-tag--orange',
  declined: 'govuk-tag--red',
  withdrawn: 'govuk-tag--grey',
}

export function statusTag(status: ReferralStatus, t: Translate): { text: string; classes: string } {
  return { text: t(`referrals:status.${status}`), classes: statusClasses[status] }
}

type Row = { key: { text: string }; value: { text?: string; html?: string } }
const row = (key: string, text: string | null | undefined): Row | null => (text ? { key: { text: key }, value: { text } } : null)
const rows = (items: (Row | null)[]): Row[] => items.filter((item): item is Row => item !== null)
const yesNo = (value: boolean | null, t: Translate): string | null => (value === null ? null : t(value ? 'referrals:client.yes' : 'referrals:client.no'))

function clientRows(page: ReferralPage, t: Translate, lang: Language, now: Date): Row[] {
  const client = page.intake.client
  const age = ageOn(client, ukDate(now))
  const born = client.dateOfBirth ? `${longDate(client.dateOfBirth, lang)} (${t('referrals:client.age', { age })})` : age !== null ? t('referrals:client.age', { age }) : null
  const language = client.language ? `${languageName(client.language, lang)}${client.interpreterNeeded ? ` – ${t('referrals:client.interpreter')}` : ''}` : null
  return rows([
    row(t('referrals:client.name'), client.name),
    row(t('referrals:client.born'), born),
    row(t('referrals:client.phone'), client.phone),
    row(t('referrals:client.email'), client.email),
    row(t('referrals:client.address'), client.address),
    row(t('referrals:client.postcode'), client.postcode),
    row(t('referrals:client.preferred'), client.preferredContactMethod ? t(`referrals:contactMethods.${client.preferredContactMethod}`) : null),
    row(t('referrals:client.times'), client.contactTimes),
    row(t('referrals:client.safeMessage'), yesNo(client.safeToLeaveMessage, t)),
    row(t('referrals:client.language'), language),
    row(t('referrals:client.accessibility'), client.accessibilityNeeds),
    row(t('referrals:client.nrpf'), yesNo(client.nrpf, t)),
    row(t('referrals:client.household'), client.household ? t(`referrals:households.${client.household}`) : null),
    row(t('referrals:client.dietary'), client.dietaryCulturalNeeds),
  ])
}

function linkView(link: ChainLink, organisationId: string | null, t: Translate) {
  const mine = organisationId !== null && (link.fromOrganisationId === organisationId || link.toOrganisationId === organisationId)
  return {
    reference: link.reference,
    // The other organisations in the chain are named, but only the two ends of a referral open it.
    href: mine ? `/referrals/${link.id}` : null,
    service: link.serviceName,
    organisation: link.organisationName,
    status: statusTag(link.status, t),
  }
}

function eventDetail(event: ReferralPage['events'][number], t: Translate, next: ChainLink[]): string | null {
  const data = (event.data ?? {}) as { reason?: string; outcomes?: string[]; nextReferralId?: string }
  if (event.type === 'declined' && data.reason) return t(declineReasonKey(data.reason))
  if (event.type === 'completed' && data.outcomes) return data.outcomes.map((code) => t(outcomeKey(code))).join(', ')
  // Where it went, so the history reads on its own without scrolling to the chain.
  const onward = event.type === 'rerouted' ? next.find((link) => link.id === data.nextReferralId) : undefined
  if (onward) return `${onward.reference} – ${onward.serviceName}, ${onward.organisationName}`
  return null
}

export function presentReferralPage(page: ReferralPage, t: Translate, lang: Language, viewer: { organisationId: string | null }, now: Date) {
  const { referral, intake } = page
  // The issue reasons name the intake's issues; those are the only terms they refer to.
  const terms = intake.issues as unknown as TermRow[]
  const eligibility = (referral.eligibility as Reason[]).map((reason) => reasonTag(reason, terms, t, lang))
  const dueHtml = `${escapeHtml(longDate(referral.contactDueOn, lang))}${page.overdue ? ` <strong class="govuk-tag govuk-tag--red">${escapeHtml(t('referrals:page.overdue'))}</strong>` : ''}`
  const summary = rows([
    row(t('referrals:page.reference'), referral.reference),
    { key: { text: t('referrals:page.service') }, value: { html: `<a class="govuk-link" href="/services/${referral.serviceId}">${escapeHtml(referral.serviceName)}</a>` } },
    row(t('referrals:page.from'), referral.fromOrganisationName),
    row(t('referrals:page.to'), referral.toOrganisationName),
    row(t('referrals:page.sent'), longDate(referral.sentAt, lang)),
    row(t('referrals:page.urgency'), t(`referrals:urgency.${referral.urgency}`)),
    { key: { text: t('referrals:page.contactDue') }, value: { html: dueHtml } },
    row(t('referrals:page.justification'), referral.justification),
    row(t('referrals:page.declineReason'), referral.declineReason ? t(declineReasonKey(referral.declineReason)) : null),
    row(t('referrals:page.outcome'), referral.outcome ? referral.outcome.split(',').map((code) => t(outcomeKey(code))).join(', ') : null),
    row(t('referrals:page.closingNote'), referral.closingNote),
  ])
  return {
    reference: referral.reference,
    status: statusTag(referral.status, t),
    overdue: page.overdue,
    summary,
    eligibility,
    need: intake.need,
    issues: intake.issues.map((issue) => termName(issue, lang)),
    client: clientRows(page, t, lang, now),
    previous: page.previous.map((link) => linkView(link, viewer.organisationId, t)),
    next: page.next.map((link) => linkView(link, viewer.organisationId, t)),
    timeline: [...page.events].reverse().map((event) => ({
      title: t(`referrals:events.${event.type}`),
      byline: [event.actorName, event.organisationName].filter(Boolean).join(', '),
      datetime: event.createdAt.toISOString(),
      when: longDate(event.createdAt, lang),
      time: dateFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' }).format(event.createdAt),
      detail: eventDetail(event, t, page.next),
      note: event.note,
    })),
    messages: page.messages.map((message) => ({ ...message, when: longDate(message.createdAt, lang) })),
    actions: page.actions,
    canReroute: page.canReroute,
    declineItems: declineReasons.map((code) => ({ value: code, text: t(declineReasonKey(code)) })),
    outcomeItems: outcomeCodes.map((code) => ({ value: code, text: t(outcomeKey(code)) })),
  }
}

import { dateFormat, longDate } from '../../../platform/i18n/date-format.js'
import type { Language, Translate } from '../../../platform/i18n/i18n.js'
import { paginationView } from '../../../platform/views/pagination.js'
import { escapeHtml } from '../../../platform/views/escape-html.js'
import { languageName } from '../../directory/search/search.presenter.js'
import type { TermRow } from '../../directory/taxonomy/taxonomy.repository.js'
import { termName } from '../../directory/taxonomy/term-name.js'
import { ukDate, workingDaysBetween } from '../../referrals/sla/working-days.js'
import { contactLanguages, contactMethods } from '../ask/ask.schemas.js'
import type { RequestStatus, RequestWithNames } from './triage.repository.js'
import { closeReasons, flagAfterWorkingDays, queueViews, type QueueQuery } from './triage.schemas.js'
import type { QueuePage, RequestPage, Today } from './triage.service.js'

/** View models for the front-door queue and one request: tabs, table, flags, the call-back card. */

const statusColours: Record<RequestStatus, string> = { new: 'blue', claimed: 'purple', converted: 'green', closed: 'grey' }

function tag(text: string, colour: string): string {
  return `<strong class="govuk-tag govuk-tag--${colour}">${escapeHtml(text)}</strong>`
}

/** Working days since the request arrived: weekends and the nation's bank holidays do not count. */
export function ageInWorkingDays(request: { createdAt: Date }, today: Today): number {
  return workingDaysBetween(ukDate(request.createdAt), today.today, today.nation)
}

/** Still waiting for the team (new or claimed) after more than two working days. */
export function isOverdue(request: { status: RequestStatus; createdAt: Date }, today: Today): boolean {
  return (request.status === 'new' || request.status === 'claimed') && ageInWorkingDays(request, today) > flagAfterWorkingDays
}

function safeLanguageName(code: string, lang: Language): string {
  try {
    return languageName(code, lang)
  } catch {
    return code
  }
}

export function languageCell(t: Translate, lang: Language, request: { language: string; interpreterNeeded: boolean }): string {
  const name = escapeHtml(safeLanguageName(request.language, lang))
  return request.interpreterNeeded ? `${name}<br>${tag(t('front-door:interpreterNeeded'), 'yellow')}` : name
}

export function statusTag(t: Translate, status: RequestStatus): string {
  return tag(t(`front-door:status.${status}`), statusColours[status])
}

function ageCell(t: Translate, lang: Language, request: RequestWithNames, today: Today): string {
  const days = ageInWorkingDays(request, today)
  const received = `${escapeHtml(longDate(request.createdAt, lang))}<br>`
  const age = escapeHtml(t('front-door:age', { count: days }))
  return isOverdue(request, today) ? `${received}${tag(t('front-door:waitingTooLong', { count: days }), 'red')}` : `${received}<span class="govuk-hint govuk-!-font-size-16 govuk-!-margin-0">${age}</span>`
}

function statusCell(t: Translate, request: RequestWithNames): string {
  const claimedBy = request.status === 'claimed' && request.claimedByName
    ? `<br><span class="govuk-hint govuk-!-font-size-16 govuk-!-margin-0">${escapeHtml(t('front-door:claimedBy', { name: request.claimedByName }))}</span>`
    : ''
  return statusTag(t, request.status) + claimedBy
}

export function issueNames(terms: TermRow[], ids: string[], lang: Language): string {
  const byId = new Map(terms.map((term) => [term.id, term]))
  return ids
    .map((id) => byId.get(id))
    .filter((term): term is TermRow => !!term)
    .map((term) => termName(term, lang))
    .join(', ')
}

const queueHref = (query: Partial<Record<keyof QueueQuery, string | number | undefined>>): string => {
  const params = new URLSearchParams()
  if (query.view && query.view !== 'new') params.set('view', String(query.view))
  if (query.order && query.order !== 'oldest') params.set('order', String(query.order))
  if (query.page && Number(query.page) > 1) params.set('page', String(query.page))
  const search = params.toString()
  return search ? `/front-door?${search}` : '/front-door'
}

export function queueTabs(t: Translate, page: QueuePage) {
  return queueViews.map((view) => ({
    href: queueHref({ view, order: page.query.order }),
    text: t(`front-door:views.${view}`),
    count: page.counts[view],
    current: page.query.view === view,
  }))
}

export function orderLinks(t: Translate, page: QueuePage) {
  return (['oldest', 'newest'] as const).map((order) => ({ href: queueHref({ view: page.query.view, order }), text: t(`front-door:order.${order}`), current: page.query.order === order }))
}

export function queueTable(t: Translate, lang: Language, page: QueuePage) {
  const head = ['reference', 'name', 'issues', 'language', 'channel', 'received', 'status'].map((key) => ({ text: t(`front-door:columns.${key}`) }))
  const rows = page.rows.map((request) => [
    { html: `<a class="govuk-link" href="/front-door/requests/${request.id}">${escapeHtml(request.reference)}</a>` },
    { text: request.name },
    { text: issueNames(page.terms, request.issueTermIds, lang) || t('front-door:notGiven') },
    { html: languageCell(t, lang, request) },
    { text: t(`front-door:channel.${request.channel}`) },
    { html: ageCell(t, lang, request, page) },
    { html: statusCell(t, request) },
  ])
  return { head, rows }
}

export function queuePagination(t: Translate, page: QueuePage) {
  const query = { view: page.query.view === 'new' ? undefined : page.query.view, order: page.query.order === 'oldest' ? undefined : page.query.order }
  return paginationView({ page: page.query.page, total: page.total, perPage: page.perPage }, '/front-door', query, t)
}

function dateTime(value: Date, lang: Language): string {
  return dateFormat(lang === 'cy' ? 'cy-GB' : 'en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/London' }).format(value)
}

type Row = { key: { text: string }; value: { text: string } | { html: string } }

/** Their own words may be in Arabic or another right-to-left script: the browser sets the direction from the text. */
const inTheirWords = (text: string): string => `<span class="app-preserve-lines" dir="auto">${escapeHtml(text)}</span>`

const yesNo = (t: Translate, value: boolean | null): string => (value === null ? t('front-door:notSaid') : t(value ? 'front-door:yes' : 'front-door:no'))

/** What the worker needs to phone them back, first: number, when, whether a message is safe, language, difficulties. */
export function callBackRows(t: Translate, lang: Language, request: RequestWithNames): Row[] {
  const row = (key: string, value: string | null, html = false): Row[] =>
    value === null || value === '' ? [] : [{ key: { text: t(`front-door:request.${key}`) }, value: html ? { html: value } : { text: value } }]
  return [
    ...row('name', request.name),
    ...row('phone', request.phone ? `<a class="govuk-link" href="tel:${escapeHtml(request.phone.replace(/[^\d+]/g, ''))}">${escapeHtml(request.phone)}</a>` : null, true),
    ...row('email', request.email),
    ...row('contactMethod', request.contactMethod ? t(`front-door:contactMethods.${request.contactMethod}`) : null),
    ...row('contactTimes', request.contactTimes),
    ...row('safeToLeaveMessage', yesNo(t, request.safeToLeaveMessage)),
    ...row('language', languageCell(t, lang, request), true),
    ...row('contactDifficulties', request.contactDifficulties ? inTheirWords(request.contactDifficulties) : null, true),
  ]
}

export function requestRows(t: Translate, lang: Language, page: RequestPage): Row[] {
  const { request } = page
  const row = (key: string, value: string | null): Row[] => (value === null || value === '' ? [] : [{ key: { text: t(`front-door:request.${key}`) }, value: { text: value } }])
  const days = ageInWorkingDays(request, page)
  return [
    ...row('reference', request.reference),
    ...row('received', `${dateTime(request.createdAt, lang)} (${t('front-door:age', { count: days })})`),
    ...row('channel', request.channel === 'phone' && request.recordedByName ? t('front-door:recordedBy', { name: request.recordedByName }) : t(`front-door:channel.${request.channel}`)),
    ...(request.need ? [{ key: { text: t('front-door:request.need') }, value: { html: inTheirWords(request.need) } }] : []),
    ...row('issues', issueNames(page.terms, request.issueTermIds, lang) || t('front-door:notGiven')),
    ...row('postcode', request.postcode),
    ...row('consent', t(`front-door:consent.${request.consentMethod}`, { when: dateTime(request.consentGivenAt, lang), version: request.consentWordingVersion })),
  ]
}

/** Who has it and what happened to it, in one sentence for the top of the request page. */
export function outcomeText(t: Translate, lang: Language, request: RequestWithNames): string | null {
  switch (request.status) {
    case 'claimed':
      return t('front-door:claimedByAt', { name: request.claimedByName ?? '', organisation: request.claimedByOrganisationName ?? '', when: request.claimedAt ? dateTime(request.claimedAt, lang) : '' })
    case 'closed':
      return t('front-door:closedBecause', { reason: t(`front-door:closeReasons.${request.closeReason ?? 'resolved_on_call'}`), when: request.closedAt ? dateTime(request.closedAt, lang) : '' })
    case 'converted':
      return t('front-door:convertedBy', { name: request.claimedByName ?? '', organisation: request.claimedByOrganisationName ?? '' })
    case 'new':
      return null
  }
}

export function closeReasonItems(t: Translate, values: Record<string, unknown>) {
  return closeReasons.map((reason) => ({
    value: reason,
    text: t(`front-door:closeReasons.${reason}`),
    hint: { text: t(`front-door:closeReasonHints.${reason}`) },
    checked: values.reason === reason,
  }))
}

export function ageFlag(t: Translate, page: RequestPage): string | null {
  return isOverdue(page.request, page) ? t('front-door:waitingTooLong', { count: ageInWorkingDays(page.request, page) }) : null
}

/** The phone-assisted form's choices, keeping what was typed. */
export function phoneFormItems(t: Translate, lang: Language, values: Record<string, unknown>, terms: TermRow[]) {
  const chosen = (name: string, value: string): boolean => (Array.isArray(values[name]) ? (values[name] as unknown[]).includes(value) : values[name] === value)
  return {
    issues: terms.map((term) => ({ value: term.id, text: termName(term, lang), checked: chosen('issue', term.id) })),
    contactMethod: contactMethods.map((method) => ({ value: method, text: t(`front-door:contactMethods.${method}`), checked: chosen('contactMethod', method) })),
    safeToLeaveMessage: (['yes', 'no'] as const).map((answer) => ({ value: answer, text: t(`front-door:${answer}`), checked: chosen('safeToLeaveMessage', answer) })),
    language: [
      { value: '', text: t('front-door:phone.chooseLanguage') },
      ...contactLanguages.map((code) => ({ value: code, text: safeLanguageName(code, lang), selected: chosen('language', code) })),
    ],
    interpreterNeeded: [{ value: 'yes', text: t('front-door:phone.interpreterNeeded'), checked: chosen('interpreterNeeded', 'yes') }],
    consent: [{ value: 'yes', text: t('front-door:phone.consentGiven'), checked: chosen('consent', 'yes') }],
  }
}

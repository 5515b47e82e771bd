import { textWith, type Language, type Translate } from '../../../platform/i18n/i18n.js'
import { paginationView } from '../../../platform/views/pagination.js'
import { selectHtml } from '../../../platform/views/select-html.js'
import { tableHtml, type TableCell } from '../../../platform/views/table-html.js'
import { escapeHtml } from '../../../platform/views/escape-html.js'
import { termName } from '../../directory/taxonomy/term-name.js'
import { declineReasonKey, outcomeKey } from '../referrals/referral-codes.js'
import { contactDueState, workingDaysOverdue } from '../sla/contact-due.js'
import { ukDate, workingDaysBetween } from '../sla/working-days.js'
import { type IssueName, type WorklistRow } from './worklists.repository.js'
import {
  orderFor,
  referralStatuses,
  urgencies,
  worklistViews,
  type ReferralStatus,
  type SortKey,
  type WorklistView,
} from './worklists.schemas.js'
import type { NetworkPage, NetworkReferralView, Today, WorklistPage } from './worklists.service.js'
import { dateFormat, longDate } from '../../../platform/i18n/date-format.js'

/** View models for the incoming, outgoing and network lists: tabs, filters, sortable table, paging. */

type Query = Record<string, string | number | undefined>

const statusColours: Record<ReferralStatus, string> = {
  sent: 'blue',
  received: 'light-blue',
  accepted: 'turquoise',
  in_progress: 'purple',
  completed: 'green',
  unable_to_contact: 'grey',
  declined: 'orange',
  withdrawn: 'grey',
}

function tag(text: string, colour: string): string {
  return `<strong class="govuk-tag govuk-tag--${colour}">${escapeHtml(text)}</strong>`
}

/** The address of a list with some of its query changed; empty values and page 1 are left out. */
export function hrefWith(path: string, query: Query, changes: Query): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries({ ...query, ...changes })) {
    if (value === undefined || value === '' || (key === 'page' && Number(value) === 1)) continue
    params.set(key, String(value))
  }
  const search = params.toString()
  return search ? `${path}?${search}` : path
}

export function statusTag(t: Translate, status: ReferralStatus): string {
  return tag(t(`worklists:status.${status}`), statusColours[status])
}

/** The contact due date with how it stands today, in working days. */
export function dueCell(t: Translate, lang: Language, row: { status: string; contactDueOn: string }, today: Today): string {
  const date = escapeHtml(longDate(row.contactDueOn, lang))
  const state = contactDueState(row, today.today, today.nation)
  if (state === 'overdue') {
    const days = workingDaysOverdue(row.contactDueOn, today.today, today.nation)
    return `${date}<br>${tag(days > 0 ? t('worklists:due.overdueBy', { count: days }) : t('worklists:due.overdue'), 'red')}`
  }
  if (state === 'not_awaiting') return date
  const days = workingDaysBetween(today.today, row.contactDueOn, today.nation)
  if (days === 0) return `${date}<br>${tag(t('worklists:due.today'), 'orange')}`
  if (state === 'due_soon') return `${date}<br>${tag(t('worklists:due.dueIn', { count: days }), 'yellow')}`
  return `${date}<br><span class="govuk-hint govuk-!-font-size-16 govuk-!-margin-0">${escapeHtml(t('worklists:due.dueIn', { count: days }))}</span>`
}

function issuesCell(issues: IssueName[], lang: Language): string {
  return issues.map((issue) => escapeHtml(termName(issue, lang))).join(', ')
}

/** A column header that sorts the list by following a link: no JavaScript needed. */
function sortableHead(t: Translate, path: string, query: Query, key: SortKey, current: { sort: SortKey; order?: 'asc' | 'desc' }) {
  const active = current.sort === key
  const order = active ? orderFor(current.sort, current.order) : undefined
  const next = active ? (order === 'asc' ? 'desc' : 'asc') : orderFor(key, undefined)
  const label = escapeHtml(t(`worklists:columns.${key}`))
  return {
    html: `<a class="govuk-link" href="${escapeHtml(hrefWith(path, query, { sort: key, order: next, page: undefined }))}">${label}</a>`,
    attributes: { 'aria-sort': active ? (order === 'asc' ? 'ascending' : 'descending') : 'none' },
  }
}

/** A list's table, written out (decision 0018): 25 rows of 7–8 cells through the macro cost more than the rest of the page. */
export function referralsTableHtml(title: string, table: { head: TableCell[]; rows: TableCell[][] }): string {
  return tableHtml({
    caption: title,
    captionClasses: 'govuk-visually-hidden',
    classes: 'govuk-table--small-text-until-tablet',
    attributes: { 'data-testid': 'referrals' },
    ...table,
  })
}

const pathOf = (side: 'incoming' | 'outgoing'): string => `/referrals/${side}`

export function worklistQuery(page: WorklistPage): Query {
  const { view, service, issue, urgency, status, sort, order, page: number } = page.query
  return { view: view === 'open' ? undefined : view, service, issue, urgency, status, sort: sort === 'due' ? undefined : sort, order, page: number }
}

export function worklistTabs(t: Translate, page: WorklistPage) {
  const query = worklistQuery(page)
  const counts: Partial<Record<WorklistView, number>> = {
    open: page.counts.open,
    new: page.counts.new,
    overdue: page.counts.overdue,
    'due-soon': page.counts.dueSoon,
    'in-progress': page.counts.inProgress,
  }
  return worklistViews.map((view) => ({
    href: hrefWith(pathOf(page.side), query, { view: view === 'open' ? undefined : view, page: undefined }),
    text: t(`worklists:views.${view}`),
    count: counts[view],
    current: page.query.view === view,
  }))
}

export function worklistTable(t: Translate, lang: Language, page: WorklistPage) {
  const path = pathOf(page.side)
  const query = worklistQuery(page)
  const outgoing = page.side === 'outgoing'
  const head = [
    { text: t('worklists:columns.reference') },
    { text: t('worklists:columns.client') },
    { text: t(outgoing ? 'worklists:columns.serviceTo' : 'worklists:columns.serviceFrom') },
    { text: t('worklists:columns.issues') },
    { text: t('worklists:columns.status') },
    sortableHead(t, path, query, 'sent', page.query),
    ...(outgoing ? [{ text: t('worklists:columns.waiting') }] : []),
    sortableHead(t, path, query, 'due', page.query),
  ]
  const rows = page.rows.map((row) => [
    { html: `<a class="govuk-link" href="/referrals/${row.id}">${escapeHtml(row.reference)}</a>` },
    { text: row.clientName },
    { html: serviceCell(t, row, outgoing ? 'to' : 'from') },
    { html: issuesCell(row.issues, lang) },
    { html: statusCells(t, row) },
    { text: longDate(row.sentAt, lang) },
    ...(outgoing ? [{ text: t('worklists:waiting', { count: daysWaiting(row, page) }) }] : []),
    { html: dueCell(t, lang, row, page) },
  ])
  return { head, rows }
}

function serviceCell(t: Translate, row: WorklistRow, side: 'from' | 'to'): string {
  const organisation = side === 'from' ? row.fromOrganisationName : row.toOrganisationName
  return `${escapeHtml(row.serviceName)}<br><span class="govuk-hint govuk-!-font-size-16 govuk-!-margin-0">${escapeHtml(
    textWith(t, side === 'from' ? 'worklists:fromOrganisation' : 'worklists:toOrganisation', 'organisation', organisation),
  )}</span>`
}

function statusCells(t: Translate, row: WorklistRow): string {
  return [statusTag(t, row.status), row.urgency === 'urgent' ? tag(t('worklists:urgency.urgent'), 'red') : ''].filter(Boolean).join(' ')
}

/** Working days the client has waited for contact: until contacted or closed, or until today. */
export function daysWaiting(row: { sentAt: Date; contactedAt: Date | null; closedAt: Date | null }, today: Today): number {
  const until = row.contactedAt ?? row.closedAt
  return workingDaysBetween(ukDate(row.sentAt), until ? ukDate(until) : today.today, today.nation)
}

/** A filter's select, written out: "any" first, then the choices, the one in the query selected. */
const filterSelect = (t: Translate, name: string, anyKey: string, items: { value: string; text: string }[], selected: string | undefined): string =>
  selectHtml({
    id: name,
    name,
    label: t(`worklists:filters.${name}`),
    classes: 'govuk-!-width-full',
    items: [{ value: '', text: t(anyKey) }, ...items.map((item) => ({ ...item, selected: item.value === selected }))],
  })

const statusChoices = (t: Translate) => referralStatuses.map((s) => ({ value: s, text: t(`worklists:status.${s}`) }))

export function worklistFilters(t: Translate, lang: Language, page: WorklistPage) {
  return {
    services: filterSelect(t, 'service', 'worklists:filters.anyService', page.services.map((s) => ({ value: s.id, text: s.name })), page.query.service),
    issues: filterSelect(t, 'issue', 'worklists:filters.anyIssue', page.issues.map((term) => ({ value: term.id, text: termName(term, lang) })), page.query.issue),
    urgencies: filterSelect(t, 'urgency', 'worklists:filters.anyUrgency', urgencies.map((u) => ({ value: u, text: t(`worklists:urgency.${u}`) })), page.query.urgency),
    statuses: filterSelect(t, 'status', 'worklists:filters.anyStatus', statusChoices(t), page.query.status),
  }
}

export function countText(t: Translate, page: { total: number; countCap: number }): string {
  return page.total >= page.countCap ? t('worklists:countAtLeast', { count: page.countCap }) : t('worklists:count', { count: page.total })
}

export function worklistPagination(t: Translate, page: WorklistPage) {
  const { page: number, ...query } = worklistQuery(page)
  return paginationView({ page: Number(number), total: page.total, perPage: page.perPage }, pathOf(page.side), stringQuery(query), t)
}

const stringQuery = (query: Query): Record<string, string | undefined> =>
  Object.fromEntries(Object.entries(query).map(([key, value]) => [key, value === undefined ? undefined : String(value)]))

// The coordinator's network list ------------------------------------------------------------------

export function networkQuery(page: NetworkPage): Query {
  const { organisation, service, status, overdue, sort, order, page: number } = page.query
  return { organisation, service, status, overdue, sort: sort === 'sent' ? undefined : sort, order, page: number }
}

export function networkTable(t: Translate, lang: Language, page: NetworkPage) {
  const path = '/network/referrals'
  const query = networkQuery(page)
  const head = [
    { text: t('worklists:columns.reference') },
    { text: t('worklists:columns.from') },
    { text: t('worklists:columns.serviceTo') },
    { text: t('worklists:columns.issues') },
    { text: t('worklists:columns.status') },
    sortableHead(t, path, query, 'sent', page.query),
    sortableHead(t, path, query, 'due', page.query),
  ]
  const rows = page.rows.map((row) => [
    { html: `<a class="govuk-link" href="/network/referrals/${row.id}">${escapeHtml(row.reference)}</a>` },
    { text: row.fromOrganisationName },
    { html: serviceCell(t, row, 'to') },
    { html: issuesCell(row.issues, lang) },
    { html: statusCells(t, row) },
    { text: longDate(row.sentAt, lang) },
    { html: dueCell(t, lang, row, page) },
  ])
  return { head, rows }
}

export function networkFilters(t: Translate, page: NetworkPage) {
  return {
    organisations: filterSelect(t, 'organisation', 'worklists:filters.anyOrganisation', page.organisations.map((o) => ({ value: o.id, text: o.name })), page.query.organisation),
    services: filterSelect(t, 'service', 'worklists:filters.anyService', page.services.map((s) => ({ value: s.id, text: s.name })), page.query.service),
    statuses: filterSelect(t, 'status', 'worklists:filters.anyStatus', statusChoices(t), page.query.status),
    overdue: [{ value: 'yes', text: t('worklists:filters.onlyOverdue'), checked: page.query.overdue === 'yes' }],
  }
}

export function networkPagination(t: Translate, page: NetworkPage) {
  const { page: number, ...query } = networkQuery(page)
  return paginationView({ page: Number(number), total: page.total, perPage: page.perPage }, '/network/referrals', stringQuery(query), t)
}

// One referral for the coordinator ------------------------------------------------------------------

export function networkReferralPage(t: Translate, lang: Language, view: NetworkReferralView) {
  const { referral } = view
  const row = (key: string, value: { text: string } | { html: string }) => ({ key: { text: t(`worklists:networkReferral.${key}`) }, value })
  const summary = [
    row('status', { html: statusCells(t, referral) }),
    row('from', { text: referral.fromOrganisationName }),
    row('to', { text: referral.toOrganisationName }),
    row('service', { text: referral.serviceName }),
    row('issues', { text: view.issues.map((issue) => termName(issue, lang)).join(', ') }),
    row('sent', { text: longDate(referral.sentAt, lang) }),
    row('due', { html: dueCell(t, lang, referral, view) }),
    ...(referral.outcome ? [row('outcome', { text: t(outcomeKey(referral.outcome), { defaultValue: referral.outcome }) })] : []),
    ...(referral.declineReason ? [row('declineReason', { text: t(declineReasonKey(referral.declineReason), { defaultValue: referral.declineReason }) })] : []),
    ...(referral.previousReferralId
      ? [row('reroutedFrom', { html: `<a class="govuk-link" href="/network/referrals/${referral.previousReferralId}">${escapeHtml(referral.previousReference ?? '')}</a>` })]
      : []),
  ]
  const events = {
    head: [{ text: t('worklists:networkReferral.when') }, { text: t('worklists:networkReferral.what') }, { text: t('worklists:networkReferral.by') }],
    rows: view.events.map((event) => [
      { text: dateTime(event.createdAt, lang) },
      { html: event.toStatus ? statusTag(t, event.toStatus) : escapeHtml(t(`worklists:events.${event.type}`, { defaultValue: event.type })) },
      { text: event.organisationName ?? '' },
    ]),
  }
  return { summary, events }
}

function dateTime(value: Date, lang: Language): string {
  return dateFormat(lang === 'cy' ? 'cy-GB' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/London' }).format(value)
}

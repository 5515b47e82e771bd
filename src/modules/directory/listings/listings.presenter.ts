import type { Language, Translate } from '../../../platform/i18n/i18n.js'
import { paginationView } from '../../../platform/views/pagination.js'
import type { TermRow } from '../taxonomy/taxonomy.repository.js'
import { termName } from '../taxonomy/term-name.js'
import { isStale } from './freshness.js'
import { escapeHtml } from '../../../platform/views/escape-html.js'
import { tagHtml, type TagColour } from './html.js'
import type { ServiceCore, ServiceListRow } from './listings.repository.js'
import {
  capacityValues,
  deliveryChannelValues,
  householdTypeValues,
  languageCodes,
  weekdays,
  type CapacityStatus,
} from './listings.schemas.js'
import type { FormOptions, ServiceDetail, ServicesListView } from './listings.service.js'
import { longDate } from '../../../platform/i18n/date-format.js'

/** View models for the services list, the listing form and the capacity page. */

type FormValues = Record<string, unknown>

const capacityColours: Record<CapacityStatus, TagColour> = { active: 'green', paused: 'yellow', closed: 'red' }

export function capacityTag(t: Translate, status: CapacityStatus): string {
  return tagHtml(t(`directory:capacity.${status}`), capacityColours[status])
}

/** The tags beside a listing: capacity, verified, stale. */
export function listingTags(t: Translate, service: { capacityStatus: CapacityStatus; verifiedAt: Date | null; lastReviewedAt: Date }, now: Date): string {
  return [
    capacityTag(t, service.capacityStatus),
    service.verifiedAt ? tagHtml(t('directory:listing.verifiedTag'), 'blue') : '',
    isStale(service.lastReviewedAt, now) ? tagHtml(t('directory:listing.staleTag'), 'orange') : '',
  ]
    .filter(Boolean)
    .join(' ')
}

export function servicesTable(t: Translate, lang: Language, view: ServicesListView, now: Date) {
  const head = [
    { text: t('directory:services.name') },
    ...(view.scope === 'network' ? [{ text: t('directory:services.organisation') }] : []),
    { text: t('directory:services.status') },
    { text: t('directory:services.lastReviewed') },
    { html: `<span class="govuk-visually-hidden">${escapeHtml(t('directory:services.actions'))}</span>` },
  ]
  const rows = view.rows.map((row: ServiceListRow) => {
    const actions = view.editable.has(row.id)
      ? [
          `<a class="govuk-link" href="/services/${row.id}/edit">${escapeHtml(t('directory:services.edit'))}<span class="govuk-visually-hidden"> ${escapeHtml(row.name)}</span></a>`,
          `<a class="govuk-link" href="/services/${row.id}/capacity${row.capacityStatus === 'active' ? '?status=paused' : ''}">${escapeHtml(
            t(row.capacityStatus === 'active' ? 'directory:services.pause' : 'directory:services.changeCapacity'),
          )}<span class="govuk-visually-hidden"> ${escapeHtml(row.name)}</span></a>`,
        ].join('<br>')
      : ''
    return [
      { html: `<a class="govuk-link" href="/services/${row.id}">${escapeHtml(row.name)}</a>` },
      ...(view.scope === 'network' ? [{ text: row.organisationName }] : []),
      { html: listingTags(t, row, now) },
      { text: longDate(row.lastReviewedAt, lang) },
      { html: actions },
    ]
  })
  return { head, rows }
}

export function filterItems(t: Translate, view: ServicesListView) {
  return {
    organisations: [
      { value: '', text: t('directory:services.anyOrganisation') },
      ...view.organisations.map((organisation) => ({ value: organisation.id, text: organisation.name, selected: view.filters.organisation === organisation.id })),
    ],
    capacity: [
      { value: '', text: t('directory:services.anyCapacity') },
      ...capacityValues.map((status) => ({ value: status, text: t(`directory:capacity.${status}`), selected: view.filters.capacity === status })),
    ],
    flags: [
      { value: 'yes', text: t('directory:services.onlyStale'), name: 'stale', checked: view.filters.stale === 'yes' },
      { value: 'yes', text: t('directory:services.onlyUnverified'), name: 'unverified', checked: view.filters.unverified === 'yes' },
    ],
  }
}

export function servicesPagination(t: Translate, view: ServicesListView) {
  const { page: _page, ...query } = view.filters
  return paginationView({ page: view.page, total: view.total, perPage: view.perPage }, '/services', query, t)
}

// The listing form ----------------------------------------------------------------------------------

const asList = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : typeof value === 'string' && value ? [value] : [])
const asText = (value: unknown): string => (typeof value === 'string' ? value : '')

/** What the edit form shows before anything is typed. */
export function serviceFormValues(detail: ServiceDetail): FormValues {
  const { service } = detail
  const location = detail.locations[0]
  const values: FormValues = {
    name: service.name,
    description: service.description,
    url: service.url ?? '',
    fees: service.fees ?? '',
    issues: detail.terms.filter((term) => !term.retiredAt).map((term) => term.id),
    minimumAge: service.minimumAge?.toString() ?? '',
    maximumAge: service.maximumAge?.toString() ?? '',
    householdTypes: service.householdTypes,
    acceptsNrpf: service.acceptsNrpf === null ? 'unknown' : service.acceptsNrpf ? 'yes' : 'no',
    areaDistricts: service.areaDistricts.join(', '),
    areaRadiusKm: service.areaRadiusKm?.toString() ?? '',
    referralCriteria: service.referralCriteria,
    howServiceContactsClients: service.howServiceContactsClients,
    contactSlaDays: service.contactSlaDays?.toString() ?? '',
    locationName: location?.name ?? '',
    address1: location?.address?.address1 ?? '',
    address2: location?.address?.address2 ?? '',
    city: location?.address?.city ?? '',
    postcode: location?.address?.postalCode ?? '',
    accessibility: location?.accessibility.join('\n') ?? '',
    contactName: detail.contacts[0]?.name ?? '',
    phone: detail.phones[0]?.number ?? '',
    email: service.email ?? '',
    deliveryChannels: service.deliveryChannels,
    languages: service.languages,
    interpreting: service.interpreting ?? '',
  }
  for (const schedule of detail.schedules) {
    const day = schedule.byday ?? ''
    if (schedule.freq === 'WEEKLY' && (weekdays as readonly string[]).includes(day) && schedule.opensAt && schedule.closesAt) {
      values[`opens${day}`] = schedule.opensAt.slice(0, 5)
      values[`closes${day}`] = schedule.closesAt.slice(0, 5)
    }
  }
  return values
}

/** Checkbox, radio and select items for the listing form, checked from the values shown. */
export function serviceFormItems(t: Translate, lang: Language, values: FormValues, options: FormOptions) {
  const checked = (field: string, value: string): boolean => asList(values[field]).includes(value)
  return {
    organisations: options.organisations
      ? [
          { value: '', text: t('directory:form.chooseOrganisation') },
          ...options.organisations.map((organisation) => ({ value: organisation.id, text: organisation.name, selected: asText(values.organisationId) === organisation.id })),
        ]
      : null,
    issues: options.terms.map((term: TermRow) => ({
      value: term.id,
      text: termName(term, lang),
      hint: term.description ? { text: term.description } : undefined,
      checked: checked('issues', term.id),
    })),
    householdTypes: householdTypeValues.map((type) => ({ value: type, text: t(`directory:households.${type}`), checked: checked('householdTypes', type) })),
    acceptsNrpf: (['yes', 'no', 'unknown'] as const).map((answer) => ({
      value: answer,
      text: t(`directory:form.nrpf.${answer}`),
      checked: asText(values.acceptsNrpf) === answer,
    })),
    deliveryChannels: deliveryChannelValues.map((channel) => ({ value: channel, text: t(`directory:channels.${channel}`), checked: checked('deliveryChannels', channel) })),
    languages: languageCodes.map((code) => ({ value: code, text: t(`directory:languages.${code}`), checked: checked('languages', code) })),
    weekdays: weekdays.map((day) => ({ day, label: t(`directory:days.${day}`), opens: asText(values[`opens${day}`]), closes: asText(values[`closes${day}`]) })),
  }
}

// Capacity -------------------------------------------------------------------------------------------

export function capacityFormValues(service: ServiceCore, requested?: string): FormValues {
  const [year, month, day] = (service.expectedReopening ?? '').split('-')
  return {
    capacityStatus: requested && (capacityValues as readonly string[]).includes(requested) ? requested : service.capacityStatus,
    pausedReason: service.pausedReason ?? '',
    reopeningDay: day ? String(Number(day)) : '',
    reopeningMonth: month ? String(Number(month)) : '',
    reopeningYear: year ?? '',
    waitingList: service.waitingList ? 'yes' : 'no',
  }
}

export function capacityStatusItems(t: Translate, values: FormValues) {
  return capacityValues.map((status) => ({
    value: status,
    text: t(`directory:capacity.${status}`),
    hint: { text: t(`directory:capacity.hint.${status}`) },
    checked: asText(values.capacityStatus) === status,
  }))
}

export function waitingListItems(t: Translate, values: FormValues) {
  return (['yes', 'no'] as const).map((answer) => ({
    value: answer,
    text: t(`directory:capacity.waitingListAnswer.${answer}`),
    checked: asText(values.waitingList) === answer,
  }))
}

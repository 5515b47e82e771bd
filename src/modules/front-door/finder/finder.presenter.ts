import { dateFormat } from '../../../platform/i18n/date-format.js'
import type { PublicLanguage } from '../../../platform/i18n/i18n.js'
import type { OrukObject } from '../../directory/oruk/oruk.presenter.js'
import { starterIssues } from '../../directory/taxonomy/issues.js'
import type { TermRow } from '../../directory/taxonomy/taxonomy.repository.js'
import type { PublicTranslate } from '../public/public-pages.js'
import type { FinderOutcome, FinderResult } from './finder.service.js'

/** Everything on a result comes from the ORUK object; these are its parts we read. */
type Listing = OrukObject & {
  name?: string
  description?: string
  url?: string
  email?: string
  minimum_age?: number
  maximum_age?: number
  organization?: { name?: string }
  phones?: { number?: string }[]
  contacts?: { phones?: { number?: string }[] }[]
  languages?: { code?: string }[]
  service_areas?: { name?: string }[]
  schedules?: { byday?: string; opens_at?: string; closes_at?: string; description?: string }[]
  service_at_locations?: { location?: { name?: string; addresses?: Record<string, string | undefined>[] } }[]
}

const starterNames = new Map(starterIssues.map((issue) => [issue.code, issue.name]))

/**
 * An issue's name in the page's language: Welsh where the network gave one; for Bengali, Polish and Arabic our
 * translation of a starter issue while the network still uses its starter name; else the network's English name.
 */
export function issueName(term: Pick<TermRow, 'code' | 'name' | 'nameCy'>, language: PublicLanguage, t: PublicTranslate): string {
  if (language === 'cy') return term.nameCy || term.name
  if (language !== 'en' && starterNames.get(term.code) === term.name) return t(`issues.${term.code}`)
  return term.name
}

const weekdayDates: Record<string, string> = { MO: '2024-01-01', TU: '2024-01-02', WE: '2024-01-03', TH: '2024-01-04', FR: '2024-01-05', SA: '2024-01-06', SU: '2024-01-07' }

function dayName(code: string, language: PublicLanguage): string {
  const date = weekdayDates[code.trim().toUpperCase().replace(/^[+-]?\d*/, '')]
  return date ? dateFormat(language, { weekday: 'long', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`)) : code
}

function languageName(code: string, language: PublicLanguage): string {
  try {
    return new Intl.DisplayNames([language], { type: 'language' }).of(code) ?? code
  } catch {
    return code
  }
}

const time = (value: string | undefined): string => (value ? value.slice(0, 5) : '')

function openingTimes(listing: Listing, language: PublicLanguage, t: PublicTranslate): string[] {
  return (listing.schedules ?? []).flatMap((schedule) => {
    const days = schedule.byday ? schedule.byday.split(',').map((day) => dayName(day, language)).join(', ') : t('finder.everyDay')
    const hours = schedule.opens_at && schedule.closes_at ? ` ${time(schedule.opens_at)}–${time(schedule.closes_at)}` : ''
    const line = `${days}${hours}`.trim()
    return [schedule.description ? `${line} (${schedule.description})` : line]
  })
}

function whoFor(listing: Listing, language: PublicLanguage, t: PublicTranslate): string[] {
  const lines: string[] = []
  const { minimum_age: min, maximum_age: max } = listing
  if (min !== undefined && max !== undefined) lines.push(t('finder.ages', { min, max }))
  else if (min !== undefined) lines.push(t('finder.agesFrom', { min }))
  else if (max !== undefined) lines.push(t('finder.agesUpTo', { max }))
  const areas = (listing.service_areas ?? []).flatMap((area) => (area.name ? [area.name] : []))
  if (areas.length > 0) lines.push(t('finder.areas', { areas: areas.join(', ') }))
  const spoken = (listing.languages ?? []).flatMap((entry) => (entry.code ? [languageName(entry.code, language)] : []))
  if (spoken.length > 0) lines.push(t('finder.languages', { languages: spoken.join(', ') }))
  return lines
}

function places(listing: Listing): string[] {
  return (listing.service_at_locations ?? []).flatMap((sal) => {
    const location = sal.location
    if (!location) return []
    const address = location.addresses?.[0]
    const parts = [location.name, address?.address_1, address?.address_2, address?.city, address?.postal_code].filter((part): part is string => Boolean(part))
    return parts.length > 0 ? [parts.join(', ')] : []
  })
}

function phoneNumbers(listing: Listing): string[] {
  const numbers = [...(listing.phones ?? []), ...(listing.contacts ?? []).flatMap((contact) => contact.phones ?? [])].flatMap((phone) => (phone.number ? [phone.number] : []))
  return [...new Set(numbers)]
}

export interface ResultView {
  id: string
  name: string
  description: string
  organisation: string
  taking: FinderResult['taking']
  takingText: string
  distance: string | null
  whoFor: string[]
  phones: { text: string; href: string }[]
  email: string | null
  website: string | null
  places: string[]
  openingTimes: string[]
}

export function presentResult(result: FinderResult, language: PublicLanguage, t: PublicTranslate): ResultView {
  const listing = result.service as Listing
  const reopens = result.reopensOn ? dateFormat(`${language}-GB`, { dateStyle: 'long', timeZone: 'Europe/London' }).format(new Date(`${result.reopensOn}T12:00:00Z`)) : null
  const takingText =
    result.taking === 'yes' ? t('finder.takingYes') : result.taking === 'paused' ? (reopens ? t('finder.pausedUntil', { date: reopens }) : t('finder.paused')) : t('finder.takingNo')
  return {
    id: String(listing.id),
    name: listing.name ?? '',
    description: listing.description ?? '',
    organisation: listing.organization?.name ?? '',
    taking: result.taking,
    takingText,
    distance: result.distanceKm === null ? null : t('finder.distance', { distance: new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(result.distanceKm) }),
    whoFor: whoFor(listing, language, t),
    phones: phoneNumbers(listing).map((number) => ({ text: number, href: `tel:${number.replace(/[^\d+]/g, '')}` })),
    email: listing.email ?? null,
    website: listing.url ?? null,
    places: places(listing),
    openingTimes: openingTimes(listing, language, t),
  }
}

export function presentOutcome(outcome: FinderOutcome, language: PublicLanguage, t: PublicTranslate) {
  return {
    results: outcome.results.map((result) => presentResult(result, language, t)),
    partial: outcome.partial,
    count: outcome.results.length,
  }
}

/** The issues as checkboxes, ticked as asked. */
export function issueItems(terms: TermRow[], chosen: string[], language: PublicLanguage, t: PublicTranslate) {
  return terms
    .map((term) => ({ value: term.id, text: issueName(term, language, t), checked: chosen.includes(term.id) }))
    .sort((a, b) => a.text.localeCompare(b.text, language))
}

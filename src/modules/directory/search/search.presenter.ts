import type { Language, Translate } from '../../../platform/i18n/i18n.js'
import type { TermRow } from '../taxonomy/taxonomy.repository.js'
import { termName } from '../taxonomy/taxonomy.service.js'
import { channels, weekdays, type Reason, type ReasonParams } from './eligibility.js'
import { candidateCap, type SearchOutcome, type SearchResultItem } from './search.service.js'
import { searchLanguages } from './search.schemas.js'
import { longDate } from '../../../platform/i18n/date-format.js'

/** Turns a search outcome into what the page shows, in the reader's language. */

export interface TagView {
  text: string
  state: 'yes' | 'no' | 'check'
}

export interface ResultView {
  href: string
  name: string
  organisationName: string
  summary: string
  distance: string | null
  capacity: string
  capacityState: 'yes' | 'no'
  reviewed: string
  stale: boolean
  verified: boolean
  tags: TagView[]
}

const languageNames = new Map<string, string>()


/** Where ICU's name is not the one people use in the UK. */
const englishNames: Record<string, string> = { bn: 'Bengali' }

export function languageName(code: string, lang: Language): string {
  if (lang !== 'cy' && englishNames[code]) return englishNames[code]
  const key = `${lang}:${code}`
  let name = languageNames.get(key)
  if (name === undefined) {
    name = new Intl.DisplayNames([lang === 'cy' ? 'cy' : 'en-GB'], { type: 'language' }).of(code) ?? code
    // Codes are checked against a fixed list before they get here, so this stays small.
    if (languageNames.size < 1000) languageNames.set(key, name)
  }
  return name
}

function words(params: ReasonParams | undefined, terms: TermRow[], t: Translate, lang: Language): Record<string, string | number> {
  const named = (id: string): string => {
    const term = terms.find((candidate) => candidate.id === id)
    return term ? termName(term, lang) : ''
  }
  const result: Record<string, string | number> = {}
  for (const [name, value] of Object.entries(params ?? {})) {
    if (name === 'termId') result.issue = named(String(value))
    else if (name === 'termIds') result.issues = (value as string[]).map(named).filter(Boolean).join(', ')
    else if (name === 'language') result.language = languageName(String(value), lang)
    else if (name === 'channel') result.channel = t(`search:channels.${String(value)}`)
    else if (name === 'day') result.day = t(`search:days.${String(value)}`)
    else if (name === 'date') result.date = longDate(String(value), lang)
    else if (name === 'districts') result.districts = (value as string[]).join(', ')
    else result[name] = Array.isArray(value) ? value.join(', ') : value
  }
  return result
}

export function reasonTag(reason: Reason, terms: TermRow[], t: Translate, lang: Language): TagView {
  return {
    text: t(`search:reasons.${reason.key}.${reason.ok ? 'yes' : 'no'}`, words(reason.params, terms, t, lang)),
    state: !reason.ok ? 'no' : reason.warning ? 'check' : 'yes',
  }
}

function capacityText(item: SearchResultItem, t: Translate, lang: Language): string {
  if (item.capacityStatus === 'active' && item.reasons.every((reason) => reason.key !== 'closed')) return t('search:capacity.active')
  if (item.capacityStatus === 'paused') {
    const paused = item.expectedReopening ? t('search:capacity.pausedUntil', { date: longDate(item.expectedReopening, lang) }) : t('search:capacity.paused')
    const reason = item.pausedReason ? ` ${item.pausedReason}` : ''
    return `${paused}${reason}${item.waitingList ? ` ${t('search:capacity.waitingList')}` : ''}`
  }
  return t('search:capacity.closed')
}

export function presentResult(item: SearchResultItem, terms: TermRow[], t: Translate, lang: Language): ResultView {
  return {
    href: `/services/${item.serviceId}`,
    name: item.name,
    organisationName: item.organisationName,
    summary: item.description.length > 220 ? `${item.description.slice(0, 217).trimEnd()}…` : item.description,
    distance: item.distanceKm === null ? null : t('search:result.distanceKm', { km: item.distanceKm.toFixed(1) }),
    capacity: capacityText(item, t, lang),
    capacityState: item.reasons.some((reason) => reason.criterion === 'capacity' && !reason.ok) ? 'no' : 'yes',
    reviewed: longDate(item.lastReviewedAt, lang),
    stale: item.stale,
    verified: item.verified,
    tags: item.reasons.filter((reason) => reason.criterion !== 'capacity' || !reason.ok).map((reason) => reasonTag(reason, terms, t, lang)),
  }
}

/** Cards shown in each list until the referrer asks for all: keeps the page light on a slow phone. */
export const shownPerList = 20

export function presentOutcome(outcome: SearchOutcome, t: Translate, lang: Language, options: { showAll?: boolean } = {}) {
  const present = (item: SearchResultItem): ResultView => presentResult(item, outcome.terms, t, lang)
  const shown = (items: SearchResultItem[]): ResultView[] => (options.showAll ? items : items.slice(0, shownPerList)).map(present)
  const partialIds = new Set(outcome.nearestPartial.map((item) => item.serviceId))
  const notFitting = outcome.notFitting.filter((item) => !partialIds.has(item.serviceId))
  return {
    fitting: shown(outcome.fitting),
    fittingTotal: outcome.fitting.length,
    nearestPartial: outcome.nearestPartial.map(present),
    notFitting: shown(notFitting),
    notFittingListed: notFitting.length,
    notFittingTotal: outcome.notFitting.length,
    someHidden: !options.showAll && (outcome.fitting.length > shownPerList || notFitting.length > shownPerList),
    gapRecorded: outcome.gapRecorded,
    capped: outcome.capped,
    cap: candidateCap,
    postcodeUnknown: outcome.postcode.status === 'unknown' ? outcome.postcode.postcode : null,
  }
}

const collators = new Map<Language, Intl.Collator>()
const collator = (lang: Language): Intl.Collator => {
  let found = collators.get(lang)
  if (!found) collators.set(lang, (found = new Intl.Collator(lang)))
  return found
}

type Values = Record<string, unknown>
const selected = (values: Values, name: string): string[] => {
  const value = values[name]
  return Array.isArray(value) ? value.map(String) : value === undefined ? [] : [String(value)]
}

/** The filter controls, keeping what the user chose. */
export function filterItems(terms: TermRow[], values: Values, t: Translate, lang: Language) {
  const chosen = (name: string): string => selected(values, name)[0] ?? ''
  const issues = selected(values, 'issue')
  const languageItems = searchLanguages
    .map((code) => ({ value: code, text: languageName(code, lang), selected: chosen('language') === code }))
    .sort((a, b) => collator(lang).compare(a.text, b.text))
  return {
    issues: terms.map((term) => ({ value: term.id, text: termName(term, lang), checked: issues.includes(term.id) })),
    languages: [{ value: '', text: t('search:filters.anyLanguage') }, ...languageItems],
    nrpf: [
      { value: 'no', text: t('search:filters.nrpfNo'), checked: chosen('nrpf') === 'no' },
      { value: 'yes', text: t('search:filters.nrpfYes'), checked: chosen('nrpf') === 'yes' },
      { value: 'unknown', text: t('search:filters.nrpfUnknown'), checked: chosen('nrpf') === 'unknown' },
    ],
    channels: [
      { value: '', text: t('search:filters.anyChannel') },
      ...channels.map((channel) => ({ value: channel, text: t(`search:channelOptions.${channel}`), selected: chosen('channel') === channel })),
    ],
    days: [
      { value: '', text: t('search:filters.anyDay') },
      ...weekdays.map((day) => ({ value: day, text: t(`search:dayOptions.${day}`), selected: chosen('day') === day })),
    ],
    text: chosen('q'),
    age: chosen('age'),
    postcode: chosen('postcode'),
    time: chosen('time'),
  }
}

import { isStale } from '../listings/freshness.js'

/**
 * The eligibility rules, in one pure module: given what a referrer knows about the client and what a listing says,
 * each criterion gives a reason that passes, fails, or only warns (the listing does not say, or it is stale).
 * Search shows these reasons; referrals reuse them to ask for a justification when a client does not fit.
 */

export type Weekday = 'MO' | 'TU' | 'WE' | 'TH' | 'FR' | 'SA' | 'SU'
export const weekdays: readonly Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU']
export type NrpfAnswer = 'yes' | 'no' | 'unknown'
export const nrpfAnswers: readonly NrpfAnswer[] = ['yes', 'no', 'unknown']
export type Channel = 'phone' | 'online' | 'in_person' | 'home_visit'
export const channels: readonly Channel[] = ['phone', 'online', 'in_person', 'home_visit']

/** What the referrer told us about the client's needs and circumstances. Every field is optional. */
export interface Circumstances {
  issueIds?: string[]
  age?: number
  /** The client's postcode, when given and valid; located when we know where it is. */
  place?: { outcode: string; district: string; located: boolean }
  nrpf?: NrpfAnswer
  /** ISO 639-1. */
  language?: string
  channel?: Channel
  /** Open on this day, and at this time ('HH:MM') if given. */
  openAt?: { day: Weekday; time?: string }
}

export interface ScheduleFacts {
  /** 'MO,TU'; empty or null means every day. */
  byday: string | null
  opensAt: string | null
  closesAt: string | null
}

/** What a listing says, plus its distance from the client when both are placed. */
export interface ListingFacts {
  termIds: string[]
  minimumAge: number | null
  maximumAge: number | null
  areaDistricts: string[]
  areaRadiusKm: number | null
  /** Km from the client to the centre of the listing's radius (its area centre, else its nearest location). */
  radiusCentreKm: number | null
  acceptsNrpf: boolean | null
  languages: string[]
  interpreting: string | null
  deliveryChannels: Channel[]
  schedules: ScheduleFacts[]
  status: 'active' | 'inactive' | 'defunct' | 'temporarily closed'
  capacityStatus: 'active' | 'paused' | 'closed'
  expectedReopening: string | null
  waitingList: boolean
  lastReviewedAt: Date
}

export type Criterion = 'issue' | 'area' | 'age' | 'nrpf' | 'language' | 'channel' | 'open' | 'capacity' | 'freshness'

export type ReasonParams = Record<string, string | number | string[]>

/**
 * One criterion's verdict. `key` is an i18n key under search:reasons; params carry raw values (term ids, dates,
 * language codes) that the presenter puts into words in the reader's language.
 */
export interface Reason {
  criterion: Criterion
  ok: boolean
  /** Passes, but the referrer should check: the listing does not say, or it has not been reviewed for a while. */
  warning?: boolean
  key: string
  params?: ReasonParams
}

export interface Verdict {
  fits: boolean
  reasons: Reason[]
  failed: number
}

const pass = (criterion: Criterion, key: string, params?: ReasonParams): Reason => ({ criterion, ok: true, key, params })
const fail = (criterion: Criterion, key: string, params?: ReasonParams): Reason => ({ criterion, ok: false, key, params })
const warn = (criterion: Criterion, key: string, params?: ReasonParams): Reason => ({ criterion, ok: true, warning: true, key, params })

/** A listing fits if it covers any one of the chosen issues. */
export function issueReasons(issueIds: string[], listing: Pick<ListingFacts, 'termIds'>): Reason[] {
  const covered = issueIds.filter((id) => listing.termIds.includes(id))
  if (covered.length > 0) return covered.map((termId) => pass('issue', 'issue', { termId }))
  // One failure however many issues were chosen, so "fewest failed criteria" counts criteria, not issues.
  return [fail('issue', 'issueNone', { termIds: issueIds })]
}

export function areaReason(place: NonNullable<Circumstances['place']>, listing: Pick<ListingFacts, 'areaDistricts' | 'areaRadiusKm' | 'radiusCentreKm'>): Reason {
  const districts = listing.areaDistricts.map((district) => district.toUpperCase())
  const radius = listing.areaRadiusKm
  if (districts.length === 0 && radius === null) return pass('area', 'areaWhole')
  // A listing for E1 covers its sub-districts such as E1W too.
  if (districts.includes(place.outcode) || districts.includes(place.district)) return pass('area', 'areaDistrict', { district: place.outcode })
  if (radius !== null) {
    if (listing.radiusCentreKm !== null) {
      return listing.radiusCentreKm <= radius ? pass('area', 'areaRadius', { km: radius }) : fail('area', 'areaRadius', { km: radius })
    }
    if (!place.located) return warn('area', 'areaUnchecked', { km: radius })
  }
  return fail('area', 'areaDistrict', { district: place.outcode, districts })
}

/** Age bounds are inclusive: "16–25" takes people aged 16 and 25. */
export function ageReason(age: number, listing: Pick<ListingFacts, 'minimumAge' | 'maximumAge'>): Reason {
  const { minimumAge: min, maximumAge: max } = listing
  const ok = (min === null || age >= min) && (max === null || age <= max)
  if (min !== null && max !== null) return { criterion: 'age', ok, key: 'ageBetween', params: { min, max } }
  if (min !== null) return { criterion: 'age', ok, key: 'ageFrom', params: { min } }
  if (max !== null) return { criterion: 'age', ok, key: 'ageUpTo', params: { max } }
  return pass('age', 'ageAll')
}

/** Only asked when the client has (or may have) no recourse to public funds. */
export function nrpfReason(nrpf: NrpfAnswer, listing: Pick<ListingFacts, 'acceptsNrpf'>): Reason | null {
  if (nrpf === 'no') return null
  if (listing.acceptsNrpf === true) return pass('nrpf', 'nrpfAccepted')
  if (listing.acceptsNrpf === null) return warn('nrpf', 'nrpfNotStated')
  // "Don't know" is not a reason to rule a service out, but the referrer should find out first.
  return nrpf === 'yes' ? fail('nrpf', 'nrpfRefused') : warn('nrpf', 'nrpfRefusedIfNrpf')
}

export function languageReason(language: string, listing: Pick<ListingFacts, 'languages' | 'interpreting'>): Reason {
  if (listing.languages.includes(language)) return pass('language', 'languageSpoken', { language })
  if (listing.interpreting && listing.interpreting.trim() !== '') return pass('language', 'languageInterpreting', { language })
  if (listing.languages.length === 0) return warn('language', 'languageNotStated', { language })
  return fail('language', 'languageSpoken', { language })
}

export function channelReason(channel: Channel, listing: Pick<ListingFacts, 'deliveryChannels'>): Reason {
  if (listing.deliveryChannels.length === 0) return warn('channel', 'channelNotStated', { channel })
  return listing.deliveryChannels.includes(channel) ? pass('channel', 'channel', { channel }) : fail('channel', 'channel', { channel })
}

const hhmm = (time: string | null): string | null => (time ? time.slice(0, 5) : null)

/** Open on the day, and at the time if given: opens_at ≤ time < closes_at (a schedule with no hours is open all day). */
export function openReason(openAt: NonNullable<Circumstances['openAt']>, listing: Pick<ListingFacts, 'schedules'>): Reason {
  const params: ReasonParams = openAt.time ? { day: openAt.day, time: openAt.time } : { day: openAt.day }
  const key = openAt.time ? 'openAt' : 'openOn'
  if (listing.schedules.length === 0) return warn('open', 'openNotStated', params)
  const open = listing.schedules.some((schedule) => {
    const days = (schedule.byday ?? '').split(',').map((day) => day.trim().toUpperCase()).filter(Boolean)
    if (days.length > 0 && !days.includes(openAt.day)) return false
    if (!openAt.time) return true
    const opens = hhmm(schedule.opensAt)
    const closes = hhmm(schedule.closesAt)
    return (opens === null || opens <= openAt.time) && (closes === null || openAt.time < closes)
  })
  return open ? pass('open', key, params) : fail('open', key, params)
}

/** A paused or closed service stays visible but can never be referred to. */
export function capacityReason(listing: Pick<ListingFacts, 'status' | 'capacityStatus' | 'expectedReopening' | 'waitingList'>): Reason {
  if (listing.status !== 'active' || listing.capacityStatus === 'closed') return fail('capacity', 'closed')
  if (listing.capacityStatus === 'paused') {
    const params: ReasonParams = listing.waitingList ? { waitingList: 'yes' } : {}
    if (listing.expectedReopening) return fail('capacity', 'pausedUntil', { ...params, date: listing.expectedReopening })
    return fail('capacity', 'paused', params)
  }
  return pass('capacity', 'open')
}

export function canTakeReferrals(listing: Pick<ListingFacts, 'status' | 'capacityStatus'>): boolean {
  return listing.status === 'active' && listing.capacityStatus === 'active'
}

/** Judges a listing on every criterion the referrer gave; capacity and freshness are always judged. */
export function judge(circumstances: Circumstances, listing: ListingFacts, now: Date): Verdict {
  const reasons: Reason[] = []
  if (circumstances.issueIds && circumstances.issueIds.length > 0) reasons.push(...issueReasons(circumstances.issueIds, listing))
  if (circumstances.place) reasons.push(areaReason(circumstances.place, listing))
  if (circumstances.age !== undefined) reasons.push(ageReason(circumstances.age, listing))
  if (circumstances.nrpf) {
    const reason = nrpfReason(circumstances.nrpf, listing)
    if (reason) reasons.push(reason)
  }
  if (circumstances.language) reasons.push(languageReason(circumstances.language, listing))
  if (circumstances.channel) reasons.push(channelReason(circumstances.channel, listing))
  if (circumstances.openAt) reasons.push(openReason(circumstances.openAt, listing))
  reasons.push(capacityReason(listing))
  if (isStale(listing.lastReviewedAt, now)) reasons.push(warn('freshness', 'stale'))
  const failed = reasons.filter((reason) => !reason.ok).length
  return { fits: failed === 0, reasons, failed }
}

import { describe, expect, it } from 'vitest'
import {
  ageReason,
  areaReason,
  canTakeReferrals,
  capacityReason,
  channelReason,
  issueReasons,
  judge,
  languageReason,
  nrpfReason,
  openReason,
  type ListingFacts,
} from './eligibility.js'

const now = new Date('2025-06-15T10:00:00Z')

const listing = (facts: Partial<ListingFacts> = {}): ListingFacts => ({
  termIds: ['debt'],
  minimumAge: null,
  maximumAge: null,
  areaDistricts: [],
  areaRadiusKm: null,
  radiusCentreKm: null,
  acceptsNrpf: null,
  languages: ['en'],
  interpreting: null,
  deliveryChannels: ['phone'],
  schedules: [],
  status: 'active',
  capacityStatus: 'active',
  expectedReopening: null,
  waitingList: false,
  lastReviewedAt: new Date('2025-05-01T00:00:00Z'),
  ...facts,
})

const e1 = { outcode: 'E1', district: 'E1', located: true }

describe('eligibility rules', () => {
  it('issue: fits when the listing covers any chosen issue, with one failure when it covers none', () => {
    expect(issueReasons(['debt', 'housing'], listing())).toEqual([{ criterion: 'issue', ok: true, key: 'issue', params: { termId: 'debt' } }])
    expect(issueReasons(['housing', 'food'], listing())).toEqual([
      { criterion: 'issue', ok: false, key: 'issueNone', params: { termIds: ['housing', 'food'] } },
    ])
  })

  it('age: bounds are inclusive, and each bound alone works', () => {
    const youth = listing({ minimumAge: 16, maximumAge: 25 })
    expect(ageReason(16, youth)).toMatchObject({ ok: true, key: 'ageBetween', params: { min: 16, max: 25 } })
    expect(ageReason(25, youth).ok).toBe(true)
    expect(ageReason(15, youth).ok).toBe(false)
    expect(ageReason(26, youth).ok).toBe(false)
    expect(ageReason(18, listing({ minimumAge: 18 }))).toMatchObject({ ok: true, key: 'ageFrom' })
    expect(ageReason(17, listing({ minimumAge: 18 })).ok).toBe(false)
    expect(ageReason(65, listing({ maximumAge: 64 }))).toMatchObject({ ok: false, key: 'ageUpTo' })
    expect(ageReason(90, listing())).toMatchObject({ ok: true, key: 'ageAll' })
  })

  it('area by district: the outward code, or its district for sub-districts like E1W', () => {
    expect(areaReason(e1, listing({ areaDistricts: ['E1', 'E2'] }))).toMatchObject({ ok: true, key: 'areaDistrict', params: { district: 'E1' } })
    expect(areaReason({ outcode: 'E1W', district: 'E1', located: true }, listing({ areaDistricts: ['E1'] })).ok).toBe(true)
    expect(areaReason({ outcode: 'E3', district: 'E3', located: true }, listing({ areaDistricts: ['E1', 'E2'] }))).toMatchObject({
      ok: false,
      params: { district: 'E3', districts: ['E1', 'E2'] },
    })
  })

  it('area by radius: within the radius of its centre passes, beyond it fails, unknown location only warns', () => {
    expect(areaReason(e1, listing({ areaRadiusKm: 5, radiusCentreKm: 5 }))).toMatchObject({ ok: true, key: 'areaRadius', params: { km: 5 } })
    expect(areaReason(e1, listing({ areaRadiusKm: 5, radiusCentreKm: 5.1 }))).toMatchObject({ ok: false, key: 'areaRadius' })
    expect(areaReason({ ...e1, located: false }, listing({ areaRadiusKm: 5 }))).toMatchObject({ ok: true, warning: true, key: 'areaUnchecked' })
    // A district list still counts when the radius does not reach.
    expect(areaReason(e1, listing({ areaDistricts: ['E1'], areaRadiusKm: 1, radiusCentreKm: 9 })).ok).toBe(true)
  })

  it('area: a listing that states no area covers the whole network area', () => {
    expect(areaReason(e1, listing())).toMatchObject({ ok: true, key: 'areaWhole' })
  })

  it('NRPF: accepts passes, refuses fails for a client with NRPF, not stated warns; not asked when the client has recourse', () => {
    expect(nrpfReason('yes', listing({ acceptsNrpf: true }))).toMatchObject({ ok: true, key: 'nrpfAccepted' })
    expect(nrpfReason('yes', listing({ acceptsNrpf: false }))).toMatchObject({ ok: false, key: 'nrpfRefused' })
    expect(nrpfReason('yes', listing({ acceptsNrpf: null }))).toMatchObject({ ok: true, warning: true, key: 'nrpfNotStated' })
    expect(nrpfReason('unknown', listing({ acceptsNrpf: false }))).toMatchObject({ ok: true, warning: true, key: 'nrpfRefusedIfNrpf' })
    expect(nrpfReason('no', listing({ acceptsNrpf: false }))).toBeNull()
  })

  it('language: spoken by staff, or interpreting offered; not stated warns', () => {
    expect(languageReason('bn', listing({ languages: ['en', 'bn'] }))).toMatchObject({ ok: true, key: 'languageSpoken' })
    expect(languageReason('bn', listing({ languages: ['en'] }))).toMatchObject({ ok: false, key: 'languageSpoken', params: { language: 'bn' } })
    expect(languageReason('bn', listing({ languages: ['en'], interpreting: 'Language Line by phone' }))).toMatchObject({ ok: true, key: 'languageInterpreting' })
    expect(languageReason('bn', listing({ languages: [] }))).toMatchObject({ ok: true, warning: true })
  })

  it('channel: the way the client needs help is offered', () => {
    expect(channelReason('home_visit', listing({ deliveryChannels: ['phone', 'home_visit'] })).ok).toBe(true)
    expect(channelReason('home_visit', listing({ deliveryChannels: ['phone'] })).ok).toBe(false)
    expect(channelReason('online', listing({ deliveryChannels: [] }))).toMatchObject({ ok: true, warning: true })
  })

  it('open: on the day, and at the time from opening until (not at) closing', () => {
    const weekdays = listing({ schedules: [{ byday: 'MO,TU,WE', opensAt: '09:30:00', closesAt: '17:00:00' }] })
    expect(openReason({ day: 'TU' }, weekdays)).toMatchObject({ ok: true, key: 'openOn' })
    expect(openReason({ day: 'SA' }, weekdays).ok).toBe(false)
    expect(openReason({ day: 'MO', time: '09:30' }, weekdays)).toMatchObject({ ok: true, key: 'openAt', params: { day: 'MO', time: '09:30' } })
    expect(openReason({ day: 'MO', time: '09:29' }, weekdays).ok).toBe(false)
    expect(openReason({ day: 'MO', time: '17:00' }, weekdays).ok).toBe(false)
    expect(openReason({ day: 'SU', time: '12:00' }, listing({ schedules: [{ byday: null, opensAt: null, closesAt: null }] })).ok).toBe(true)
    expect(openReason({ day: 'MO' }, listing())).toMatchObject({ ok: true, warning: true, key: 'openNotStated' })
  })

  it('capacity: paused (with its reopening date) and closed fail and cannot take referrals', () => {
    expect(capacityReason(listing())).toMatchObject({ ok: true, key: 'open' })
    expect(capacityReason(listing({ capacityStatus: 'paused', expectedReopening: '2026-01-03' }))).toMatchObject({
      ok: false,
      key: 'pausedUntil',
      params: { date: '2026-01-03' },
    })
    expect(capacityReason(listing({ capacityStatus: 'paused', waitingList: true }))).toMatchObject({ ok: false, key: 'paused', params: { waitingList: 'yes' } })
    expect(capacityReason(listing({ capacityStatus: 'closed' }))).toMatchObject({ ok: false, key: 'closed' })
    expect(capacityReason(listing({ status: 'temporarily closed' }))).toMatchObject({ ok: false, key: 'closed' })
    expect(canTakeReferrals(listing({ capacityStatus: 'paused' }))).toBe(false)
    expect(canTakeReferrals(listing())).toBe(true)
  })

  it('judge: only the criteria given are judged; a stale listing warns but still fits', () => {
    const stale = listing({ lastReviewedAt: new Date('2024-10-01T00:00:00Z') })
    const verdict = judge({}, stale, now)
    expect(verdict.fits).toBe(true)
    expect(verdict.reasons.map((reason) => reason.criterion)).toEqual(['capacity', 'freshness'])
    expect(verdict.reasons[1]).toMatchObject({ ok: true, warning: true, key: 'stale' })
  })

  it('judge: counts each failed criterion, so partial matches can be ordered by how nearly they fit', () => {
    const verdict = judge(
      { issueIds: ['debt'], age: 17, place: e1, nrpf: 'yes', language: 'bn', channel: 'online' },
      listing({ minimumAge: 18, areaDistricts: ['E2'], acceptsNrpf: false, capacityStatus: 'paused' }),
      now,
    )
    expect(verdict.fits).toBe(false)
    expect(verdict.reasons.filter((reason) => !reason.ok).map((reason) => reason.criterion)).toEqual(['area', 'age', 'nrpf', 'language', 'channel', 'capacity'])
    expect(verdict.failed).toBe(6)
  })
})

import { authorise } from '../../../platform/access/policy.js'
import type { ServiceDependencies } from '../../../services.js'
import { workingContext, type Caller } from '../../../platform/access/caller.js'
import { isStale } from '../listings/freshness.js'
import { geocodePostcode } from '../postcodes/postcodes.service.js'
import { offeredTerms } from '../taxonomy/taxonomy.service.js'
import type { TermRow } from '../taxonomy/taxonomy.repository.js'
import { judge, type Circumstances, type Reason, type ScheduleFacts } from './eligibility.js'
import { findCandidates, findServicesToJudge, insertSearchGap, listServiceSchedules, listServiceTerms, sameGapSince, type CandidateRow } from './search.repository.js'
import { candidateCache } from './candidate-cache.js'
import { directoryVersion } from './directory-version.repository.js'
import type { SearchQuery } from './search.schemas.js'

/** Enough for any real search; keeps the page and the query fast. */
export const candidateCap = 200
/** The same search by the same organisation within this time is one gap, not two. */
const repeatGapWindowMs = 30 * 60_000
/** How many near misses to offer when nothing fits. */
const partialMatchCount = 3
/** Distinct searches kept (each up to 201 rows, a few hundred KB), and for how long at most. */
const cachedSearches = 64
const cachedForMs = 60_000

interface Candidates {
  rows: CandidateRow[]
  termIdsOf: Map<string, { serviceId: string; termId: string }[]>
  schedulesOf: Map<string, Awaited<ReturnType<typeof listServiceSchedules>>>
}

export interface SearchResultItem {
  serviceId: string
  name: string
  description: string
  organisationName: string
  /** Km from the client's postcode to the nearest location (or the area centre), when both are known. */
  distanceKm: number | null
  capacityStatus: CandidateRow['capacityStatus']
  pausedReason: string | null
  expectedReopening: string | null
  waitingList: boolean
  lastReviewedAt: Date
  stale: boolean
  verified: boolean
  relevance: number
  fits: boolean
  failed: number
  reasons: Reason[]
}

export type PostcodeOutcome =
  | { status: 'none' }
  | { status: 'unknown'; postcode: string; district: string }
  | { status: 'found'; postcode: string; district: string }

export interface SearchOutcome {
  terms: TermRow[]
  postcode: PostcodeOutcome
  /** Services that fit every criterion given, best first. */
  fitting: SearchResultItem[]
  /** The others, each with its failing reasons: never silently hidden. Nearest fit first. */
  notFitting: SearchResultItem[]
  /** When nothing fits: the nearest partial matches to offer instead. */
  nearestPartial: SearchResultItem[]
  gapRecorded: boolean
  /** More services matched than were judged. */
  capped: boolean
}

/** Age bands for the gap record: enough to see demand, never the exact age. */
export function ageBand(age: number): string {
  const bands: [number, string][] = [[16, '0-15'], [18, '16-17'], [25, '18-24'], [35, '25-34'], [50, '35-49'], [65, '50-64'], [75, '65-74']]
  return bands.find(([below]) => age < below)?.[1] ?? '75+'
}

const byDistance = (a: SearchResultItem, b: SearchResultItem): number =>
  (a.distanceKm ?? Number.POSITIVE_INFINITY) - (b.distanceKm ?? Number.POSITIVE_INFINITY)

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const row of rows) {
    const group = groups.get(key(row))
    if (group) group.push(row)
    else groups.set(key(row), [row])
  }
  return groups
}

export function createDirectorySearchService(deps: ServiceDependencies) {
  const { db } = deps
  const cache = candidateCache<Candidates>({ maxEntries: cachedSearches, ttlMs: cachedForMs })
  // The issues offered in each network: taxonomy changes bump the version too.
  const termsCache = candidateCache<TermRow[]>({ maxEntries: 1000, ttlMs: cachedForMs })

  const searcher = (caller: Caller) => {
    const { actor, context } = workingContext(caller)
    authorise(actor, 'service.view', { networkId: context.networkId })
    return context
  }

  return {
    /** The filters' choices: the network's current issues. */
    async form(caller: Caller): Promise<{ terms: TermRow[] }> {
      const context = searcher(caller)
      return { terms: await offeredTerms(db, context.networkId) }
    },

    /**
     * The referrer's search: candidates from the caller's network, each judged on every criterion given.
     * When nothing fits a search for an issue or words, records the gap (no personal data) and offers near misses.
     */
    async search(caller: Caller, query: SearchQuery): Promise<SearchOutcome> {
      const context = searcher(caller)
      return run(context.networkId, context.organisationId, query, true)
    },

    /**
     * The residents' public finder (front door): the same matching for anyone, signed in or not. Records no gap:
     * a page anyone can load many times is no measure of unmet need, and public pages write nothing.
     */
    async publicSearch(networkId: string, query: SearchQuery): Promise<SearchOutcome> {
      return run(networkId, null, query, false)
    },

    /**
     * Judges the chosen services on the client's circumstances as the search does, by id, without searching again:
     * for checking what a referrer chose from a page the search made. Services of other networks and those no longer
     * listed are absent from the answer. Records no gap.
     */
    async judge(caller: Caller, query: SearchQuery, serviceIds: string[]): Promise<Map<string, SearchResultItem>> {
      const context = searcher(caller)
      const now = deps.now()
      const { geocoded, issueIds } = await placeAndTerms(context.networkId, query)
      const origin = geocoded?.status === 'found' ? { latitude: geocoded.latitude, longitude: geocoded.longitude } : null
      const rows = await findServicesToJudge(db, context.networkId, [...new Set(serviceIds)], origin)
      const circumstances = circumstancesFrom(query, issueIds, geocoded, origin !== null)
      return new Map(rows.map((row) => [row.id, judgedItem(circumstances, row, row.termIds, row.schedules, now)]))
    },
  }

  /**
   * What every judgement starts from: the directory version, the client's postcode placed, and the issues asked for
   * that the network still offers. Independent reads, in parallel on the pool. The version is read before the terms
   * and candidates, so a change committed meanwhile can only make what is stored fresher than its version says.
   */
  async function placeAndTerms(networkId: string, query: SearchQuery) {
    const [version, geocoded] = await Promise.all([directoryVersion(db, networkId), query.postcode ? geocodePostcode(db, query.postcode) : null])
    let terms = termsCache.get(networkId, version)
    if (!terms) {
      terms = await offeredTerms(db, networkId)
      termsCache.set(networkId, version, terms)
    }
    const offered = terms
    return { version, geocoded, terms: offered, issueIds: query.issueIds.filter((id) => offered.some((term) => term.id === id)) }
  }

  async function run(networkId: string, organisationId: string | null, query: SearchQuery, recordGap: boolean): Promise<SearchOutcome> {
    const context = { networkId, organisationId }
    const now = deps.now()
    const { version, geocoded, terms, issueIds } = await placeAndTerms(networkId, query)
    const postcode: PostcodeOutcome =
      geocoded && geocoded.status !== 'invalid'
        ? { status: geocoded.status, postcode: geocoded.postcode, district: geocoded.outcode }
        : { status: 'none' }
    const origin = geocoded?.status === 'found' ? { latitude: geocoded.latitude, longitude: geocoded.longitude } : null
    const text = query.text?.trim() || null

    const key = JSON.stringify([networkId, text, [...issueIds].sort(), origin?.latitude ?? null, origin?.longitude ?? null])
    let found = cache.get(key, version)
    if (!found) {
      // One transaction: the near-spelling threshold is set for it, and the three reads see one state.
      found = await db.transaction(async (tx): Promise<Candidates> => {
        const rows = await findCandidates(tx, { networkId, text, issueIds, origin, limit: candidateCap + 1 })
        const serviceIds = rows.slice(0, candidateCap).map((row) => row.id)
        const tags = await listServiceTerms(tx, networkId, serviceIds)
        const openingTimes = await listServiceSchedules(tx, networkId, serviceIds)
        return {
          rows,
          termIdsOf: groupBy(tags, (tag) => tag.serviceId),
          schedulesOf: groupBy(openingTimes, (schedule) => schedule.serviceId),
        }
      })
      cache.set(key, version, found)
    }
    const { rows, termIdsOf, schedulesOf } = found
    const capped = rows.length > candidateCap
    const candidates = rows.slice(0, candidateCap)

    const circumstances = circumstancesFrom(query, issueIds, geocoded, origin !== null)
    const items = candidates.map((row) =>
      judgedItem(circumstances, row, (termIdsOf.get(row.id) ?? []).map((tag) => tag.termId), schedulesOf.get(row.id) ?? [], now),
    )
    const fitting = items.filter((item) => item.fits).sort((a, b) => b.relevance - a.relevance || byDistance(a, b))
    const notFitting = items
      .filter((item) => !item.fits)
      .sort((a, b) => a.failed - b.failed || byDistance(a, b) || b.relevance - a.relevance)

    let gapRecorded = false
    if (recordGap && fitting.length === 0 && (text !== null || issueIds.length > 0)) {
      const gap = {
        networkId: context.networkId,
        organisationId: context.organisationId,
        termIds: [...issueIds].sort(),
        district: postcode.status === 'none' ? null : postcode.district,
        circumstances: gapCircumstances(query, text !== null),
        partialMatches: notFitting.length,
        createdAt: now,
      }
      // A gap is one unmet need, not one page view: the same search again soon is not counted twice.
      await db.transaction(async (tx) => {
        const repeated = await sameGapSince(tx, gap, new Date(now.getTime() - repeatGapWindowMs))
        if (!repeated) await insertSearchGap(tx, gap)
      })
      gapRecorded = true
    }
    return {
      terms,
      postcode,
      fitting,
      notFitting,
      nearestPartial: fitting.length === 0 ? notFitting.slice(0, partialMatchCount) : [],
      gapRecorded,
      capped,
    }
  }
}

type Geocoded = Awaited<ReturnType<typeof geocodePostcode>> | null

function circumstancesFrom(query: SearchQuery, issueIds: string[], geocoded: Geocoded, located: boolean): Circumstances {
  return {
    issueIds,
    age: query.age,
    place: geocoded && geocoded.status !== 'invalid' ? { outcode: geocoded.outcode, district: geocoded.district, located } : undefined,
    nrpf: query.nrpf,
    language: query.language,
    channel: query.channel,
    openAt: query.day ? { day: query.day, time: query.time } : undefined,
  }
}

/** One service as a result: what it shows, and its verdict on every criterion. */
function judgedItem(circumstances: Circumstances, row: CandidateRow, termIds: string[], schedules: ScheduleFacts[], now: Date): SearchResultItem {
  const verdict = judge(circumstances, { ...row, termIds, radiusCentreKm: row.centreKm ?? row.locationKm, schedules }, now)
  return {
    serviceId: row.id,
    name: row.name,
    description: row.description,
    organisationName: row.organisationName,
    distanceKm: row.locationKm ?? row.centreKm,
    capacityStatus: row.capacityStatus,
    pausedReason: row.pausedReason,
    expectedReopening: row.expectedReopening,
    waitingList: row.waitingList,
    lastReviewedAt: row.lastReviewedAt,
    stale: isStale(row.lastReviewedAt, now),
    verified: row.verifiedAt !== null,
    relevance: row.relevance,
    ...verdict,
  }
}

/** What the gap record keeps: bands and flags, never the words typed, the exact age or the full postcode. */
function gapCircumstances(query: SearchQuery, searchedWords: boolean): Record<string, string | boolean> {
  const circumstances: Record<string, string | boolean> = { searchedWords }
  if (query.age !== undefined) circumstances.ageBand = ageBand(query.age)
  if (query.nrpf) circumstances.nrpf = query.nrpf
  if (query.language) circumstances.language = query.language
  if (query.channel) circumstances.channel = query.channel
  if (query.day) circumstances.day = query.day
  if (query.time) circumstances.time = query.time
  return circumstances
}

export type DirectorySearchService = ReturnType<typeof createDirectorySearchService>

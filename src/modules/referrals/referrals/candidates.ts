import type { Caller } from '../../../platform/access/caller.js'
import type { DirectorySearchService, SearchResultItem } from '../../directory/search/search.service.js'
import { searchLanguages, type SearchQuery } from '../../directory/search/search.schemas.js'
import type { TermRow } from '../../directory/taxonomy/taxonomy.repository.js'
import type { IntakeForSending } from './sending.repository.js'

/**
 * The services a referrer may send an intake to, judged by the directory search on the client's circumstances.
 * The search's own verdicts are used as they are: this file only sorts them into what the sending page offers.
 */

export type Candidate = SearchResultItem
export type Choice = 'fits' | 'justify' | 'unavailable'

export interface Candidates {
  terms: TermRow[]
  /** Services for the intake's issues, best fit first. */
  forNeed: Candidate[]
  /** Services found by name (not already listed for the need). */
  byName: Candidate[]
  /** Every service judged, by id: what a submitted choice is checked against. */
  judged: Map<string, Candidate>
}

/** A paused or closed service can never be chosen. */
export const isUnavailable = (candidate: Candidate): boolean => candidate.reasons.some((reason) => reason.criterion === 'capacity' && !reason.ok)

export function choiceFor(candidate: Candidate): Choice {
  if (isUnavailable(candidate)) return 'unavailable'
  return candidate.fits ? 'fits' : 'justify'
}

/** The client's circumstances as a directory search, so the referrer is never asked them again. */
export function circumstancesOf(intake: IntakeForSending): SearchQuery {
  const { client } = intake
  const language = client.language && client.language !== 'en' && (searchLanguages as readonly string[]).includes(client.language) ? client.language : undefined
  return {
    issueIds: intake.issues.map((issue) => issue.termId),
    age: client.age ?? undefined,
    postcode: client.postcode ?? undefined,
    language,
    // Not known is not "no": the search then warns where a service does not take people with no recourse to public funds.
    nrpf: client.nrpf,
  }
}

const shownByName = 10

export async function findCandidates(
  search: DirectorySearchService,
  caller: Caller,
  intake: IntakeForSending,
  now: Date,
  options: { name?: string; exclude?: ReadonlySet<string> } = {},
): Promise<Candidates> {
  const query = circumstancesOf(intake)
  const keep = (item: Candidate): boolean => !options.exclude?.has(item.serviceId)
  const outcome = await search.search(caller, query)
  const forNeed = [...outcome.fitting, ...outcome.notFitting].filter(keep)
  const judged = new Map(forNeed.map((item) => [item.serviceId, item]))
  let byName: Candidate[] = []
  if (options.name) {
    const named = await search.search(caller, { ...query, text: options.name })
    byName = [...named.fitting, ...named.notFitting]
      .filter((item) => keep(item) && !judged.has(item.serviceId))
      .sort((a, b) => b.relevance - a.relevance)
      .slice(0, shownByName)
    for (const item of byName) judged.set(item.serviceId, item)
  }
  return { terms: outcome.terms, forNeed, byName, judged }
}

/**
 * The chosen services judged again on the client's circumstances, by id: what a submitted choice is checked against.
 * The same verdicts the page showed (unless the listing changed since), without searching again; a service the page
 * could not have offered (another network's, no longer listed, or excluded) is absent, so it is refused.
 */
export async function judgeChoices(
  search: DirectorySearchService,
  caller: Caller,
  intake: IntakeForSending,
  serviceIds: string[],
  options: { exclude?: ReadonlySet<string> } = {},
): Promise<Map<string, Candidate>> {
  const wanted = serviceIds.filter((id) => !options.exclude?.has(id))
  if (wanted.length === 0) return new Map()
  return search.judge(caller, circumstancesOf(intake), wanted)
}

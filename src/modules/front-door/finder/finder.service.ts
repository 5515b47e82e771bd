import type { ServiceDependencies } from '../../../services.js'
import type { OrukObject } from '../../directory/oruk/oruk.presenter.js'
import type { OrukService } from '../../directory/oruk/oruk.service.js'
import type { DirectorySearchService, SearchResultItem } from '../../directory/search/search.service.js'
import type { SearchQuery } from '../../directory/search/search.schemas.js'
import type { TermRow } from '../../directory/taxonomy/taxonomy.repository.js'
import { offeredTerms } from '../../directory/taxonomy/taxonomy.service.js'
import { NotFoundError } from '../../../platform/errors.js'
import { networkBySlug, type NetworkRow } from '../../networks/networks.service.js'

/** At most this many results on a page: a slow phone, and people rarely read further. */
export const resultLimit = 20

export interface FinderResult {
  /** The listing exactly as the public Open Referral UK API gives it: nothing internal can reach the page. */
  service: OrukObject
  /** Whether it takes new people now; a pause shows only its expected reopening date, never its reason. */
  taking: 'yes' | 'paused' | 'no'
  reopensOn: string | null
  distanceKm: number | null
}

export interface FinderOutcome {
  results: FinderResult[]
  /** Nothing fitted everything: these are near misses. */
  partial: boolean
  postcodeUnknown: boolean
}

/** Only capacity keeps it from fitting: shown, saying it is not taking people now. */
const onlyCapacityFails = (item: SearchResultItem): boolean => item.reasons.every((reason) => reason.ok || reason.criterion === 'capacity')

function taking(item: SearchResultItem): Pick<FinderResult, 'taking' | 'reopensOn'> {
  if (item.capacityStatus === 'active' && item.fits) return { taking: 'yes', reopensOn: null }
  if (item.capacityStatus === 'paused') return { taking: 'paused', reopensOn: item.expectedReopening }
  return { taking: 'no', reopensOn: null }
}

/**
 * The residents' public finder: the directory search's matching (what help, where, who for) over the network's
 * listings, shown as the public ORUK API shows them. Reads only; records nothing.
 */
export function createFinderService(deps: ServiceDependencies, search: DirectorySearchService, oruk: OrukService) {
  return {
    /** The network whose front door this is; unknown slugs are not found. */
    async network(slug: string): Promise<NetworkRow> {
      const network = await networkBySlug(deps.db, slug)
      if (!network) throw new NotFoundError()
      return network
    },

    terms: (networkId: string): Promise<TermRow[]> => offeredTerms(deps.db, networkId),

    async find(network: Pick<NetworkRow, 'id' | 'slug'>, query: SearchQuery): Promise<FinderOutcome> {
      const outcome = await search.publicSearch(network.id, query)
      let items = [...outcome.fitting, ...outcome.notFitting.filter((item) => !item.fits && onlyCapacityFails(item))]
      const partial = items.length === 0
      if (partial) items = outcome.nearestPartial
      items = items.slice(0, resultLimit)
      const listings = await oruk.getServices(network.slug, items.map((item) => item.serviceId))
      const byId = new Map(listings.map((listing) => [listing.id as string, listing]))
      const results = items.flatMap((item): FinderResult[] => {
        const service = byId.get(item.serviceId)
        return service ? [{ service, distanceKm: item.distanceKm, ...taking(item) }] : []
      })
      return { results, partial: partial && results.length > 0, postcodeUnknown: outcome.postcode.status === 'unknown' }
    },
  }
}

export type FinderService = ReturnType<typeof createFinderService>

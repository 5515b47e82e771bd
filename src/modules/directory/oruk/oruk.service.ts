import { NotFoundError } from '../../../platform/errors.js'
import { networkBySlug as findNetwork, type NetworkRow } from '../../networks/networks.service.js'
import { centroidOf } from '../postcodes/postcodes.service.js'
import type { ServiceDependencies } from '../../../services.js'
import * as repository from './oruk.repository.js'
import {
  presentFullServices,
  presentOrganisation,
  presentOrganisationSummary,
  presentPage,
  presentServiceAtLocation,
  presentServiceAtLocationSummary,
  presentServiceSummary,
  presentTaxonomy,
  presentTerm,
  type OrukObject,
  type Page,
} from './oruk.presenter.js'
import type { ListQuery, PageQuery, ServiceQuery, TaxonomyTermQuery } from './oruk.schemas.js'
import { createOrukImportService } from './oruk-import.service.js'
import { createOrukExportService } from './oruk-export.service.js'

/** A query parameter we understood but cannot act on (a postcode we have no centroid for…). */
export class BadParameterError extends Error {
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(message)
  }
}

/** The spec's root response: which HSDS version and profile this API follows. */
export const apiInfo = {
  version: '3.0',
  profile: 'https://github.com/openreferral/uk-profile',
  openapi_url: 'https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/openapi.json',
} as const

const paging = (query: PageQuery) => ({ limit: query.per_page, offset: (query.page - 1) * query.per_page })

/** The public, read-only Open Referral UK view of one network's directory, and its import and export. */
export function createOrukService(deps: ServiceDependencies) {
  const { db } = deps

  async function networkBySlug(slug: string): Promise<NetworkRow> {
    const network = await findNetwork(db, slug)
    if (!network) throw new NotFoundError()
    return network
  }

  async function serviceFilters(query: ServiceQuery): Promise<repository.ServiceFilters> {
    const filters: repository.ServiceFilters = {
      search: query.search || undefined,
      taxonomyTermId: query.taxonomy_term_id,
      taxonomyId: query.taxonomy_id,
      organisationId: query.organization_id,
      minimumAge: query.minimum_age,
      maximumAge: query.maximum_age,
      day: query.day,
      startTime: query.start_time,
      endTime: query.end_time,
      modifiedAfter: query.modified_after,
    }
    if (query.postcode) {
      const centroid = await centroidOf(db, query.postcode.postcode)
      filters.coverage = { district: query.postcode.district, latitude: centroid?.latitude ?? null, longitude: centroid?.longitude ?? null }
      if (query.proximity !== undefined) {
        if (!centroid) throw new BadParameterError('postcode', `We do not know where ${query.postcode.postcode} is, so cannot measure proximity from it`)
        filters.proximity = { ...centroid, metres: query.proximity }
      }
    }
    return filters
  }

  return {
    info: async (slug: string): Promise<typeof apiInfo> => {
      await networkBySlug(slug)
      return apiInfo
    },

    listServices: async (slug: string, query: ServiceQuery): Promise<Page> => {
      const network = await networkBySlug(slug)
      const { total, rows } = await repository.listServices(db, network.id, await serviceFilters(query), paging(query))
      return presentPage(rows.map((row) => presentServiceSummary(row.service, row.organisation)), total, query.page, query.per_page)
    },

    getService: async (slug: string, id: string): Promise<OrukObject> => {
      const network = await networkBySlug(slug)
      const graph = await repository.loadServiceGraph(db, network.id, [id])
      const [service] = presentFullServices(graph, network.nation)
      if (!service) throw new NotFoundError()
      return service
    },

    /** Fully nested services by id, in the order given; ids not in the network are left out. The public finder shows these. */
    getServices: async (slug: string, ids: string[]): Promise<OrukObject[]> => {
      const network = await networkBySlug(slug)
      if (ids.length === 0) return []
      const graph = await repository.loadServiceGraph(db, network.id, ids)
      const byId = new Map(presentFullServices(graph, network.nation).map((service) => [service.id as string, service]))
      return ids.flatMap((id): OrukObject[] => {
        const service = byId.get(id)
        return service ? [service] : []
      })
    },

    listServiceAtLocations: async (slug: string, query: ServiceQuery): Promise<Page> => {
      const network = await networkBySlug(slug)
      const { total, rows } = await repository.listServiceAtLocations(db, network.id, await serviceFilters(query), paging(query))
      return presentPage(rows.map(presentServiceAtLocationSummary), total, query.page, query.per_page)
    },

    getServiceAtLocation: async (slug: string, id: string): Promise<OrukObject> => {
      const network = await networkBySlug(slug)
      const sal = await repository.findServiceAtLocation(db, network.id, id)
      if (!sal) throw new NotFoundError()
      const graph = await repository.loadServiceGraph(db, network.id, [sal.serviceId])
      const presented = presentServiceAtLocation(sal, graph, network.nation)
      if (!presented) throw new NotFoundError()
      return presented
    },

    listOrganisations: async (slug: string, query: ListQuery): Promise<Page> => {
      const network = await networkBySlug(slug)
      const { total, rows } = await repository.listOrganisations(db, network.id, query.search || undefined, paging(query))
      return presentPage(rows.map(presentOrganisationSummary), total, query.page, query.per_page)
    },

    getOrganisation: async (slug: string, id: string): Promise<OrukObject> => {
      const network = await networkBySlug(slug)
      const organisation = await repository.findOrganisation(db, network.id, id)
      if (!organisation) throw new NotFoundError()
      const serviceIds = await repository.listServiceIdsOfOrganisation(db, network.id, organisation.id)
      const graph = await repository.loadServiceGraph(db, network.id, serviceIds)
      const byId = new Map(presentFullServices(graph, network.nation).map((service) => [service.id, service]))
      return { ...presentOrganisation(organisation, network.nation), services: serviceIds.flatMap((serviceId) => byId.get(serviceId) ?? []) }
    },

    listTaxonomies: async (slug: string, query: PageQuery): Promise<Page> => {
      const network = await networkBySlug(slug)
      const { total, rows } = await repository.listTaxonomies(db, network.id, paging(query))
      return presentPage(rows.map((taxonomy) => presentTaxonomy(taxonomy)), total, query.page, query.per_page)
    },

    getTaxonomy: async (slug: string, id: string): Promise<OrukObject> => {
      const network = await networkBySlug(slug)
      const taxonomy = await repository.findTaxonomy(db, network.id, id)
      if (!taxonomy) throw new NotFoundError()
      const { rows } = await repository.listTerms(db, network.id, { taxonomyId: taxonomy.id }, { limit: 10_000, offset: 0 })
      return presentTaxonomy(taxonomy, rows)
    },

    listTerms: async (slug: string, query: TaxonomyTermQuery): Promise<Page> => {
      const network = await networkBySlug(slug)
      const { total, rows } = await repository.listTerms(db, network.id, { taxonomyId: query.taxonomy_id, search: query.search || undefined }, paging(query))
      return presentPage(rows.map(presentTerm), total, query.page, query.per_page)
    },

    getTerm: async (slug: string, id: string): Promise<OrukObject> => {
      const network = await networkBySlug(slug)
      const term = await repository.findTerm(db, network.id, id)
      if (!term) throw new NotFoundError()
      return presentTerm(term)
    },

    /** The network a command-line import or export names. */
    networkIdBySlug: async (slug: string): Promise<string> => (await networkBySlug(slug)).id,
    imports: createOrukImportService(deps),
    exports: createOrukExportService(deps),

  }
}

export type OrukService = ReturnType<typeof createOrukService>

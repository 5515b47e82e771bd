import { and, asc, count, desc, eq, getTableColumns, gte, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm'
import { haversineKmSql } from '../postcodes/postcodes.repository.js'
import type { Executor } from '../../../db/client.js'
import {
  accessibility,
  addresses,
  contacts,
  costOptions,
  locations,
  organisations,
  phones,
  schedules,
  serviceAreas,
  serviceAtLocations,
  serviceCapacity,
  services,
  serviceTaxonomy,
  taxonomies,
  taxonomyTerms,
} from '../../../db/schema/index.js'

/*
 * Reads for the Open Referral UK API and export. Only public listing tables are read here: never users,
 * memberships, referrals or clients. Every query names the network.
 */

export type ServiceRow = typeof services.$inferSelect
export type OrganisationRow = typeof organisations.$inferSelect
export type LocationRow = typeof locations.$inferSelect
export type ServiceAtLocationRow = typeof serviceAtLocations.$inferSelect
export type TaxonomyRow = typeof taxonomies.$inferSelect
export type TermRow = typeof taxonomyTerms.$inferSelect

/** Service columns that are public (everything but the search vector and who verified it). */
const serviceColumns = (() => {
  const { searchVector: _vector, verifiedBy: _verifiedBy, reviewReminderSentAt: _reminder, ...columns } = getTableColumns(services)
  return columns
})()

export type PublicServiceRow = Omit<ServiceRow, 'searchVector' | 'verifiedBy' | 'reviewReminderSentAt'>

export interface ServiceFilters {
  search?: string
  taxonomyTermId?: string
  taxonomyId?: string
  organisationId?: string
  minimumAge?: number
  maximumAge?: number
  day?: string
  startTime?: string
  endTime?: string
  /** The postcode must be in the service's area (district, radius, or the whole network area). */
  coverage?: { district: string; latitude: number | null; longitude: number | null }
  /** A location of the service (or this service at a location) within so many metres. */
  proximity?: { latitude: number; longitude: number; metres: number }
  modifiedAfter?: Date
}

export interface Paging {
  limit: number
  offset: number
}


/** Great-circle distance in metres, by the directory's one haversine (postcodes). */
function metresBetween(latitude: SQL, longitude: SQL, fromLatitude: number, fromLongitude: number): SQL {
  return sql`(${haversineKmSql(fromLatitude, fromLongitude, latitude, longitude)} * 1000)`
}

function serviceConditions(networkId: string, filters: ServiceFilters): SQL[] {
  const conditions: SQL[] = [eq(services.networkId, networkId)]
  if (filters.search) conditions.push(sql`${services.searchVector} @@ websearch_to_tsquery('english', ${filters.search})`)
  if (filters.taxonomyTermId) {
    conditions.push(sql`exists (select 1 from service_taxonomy st where st.service_id = ${services.id} and st.term_id = ${filters.taxonomyTermId})`)
  }
  if (filters.taxonomyId) {
    conditions.push(
      sql`exists (select 1 from service_taxonomy st join taxonomy_terms tt on tt.id = st.term_id where st.service_id = ${services.id} and tt.taxonomy_id = ${filters.taxonomyId})`,
    )
  }
  if (filters.organisationId) conditions.push(eq(services.organisationId, filters.organisationId))
  // As the spec words it: a minimum age of at least the value (none stated counts as 0), a maximum at or below it.
  if (filters.minimumAge !== undefined) conditions.push(sql`coalesce(${services.minimumAge}, 0) >= ${filters.minimumAge}`)
  if (filters.maximumAge !== undefined) conditions.push(sql`${services.maximumAge} <= ${filters.maximumAge}`)
  if (filters.day || filters.startTime || filters.endTime) {
    const scheduleConditions: SQL[] = [sql`sc.network_id = ${services.networkId}`]
    if (filters.day) {
      scheduleConditions.push(
        sql`exists (select 1 from unnest(string_to_array(sc.byday, ',')) as d(v) where upper(trim(d.v)) ~ ${`^[+-]?[0-9]*${filters.day}$`})`,
      )
    }
    if (filters.startTime) scheduleConditions.push(sql`sc.opens_at >= ${filters.startTime}::time`)
    if (filters.endTime) scheduleConditions.push(sql`sc.closes_at <= ${filters.endTime}::time`)
    conditions.push(
      sql`exists (select 1 from schedules sc where (sc.service_id = ${services.id} or sc.service_at_location_id in (select sl.id from service_at_locations sl where sl.service_id = ${services.id})) and ${sql.join(scheduleConditions, sql` and `)})`,
    )
  }
  if (filters.coverage) {
    const { district, latitude, longitude } = filters.coverage
    const byRadius =
      latitude !== null && longitude !== null
        ? sql` or (${services.areaRadiusKm} is not null and ${services.areaCentreLatitude} is not null and ${metresBetween(sql`${services.areaCentreLatitude}`, sql`${services.areaCentreLongitude}`, latitude, longitude)} <= ${services.areaRadiusKm} * 1000)`
        : sql``
    conditions.push(
      sql`((cardinality(${services.areaDistricts}) = 0 and ${services.areaRadiusKm} is null) or ${district} = any(${services.areaDistricts})${byRadius})`,
    )
  }
  if (filters.modifiedAfter) conditions.push(gte(services.updatedAt, filters.modifiedAfter))
  return conditions
}

function serviceOrder(filters: ServiceFilters): SQL[] {
  const byName = [asc(services.name), asc(services.id)]
  if (!filters.search) return byName
  return [desc(sql`ts_rank(${services.searchVector}, websearch_to_tsquery('english', ${filters.search}))`), ...byName]
}

export async function listServices(
  db: Executor,
  networkId: string,
  filters: ServiceFilters,
  paging: Paging,
): Promise<{ total: number; rows: { service: PublicServiceRow; organisation: OrganisationRow }[] }> {
  const conditions = serviceConditions(networkId, filters)
  if (filters.proximity) {
    const { latitude, longitude, metres } = filters.proximity
    conditions.push(
      sql`exists (select 1 from service_at_locations sl join locations l on l.id = sl.location_id where sl.service_id = ${services.id} and l.latitude is not null and l.longitude is not null and ${metresBetween(sql`l.latitude`, sql`l.longitude`, latitude, longitude)} <= ${metres})`,
    )
  }
  const where = and(...conditions)
  const [{ total }] = await db.select({ total: count() }).from(services).where(where)
  const rows = await db
    .select({ service: serviceColumns, organisation: organisations })
    .from(services)
    .innerJoin(organisations, eq(organisations.id, services.organisationId))
    .where(where)
    .orderBy(...serviceOrder(filters))
    .limit(paging.limit)
    .offset(paging.offset)
  return { total, rows }
}

export interface ServiceAtLocationListRow {
  serviceAtLocation: ServiceAtLocationRow
  location: LocationRow
  service: PublicServiceRow
  organisation: OrganisationRow
}

export async function listServiceAtLocations(
  db: Executor,
  networkId: string,
  filters: ServiceFilters,
  paging: Paging,
): Promise<{ total: number; rows: ServiceAtLocationListRow[] }> {
  const conditions = [eq(serviceAtLocations.networkId, networkId), ...serviceConditions(networkId, filters)]
  if (filters.proximity) {
    const { latitude, longitude, metres } = filters.proximity
    conditions.push(
      sql`${locations.latitude} is not null and ${locations.longitude} is not null and ${metresBetween(sql`${locations.latitude}`, sql`${locations.longitude}`, latitude, longitude)} <= ${metres}`,
    )
  }
  const where = and(...conditions)
  const base = () =>
    db
      .select({ serviceAtLocation: serviceAtLocations, location: locations, service: serviceColumns, organisation: organisations })
      .from(serviceAtLocations)
      .innerJoin(services, eq(services.id, serviceAtLocations.serviceId))
      .innerJoin(locations, eq(locations.id, serviceAtLocations.locationId))
      .innerJoin(organisations, eq(organisations.id, services.organisationId))
  const [{ total }] = await db
    .select({ total: count() })
    .from(serviceAtLocations)
    .innerJoin(services, eq(services.id, serviceAtLocations.serviceId))
    .innerJoin(locations, eq(locations.id, serviceAtLocations.locationId))
    .where(where)
  const rows = await base()
    .where(where)
    .orderBy(...serviceOrder(filters), asc(serviceAtLocations.id))
    .limit(paging.limit)
    .offset(paging.offset)
  return { total, rows }
}

export async function findServiceAtLocation(db: Executor, networkId: string, id: string): Promise<ServiceAtLocationRow | null> {
  const [row] = await db
    .select()
    .from(serviceAtLocations)
    .where(and(eq(serviceAtLocations.networkId, networkId), eq(serviceAtLocations.id, id)))
  return row ?? null
}

/** Every service id of the network, in name order (for export). */
export async function listServiceIds(db: Executor, networkId: string): Promise<string[]> {
  const rows = await db.select({ id: services.id }).from(services).where(eq(services.networkId, networkId)).orderBy(asc(services.name), asc(services.id))
  return rows.map((row) => row.id)
}

export interface ServiceGraph {
  services: PublicServiceRow[]
  organisations: OrganisationRow[]
  terms: (TermRow & { serviceId: string; taxonomyName: string })[]
  schedules: (typeof schedules.$inferSelect)[]
  serviceAreas: (typeof serviceAreas.$inferSelect)[]
  serviceAtLocations: ServiceAtLocationRow[]
  locations: LocationRow[]
  addresses: (typeof addresses.$inferSelect)[]
  accessibility: (typeof accessibility.$inferSelect)[]
  contacts: (typeof contacts.$inferSelect)[]
  phones: (typeof phones.$inferSelect)[]
  costOptions: (typeof costOptions.$inferSelect)[]
  capacities: (typeof serviceCapacity.$inferSelect)[]
}

/** Everything the fully nested services need, for any number of services, in one query per table. */
export async function loadServiceGraph(db: Executor, networkId: string, serviceIds: string[]): Promise<ServiceGraph> {
  const ids = serviceIds.length > 0 ? serviceIds : ['00000000-0000-0000-0000-000000000000']
  const serviceRows = await db
    .select(serviceColumns)
    .from(services)
    .where(and(eq(services.networkId, networkId), inArray(services.id, ids)))
  const organisationIds = [...new Set(serviceRows.map((row) => row.organisationId))]
  const [organisationRows, terms, scheduleRows, areaRows, salRows, contactRows, costRows, capacityRows] = await Promise.all([
    organisationIds.length > 0
      ? db.select().from(organisations).where(and(eq(organisations.networkId, networkId), inArray(organisations.id, organisationIds)))
      : Promise.resolve([]),
    db
      .select({ term: taxonomyTerms, serviceId: serviceTaxonomy.serviceId, taxonomyName: taxonomies.name })
      .from(serviceTaxonomy)
      .innerJoin(taxonomyTerms, eq(taxonomyTerms.id, serviceTaxonomy.termId))
      .innerJoin(taxonomies, eq(taxonomies.id, taxonomyTerms.taxonomyId))
      .where(and(eq(serviceTaxonomy.networkId, networkId), inArray(serviceTaxonomy.serviceId, ids)))
      .orderBy(asc(taxonomyTerms.name)),
    db
      .select()
      .from(schedules)
      .where(
        and(
          eq(schedules.networkId, networkId),
          or(
            inArray(schedules.serviceId, ids),
            inArray(schedules.serviceAtLocationId, db.select({ id: serviceAtLocations.id }).from(serviceAtLocations).where(inArray(serviceAtLocations.serviceId, ids))),
          ),
        ),
      ),
    db.select().from(serviceAreas).where(and(eq(serviceAreas.networkId, networkId), inArray(serviceAreas.serviceId, ids))),
    db.select().from(serviceAtLocations).where(and(eq(serviceAtLocations.networkId, networkId), inArray(serviceAtLocations.serviceId, ids))),
    db.select().from(contacts).where(and(eq(contacts.networkId, networkId), inArray(contacts.serviceId, ids))),
    db.select().from(costOptions).where(and(eq(costOptions.networkId, networkId), inArray(costOptions.serviceId, ids))),
    db.select().from(serviceCapacity).where(and(eq(serviceCapacity.networkId, networkId), inArray(serviceCapacity.serviceId, ids))),
  ])
  const locationIds = [...new Set(salRows.map((row) => row.locationId))]
  const contactIds = contactRows.map((row) => row.id)
  const anyLocation = locationIds.length > 0 ? locationIds : ids
  const [locationRows, addressRows, accessibilityRows, phoneRows] = await Promise.all([
    db.select().from(locations).where(and(eq(locations.networkId, networkId), inArray(locations.id, anyLocation))),
    db.select().from(addresses).where(and(eq(addresses.networkId, networkId), inArray(addresses.locationId, anyLocation))),
    db.select().from(accessibility).where(and(eq(accessibility.networkId, networkId), inArray(accessibility.locationId, anyLocation))),
    db
      .select()
      .from(phones)
      .where(
        and(
          eq(phones.networkId, networkId),
          or(inArray(phones.serviceId, ids), contactIds.length > 0 ? inArray(phones.contactId, contactIds) : undefined),
        ),
      ),
  ])
  return {
    services: serviceRows,
    organisations: organisationRows,
    terms: terms.map((row) => ({ ...row.term, serviceId: row.serviceId, taxonomyName: row.taxonomyName })),
    schedules: scheduleRows,
    serviceAreas: areaRows,
    serviceAtLocations: salRows,
    locations: locationRows,
    addresses: addressRows,
    accessibility: accessibilityRows,
    contacts: contactRows,
    phones: phoneRows,
    costOptions: costRows,
    capacities: capacityRows,
  }
}

export async function listOrganisations(
  db: Executor,
  networkId: string,
  search: string | undefined,
  paging: Paging,
): Promise<{ total: number; rows: OrganisationRow[] }> {
  const where = and(eq(organisations.networkId, networkId), search ? ilike(organisations.name, `%${search.replace(/[\\%_]/g, '\\$&')}%`) : undefined)
  const [{ total }] = await db.select({ total: count() }).from(organisations).where(where)
  const rows = await db.select().from(organisations).where(where).orderBy(asc(organisations.name), asc(organisations.id)).limit(paging.limit).offset(paging.offset)
  return { total, rows }
}

export async function findOrganisation(db: Executor, networkId: string, id: string): Promise<OrganisationRow | null> {
  const [row] = await db.select().from(organisations).where(and(eq(organisations.networkId, networkId), eq(organisations.id, id)))
  return row ?? null
}

export async function listServiceIdsOfOrganisation(db: Executor, networkId: string, organisationId: string): Promise<string[]> {
  const rows = await db
    .select({ id: services.id })
    .from(services)
    .where(and(eq(services.networkId, networkId), eq(services.organisationId, organisationId)))
    .orderBy(asc(services.name), asc(services.id))
  return rows.map((row) => row.id)
}

export async function listTaxonomies(db: Executor, networkId: string, paging: Paging): Promise<{ total: number; rows: TaxonomyRow[] }> {
  const where = eq(taxonomies.networkId, networkId)
  const [{ total }] = await db.select({ total: count() }).from(taxonomies).where(where)
  const rows = await db.select().from(taxonomies).where(where).orderBy(asc(taxonomies.createdAt), asc(taxonomies.id)).limit(paging.limit).offset(paging.offset)
  return { total, rows }
}

export async function findTaxonomy(db: Executor, networkId: string, id: string): Promise<TaxonomyRow | null> {
  const [row] = await db.select().from(taxonomies).where(and(eq(taxonomies.networkId, networkId), eq(taxonomies.id, id)))
  return row ?? null
}

export type TermWithTaxonomy = TermRow & { taxonomyName: string }

export async function listTerms(
  db: Executor,
  networkId: string,
  filters: { taxonomyId?: string; search?: string },
  paging: Paging,
): Promise<{ total: number; rows: TermWithTaxonomy[] }> {
  const where = and(
    eq(taxonomyTerms.networkId, networkId),
    filters.taxonomyId ? eq(taxonomyTerms.taxonomyId, filters.taxonomyId) : undefined,
    filters.search ? ilike(taxonomyTerms.name, `%${filters.search.replace(/[\\%_]/g, '\\$&')}%`) : undefined,
  )
  const [{ total }] = await db.select({ total: count() }).from(taxonomyTerms).where(where)
  const rows = await db
    .select({ term: taxonomyTerms, taxonomyName: taxonomies.name })
    .from(taxonomyTerms)
    .innerJoin(taxonomies, eq(taxonomies.id, taxonomyTerms.taxonomyId))
    .where(where)
    .orderBy(asc(taxonomyTerms.createdAt), asc(taxonomyTerms.name), asc(taxonomyTerms.id))
    .limit(paging.limit)
    .offset(paging.offset)
  return { total, rows: rows.map((row) => ({ ...row.term, taxonomyName: row.taxonomyName })) }
}

export async function findTerm(db: Executor, networkId: string, id: string): Promise<TermWithTaxonomy | null> {
  const [row] = await db
    .select({ term: taxonomyTerms, taxonomyName: taxonomies.name })
    .from(taxonomyTerms)
    .innerJoin(taxonomies, eq(taxonomies.id, taxonomyTerms.taxonomyId))
    .where(and(eq(taxonomyTerms.networkId, networkId), eq(taxonomyTerms.id, id)))
  return row ? { ...row.term, taxonomyName: row.taxonomyName } : null
}

/** Every term of the network with its taxonomy's name (for export). */
export async function listAllTerms(db: Executor, networkId: string): Promise<TermWithTaxonomy[]> {
  const rows = await db
    .select({ term: taxonomyTerms, taxonomyName: taxonomies.name })
    .from(taxonomyTerms)
    .innerJoin(taxonomies, eq(taxonomies.id, taxonomyTerms.taxonomyId))
    .where(eq(taxonomyTerms.networkId, networkId))
    .orderBy(asc(taxonomyTerms.createdAt), asc(taxonomyTerms.name))
  return rows.map((row) => ({ ...row.term, taxonomyName: row.taxonomyName }))
}

export async function listAllTaxonomies(db: Executor, networkId: string): Promise<TaxonomyRow[]> {
  return db.select().from(taxonomies).where(eq(taxonomies.networkId, networkId)).orderBy(asc(taxonomies.createdAt))
}

export async function listAllOrganisations(db: Executor, networkId: string): Promise<OrganisationRow[]> {
  return db.select().from(organisations).where(eq(organisations.networkId, networkId)).orderBy(asc(organisations.name))
}


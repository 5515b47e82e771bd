import { and, asc, eq, inArray, isNull, sql, type Placeholder, type SQL } from 'drizzle-orm'
import type { Executor } from '../../../db/client.js'
import { anyOf, listValue, preparedQuery } from '../../../db/prepared.js'
import { parsedJson } from '../../../db/rows.js'
import { organisations, schedules, searchGaps, serviceAtLocations, serviceTaxonomy, services, taxonomyTerms } from '../../../db/schema/index.js'
import { haversineKmSql } from '../postcodes/postcodes.repository.js'

/** How alike a typed word and a name must be for pg_trgm to call it a typo of it ("housng" ~ "Housing" is 0.57). */
const typoThreshold = 0.4
/** Below this many full-text matches, near spellings of names are searched too. */
const typoFallbackBelow = 20

export interface CandidateQuery {
  networkId: string
  text: string | null
  issueIds: string[]
  origin: { latitude: number; longitude: number } | null
  limit: number
}

const ids = (values: string[]): SQL => sql.join(values.map((value) => sql`${value}::uuid`), sql`, `)
/** A page of ids as one array parameter: 200 separate parameters cost more to bind and plan than to run. */
const idArray = (values: string[]): SQL => sql`${listValue(values)}::uuid[]`

const wordsMatch = (text: string): SQL => sql`${services.searchVector} @@ websearch_to_tsquery('english', ${text})`

/** How many services the words alone find, up to the point where near spellings stop being worth looking for. */
async function countWordMatches(tx: Executor, networkId: string, text: string): Promise<number> {
  const rows = await tx
    .select({ id: services.id })
    .from(services)
    .where(and(eq(services.networkId, networkId), wordsMatch(text)))
    .limit(typoFallbackBelow)
  return rows.length
}

const listed = sql`status in ('active', 'temporarily closed')`

/** Km from the origin to the service's nearest location, else to its area centre: one service, by id. */
function nearestKmSql(origin: { latitude: number; longitude: number }, serviceId: SQL): SQL {
  return sql`coalesce(
    (select min(${haversineKmSql(origin.latitude, origin.longitude, sql`l.latitude`, sql`l.longitude`)})
      from service_at_locations sal join locations l on l.id = sal.location_id
      where sal.service_id = ${serviceId} and l.latitude is not null and l.longitude is not null),
    (select ${haversineKmSql(origin.latitude, origin.longitude, sql`c.area_centre_latitude`, sql`c.area_centre_longitude`)}
      from services c where c.id = ${serviceId} and c.area_centre_latitude is not null and c.area_centre_longitude is not null))`
}

/**
 * Services that could answer the search, as one subquery of ids: matching the text (its words, an issue named in it,
 * or — only when the words find little — a near spelling of a name) and/or tagged with a chosen issue. Null when the
 * search names neither, which means every listing. Each arm is indexed and keeps only its own best `limit` before
 * anything is joined: an issue named in the words can tag thousands of services, and fetching and ranking them all
 * was most of a search's time. An issue arm keeps the nearest when a postcode is placed, else any (they rank alike).
 */
async function hitsSql(tx: Executor, query: CandidateQuery): Promise<SQL | null> {
  const { networkId, text, issueIds, origin, limit } = query
  const issueOrder = (serviceId: SQL): SQL => (origin ? sql`${nearestKmSql(origin, serviceId)} asc nulls last, ${serviceId}` : serviceId)
  const arms: SQL[] = []
  if (text) {
    await tx.execute(sql`select set_config('pg_trgm.word_similarity_threshold', ${String(typoThreshold)}, true)`)
    arms.push(sql`(select id from services where network_id = ${networkId} and ${listed} and ${wordsMatch(text)}
      order by ts_rank(search_vector, websearch_to_tsquery('english', ${text})) desc, id limit ${limit})`)
    if ((await countWordMatches(tx, networkId, text)) < typoFallbackBelow) {
      arms.push(sql`(select id from services where network_id = ${networkId} and ${listed} and ${text} <% name
        order by word_similarity(${text}, name) desc, id limit ${limit})`)
    }
    arms.push(sql`(select st.service_id from service_taxonomy st join taxonomy_terms t on t.id = st.term_id
      where st.network_id = ${networkId} and t.network_id = ${networkId} and t.retired_at is null
        and (${text} <% t.name or t.name <% ${text} or ${text} <% t.name_cy or t.name_cy <% ${text})
      group by st.service_id order by ${issueOrder(sql`st.service_id`)} limit ${limit})`)
  }
  if (issueIds.length > 0) {
    arms.push(sql`(select st.service_id from service_taxonomy st where st.network_id = ${networkId} and st.term_id in (${ids(issueIds)})
      group by st.service_id order by ${issueOrder(sql`st.service_id`)} limit ${limit})`)
  }
  return arms.length > 0 ? sql.join(arms, sql` union `) : null
}

function relevanceSql(query: CandidateQuery): SQL {
  const parts: SQL[] = [sql`0`]
  if (query.text) {
    // Name words weigh most in search_vector (A), then referral criteria (B), then description (C); a near spelling of the name adds.
    parts.push(sql`ts_rank(${services.searchVector}, websearch_to_tsquery('english', ${query.text}))`)
    parts.push(sql`0.5 * word_similarity(${query.text}, ${services.name})`)
  }
  if (query.issueIds.length > 0) {
    parts.push(sql`0.1 * (select count(*) from service_taxonomy st where st.service_id = ${services.id} and st.term_id in (${ids(query.issueIds)}))`)
  }
  return sql`(${sql.join(parts, sql` + `)})::float8`
}

/** Km from the origin to each service's nearest location and to its area centre (null without an origin). */
function distanceSql(origin: { latitude: number | Placeholder; longitude: number | Placeholder } | null): { locationKm: SQL; centreKm: SQL } {
  if (!origin) return { locationKm: sql`null::float8`, centreKm: sql`null::float8` }
  return {
    locationKm: sql`(select min(${haversineKmSql(origin.latitude, origin.longitude, sql`l.latitude`, sql`l.longitude`)})
        from service_at_locations sal join locations l on l.id = sal.location_id
        where sal.service_id = ${services.id} and l.latitude is not null and l.longitude is not null)`,
    centreKm: sql`case when ${services.areaCentreLatitude} is not null and ${services.areaCentreLongitude} is not null
        then ${haversineKmSql(origin.latitude, origin.longitude, services.areaCentreLatitude, services.areaCentreLongitude)} end`,
  }
}

/** What a candidate row holds: the listing facts eligibility judges, and what a result shows. */
function candidateColumns(relevance: SQL, distances: { locationKm: SQL; centreKm: SQL }) {
  return {
    id: services.id,
    name: services.name,
    description: services.description,
    organisationId: services.organisationId,
    organisationName: organisations.name,
    minimumAge: services.minimumAge,
    maximumAge: services.maximumAge,
    areaDistricts: services.areaDistricts,
    areaRadiusKm: services.areaRadiusKm,
    acceptsNrpf: services.acceptsNrpf,
    languages: services.languages,
    interpreting: services.interpreting,
    deliveryChannels: services.deliveryChannels,
    status: services.status,
    capacityStatus: services.capacityStatus,
    pausedReason: services.pausedReason,
    expectedReopening: services.expectedReopening,
    waitingList: services.waitingList,
    lastReviewedAt: services.lastReviewedAt,
    verifiedAt: services.verifiedAt,
    relevance: sql<number>`${relevance}`.mapWith(Number),
    locationKm: sql<number | null>`${distances.locationKm}`,
    centreKm: sql<number | null>`${distances.centreKm}`,
  }
}

const withNumericDistances = <T extends { locationKm: number | null; centreKm: number | null }>(row: T): T => ({
  ...row,
  locationKm: row.locationKm === null ? null : Number(row.locationKm),
  centreKm: row.centreKm === null ? null : Number(row.centreKm),
})

export async function findCandidates(tx: Executor, query: CandidateQuery) {
  const hitIds = await hitsSql(tx, query)
  const hits = hitIds ? sql`${services.id} in (${hitIds})` : undefined
  const origin = query.origin
  const { locationKm, centreKm } = distanceSql(origin)
  const relevance = relevanceSql(query)
  const rows = await tx
    .select(candidateColumns(relevance, { locationKm, centreKm }))
    .from(services)
    .innerJoin(organisations, eq(organisations.id, services.organisationId))
    .where(
      and(
        eq(services.networkId, query.networkId),
        inArray(services.status, ['active', 'temporarily closed']),
        hits,
      ),
    )
    // The cap keeps the most relevant, and among equals the nearest (a search by issue alone ranks by distance).
    .orderBy(
      ...(hits ? [sql`${relevance} desc`] : []),
      ...(origin ? [sql`coalesce(${locationKm}, ${centreKm}) asc nulls last`] : []),
      asc(services.name),
      asc(services.id),
    )
    .limit(query.limit)
  return rows.map(withNumericDistances)
}

export type CandidateRow = Awaited<ReturnType<typeof findCandidates>>[number]

/**
 * The chosen services' rows as a search would judge them, by id, with their issue tags and opening times: what
 * judging a referrer's chosen services needs, without searching again. Unlisted or unknown ids are left out. Built
 * once and planned once per connection (a named statement): sending runs it on every submit, and planning it cost
 * more than running it. Two shapes: with the client's origin (distances) and without.
 */
const servicesToJudge = (near: boolean) =>
  preparedQuery(near ? 'services_to_judge_near' : 'services_to_judge', (db) => {
    const networkId = sql.placeholder('networkId')
    const origin = near ? { latitude: sql.placeholder('latitude'), longitude: sql.placeholder('longitude') } : null
    const schedule = (where: SQL): SQL => sql`select json_build_object('byday', sc.byday, 'opensAt', sc.opens_at, 'closesAt', sc.closes_at) ${where}`
    return db
      .select({
        ...candidateColumns(sql`0`, distanceSql(origin)),
        termIds: sql<string[]>`array(select st.term_id::text from service_taxonomy st where st.service_id = ${services.id} and st.network_id = ${networkId})`,
        // Its own opening times and those of its locations, as the search reads them.
        schedules: sql<ScheduleRow[] | string>`coalesce(array_to_json(array(
          ${schedule(sql`from schedules sc where sc.service_id = ${services.id} and sc.network_id = ${networkId}`)}
          union all
          ${schedule(sql`from service_at_locations sal join schedules sc on sc.service_at_location_id = sal.id where sal.service_id = ${services.id} and sal.network_id = ${networkId}`)}
        )), '[]')`,
      })
      .from(services)
      .innerJoin(organisations, eq(organisations.id, services.organisationId))
      .where(and(eq(services.networkId, networkId), inArray(services.status, ['active', 'temporarily closed']), sql`${services.id} = ${anyOf('ids')}`))
  })
const judgeNear = servicesToJudge(true)
const judgeAnywhere = servicesToJudge(false)

export async function findServicesToJudge(db: Executor, networkId: string, serviceIds: string[], origin: CandidateQuery['origin']) {
  if (serviceIds.length === 0) return []
  const statement = origin ? judgeNear : judgeAnywhere
  const rows = await statement(db, { networkId, ids: listValue(serviceIds), latitude: origin?.latitude, longitude: origin?.longitude })
  return rows.map((row) => ({
    ...withNumericDistances(row),
    schedules: parsedJson<ScheduleRow[]>(row.schedules),
  }))
}

interface ScheduleRow {
  byday: string | null
  opensAt: string | null
  closesAt: string | null
}

/** The issues each service is tagged with. */
export async function listServiceTerms(tx: Executor, networkId: string, serviceIds: string[]): Promise<{ serviceId: string; termId: string }[]> {
  if (serviceIds.length === 0) return []
  return tx
    .select({ serviceId: serviceTaxonomy.serviceId, termId: serviceTaxonomy.termId })
    .from(serviceTaxonomy)
    .where(and(eq(serviceTaxonomy.networkId, networkId), sql`${serviceTaxonomy.serviceId} = any(${idArray(serviceIds)})`))
}

/** Opening times of each service, its own and those of its locations: two indexed queries rather than one OR. */
export async function listServiceSchedules(tx: Executor, networkId: string, serviceIds: string[]) {
  if (serviceIds.length === 0) return []
  const columns = { byday: schedules.byday, opensAt: schedules.opensAt, closesAt: schedules.closesAt }
  // One after the other: a transaction is one connection, and node-postgres will not queue on it for long.
  const own = await tx
    .select({ serviceId: schedules.serviceId, ...columns })
    .from(schedules)
    .where(and(eq(schedules.networkId, networkId), sql`${schedules.serviceId} = any(${idArray(serviceIds)})`))
  const atLocations = await tx
    .select({ serviceId: serviceAtLocations.serviceId, ...columns })
    .from(serviceAtLocations)
    .innerJoin(schedules, eq(schedules.serviceAtLocationId, serviceAtLocations.id))
    .where(and(eq(serviceAtLocations.networkId, networkId), sql`${serviceAtLocations.serviceId} = any(${idArray(serviceIds)})`))
  return [...own, ...atLocations].map((row) => ({ ...row, serviceId: row.serviceId as string }))
}

export interface GapRecord {
  networkId: string
  organisationId: string | null
  termIds: string[]
  district: string | null
  circumstances: Record<string, string | boolean>
  partialMatches: number
  createdAt: Date
}

/** Whether the same organisation recorded this very gap since `since` (a reloaded or re-sorted results page). */
export async function sameGapSince(tx: Executor, gap: GapRecord, since: Date): Promise<boolean> {
  const rows = await tx
    .select({ id: searchGaps.id })
    .from(searchGaps)
    .where(
      and(
        eq(searchGaps.networkId, gap.networkId),
        gap.organisationId ? eq(searchGaps.organisationId, gap.organisationId) : isNull(searchGaps.organisationId),
        gap.district ? eq(searchGaps.district, gap.district) : isNull(searchGaps.district),
        sql`${searchGaps.termIds} = ${sql`array[${gap.termIds.length ? ids(gap.termIds) : sql``}]::uuid[]`}`,
        sql`${searchGaps.circumstances} = ${JSON.stringify(gap.circumstances)}::jsonb`,
        sql`${searchGaps.createdAt} >= ${since.toISOString()}::timestamptz`,
      ),
    )
    .limit(1)
  return rows.length > 0
}

export async function insertSearchGap(tx: Executor, gap: GapRecord): Promise<string> {
  const [row] = await tx.insert(searchGaps).values(gap).returning({ id: searchGaps.id })
  return row.id
}

import { and, asc, count, eq, gte, lt, sql, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { Executor } from '../../../db/client.js'
import { clients, intakeIssues, organisations, referrals, services, taxonomyTerms } from '../../../db/schema/index.js'

/**
 * The anonymised referral extract's SQL. The client's date of birth and postcode never leave the database:
 * the query turns them into an age band and a postcode district, and reads nothing else of the client.
 */

export interface ExtractFilter {
  networkId: string
  /** Issue names in this language. */
  lang?: 'en' | 'cy'
  /** Sent on or after / before, as UK dates 'YYYY-MM-DD'. */
  sentFrom?: string
  sentBefore?: string
}

/** Where the last batch ended: the sending time as PostgreSQL's text (microseconds kept; a Date would lose them). */
export interface ExtractCursor {
  sentAt: string
  id: string
}

export interface ExtractRow {
  id: string
  cursor: string
  sentAt: Date
  fromOrganisation: string
  fromOrganisationType: string
  toOrganisation: string
  toOrganisationType: string
  service: string
  issues: string | null
  status: string
  outcome: string | null
  declineReason: string | null
  urgency: string
  contactedAt: Date | null
  contactDueOn: string
  /** 'under-18', '18-24' … '75+', or null when neither a date of birth nor a stated age is known. */
  ageBand: string | null
  district: string | null
}

const fromOrganisation = alias(organisations, 'from_organisation')
const toOrganisation = alias(organisations, 'to_organisation')

// Age on the day the referral was sent; a stated age is moved on by the years since it was given.
const ageAtSending = sql`coalesce(
  extract(year from age((${referrals.sentAt} at time zone 'Europe/London')::date, ${clients.dateOfBirth}))::int,
  ${clients.statedAge} + extract(year from age((${referrals.sentAt} at time zone 'Europe/London')::date, ${clients.statedAgeOn}))::int,
  ${clients.statedAge})`

const ageBand = sql<string | null>`case
  when ${ageAtSending} is null then null
  when ${ageAtSending} < 18 then 'under-18'
  when ${ageAtSending} < 25 then '18-24'
  when ${ageAtSending} < 35 then '25-34'
  when ${ageAtSending} < 45 then '35-44'
  when ${ageAtSending} < 55 then '45-54'
  when ${ageAtSending} < 65 then '55-64'
  when ${ageAtSending} < 75 then '65-74'
  else '75+' end`

// Postcodes are stored normalised ('E14 7XJ'); the district is the outward code, before the space.
const district = sql<string | null>`nullif(upper(split_part(trim(${clients.postcode}), ' ', 1)), '')`

const issueNames = (column: SQL) => sql<string | null>`(
  select string_agg(${column}, '; ' order by ${column})
  from ${intakeIssues} join ${taxonomyTerms} on ${taxonomyTerms.id} = ${intakeIssues.termId}
  where ${intakeIssues.intakeId} = ${referrals.intakeId})`

function whereOf(filter: ExtractFilter): SQL | undefined {
  return and(
    eq(referrals.networkId, filter.networkId),
    filter.sentFrom ? gte(referrals.sentAt, sql`(${filter.sentFrom}::date)::timestamp at time zone 'Europe/London'`) : undefined,
    filter.sentBefore ? lt(referrals.sentAt, sql`(${filter.sentBefore}::date)::timestamp at time zone 'Europe/London'`) : undefined,
  )
}

export async function countExtractRows(db: Executor, filter: ExtractFilter): Promise<number> {
  const [row] = await db.select({ total: count() }).from(referrals).where(whereOf(filter))
  return row?.total ?? 0
}

/** One batch in (sent_at, id) order after the given row, so any number of rows streams in constant memory. */
export async function listExtractRows(
  db: Executor,
  filter: ExtractFilter,
  after: ExtractCursor | null,
  limit: number,
): Promise<ExtractRow[]> {
  const rows = await db
    .select({
      id: referrals.id,
      cursor: sql<string>`${referrals.sentAt}::text`,
      sentAt: referrals.sentAt,
      fromOrganisation: fromOrganisation.name,
      fromOrganisationType: fromOrganisation.type,
      toOrganisation: toOrganisation.name,
      toOrganisationType: toOrganisation.type,
      service: services.name,
      issues: issueNames(filter.lang === 'cy' ? sql`${taxonomyTerms.nameCy}` : sql`${taxonomyTerms.name}`),
      status: referrals.status,
      outcome: referrals.outcome,
      declineReason: referrals.declineReason,
      urgency: referrals.urgency,
      contactedAt: referrals.contactedAt,
      contactDueOn: referrals.contactDueOn,
      ageBand,
      district,
    })
    .from(referrals)
    .innerJoin(fromOrganisation, eq(fromOrganisation.id, referrals.fromOrganisationId))
    .innerJoin(toOrganisation, eq(toOrganisation.id, referrals.toOrganisationId))
    .innerJoin(services, eq(services.id, referrals.serviceId))
    .innerJoin(clients, eq(clients.id, referrals.clientId))
    .where(
      and(
        whereOf(filter),
        after ? sql`(${referrals.sentAt}, ${referrals.id}) > (${after.sentAt}::timestamptz, ${after.id}::uuid)` : undefined,
      ),
    )
    .orderBy(asc(referrals.sentAt), asc(referrals.id))
    .limit(limit)
  return rows
}

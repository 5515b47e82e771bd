import { sql, type SQL } from 'drizzle-orm'
import type { Database, Executor } from '../../../db/client.js'
import { rowsOf } from '../../../db/rows.js'
import { percentileOfCounts } from './percentile.js'

/**
 * All SQL of the intelligence hub's measures and its roll-up (decision 0012). Measures read hub_referral_facts,
 * one row per referral derived by `refreshFacts`, never clients: no query here returns anything about one client.
 * Every query is scoped by network; counts come back as plain numbers and suppression happens in the service.
 */

export type OrganisationType = 'voluntary_community' | 'local_authority' | 'nhs' | 'school' | 'social_prescriber' | 'foodbank' | 'housing' | 'other'

export interface FactFilter {
  networkId: string
  /** Inclusive UK calendar dates, 'YYYY-MM-DD'. */
  from: string
  to: string
  district?: string
  issueId?: string
  organisationType?: OrganisationType
  organisationId?: string
}

/**
 * Which side of a referral the organisation filters match: 'to' the receiving organisation (demand, response,
 * outcomes), 'from' the sending one, 'either' a referral that involves it at all.
 */
export type Side = 'to' | 'from' | 'either'
export type Granularity = 'week' | 'month'

function sideMatches(filter: FactFilter, side: 'to' | 'from'): SQL | undefined {
  const parts: SQL[] = []
  if (filter.organisationId) parts.push(side === 'to' ? sql`f.to_organisation_id = ${filter.organisationId}` : sql`f.from_organisation_id = ${filter.organisationId}`)
  if (filter.organisationType) {
    parts.push(side === 'to' ? sql`f.to_organisation_type = ${filter.organisationType}` : sql`f.from_organisation_type = ${filter.organisationType}`)
  }
  return parts.length === 0 ? undefined : sql.join(parts, sql` and `)
}

/** The WHERE every measure shares: network, sent date range, district, issue and the organisation side. */
function factsWhere(filter: FactFilter, side: Side): SQL {
  const parts: SQL[] = [sql`f.network_id = ${filter.networkId}`, sql`f.sent_on between ${filter.from} and ${filter.to}`]
  if (filter.district) parts.push(sql`f.district = ${filter.district}`)
  if (filter.issueId) parts.push(sql`${filter.issueId}::uuid = any(f.issue_ids)`)
  if (side === 'either') {
    const to = sideMatches(filter, 'to')
    const from = sideMatches(filter, 'from')
    if (to && from) parts.push(sql`((${to}) or (${from}))`)
  } else {
    const matches = sideMatches(filter, side)
    if (matches) parts.push(matches)
  }
  return sql.join(parts, sql` and `)
}

export interface VolumeRow {
  period: string
  sent: number
  received: number
}

export interface CountRow {
  key: string | null
  label: string | null
  /** Taxonomy terms only: the Welsh name. */
  labelCy?: string
  count: number
}

export interface DecisionTotals {
  total: number
  accepted: number
  declined: number
  withdrawn: number
}

export interface ResponseTimes {
  contacted: number
  median: number | null
  p90: number | null
}

export interface StatutoryTotals {
  total: number
  toLocalAuthority: number
  fromLocalAuthority: number
  toStatutory: number
  fromStatutory: number
}

export interface CrisisRow {
  period: string
  clients: number
  repeatClients: number
}

export interface EngagementTotals {
  organisations: number
  people: number
}

/** Organisations that joined the network in the range (an organisation type narrows it). */
export async function organisationsOnboarded(db: Executor, filter: FactFilter): Promise<number> {
  const [row] = await rowsOf<{ count: number }>(
    db,
    sql`select count(*)::int as count from organisations o where o.network_id = ${filter.networkId}
          and o.created_at >= (${filter.from}::date)::timestamp at time zone 'Europe/London'
          and o.created_at < (${filter.to}::date + 1)::timestamp at time zone 'Europe/London'
          ${filter.organisationType ? sql`and o.type = ${filter.organisationType}` : sql``}
          ${filter.organisationId ? sql`and o.id = ${filter.organisationId}` : sql``}`,
  )
  return row.count
}

/** Search gaps (searches that found no fitting service) grouped by issue or district. */
export async function gapCounts(db: Executor, filter: FactFilter, by: 'issue' | 'district'): Promise<CountRow[]> {
  const where = sql.join(
    [
      sql`g.network_id = ${filter.networkId}`,
      sql`g.created_at >= (${filter.from}::date)::timestamp at time zone 'Europe/London'`,
      sql`g.created_at < (${filter.to}::date + 1)::timestamp at time zone 'Europe/London'`,
      filter.district ? sql`g.district = ${filter.district}` : sql`true`,
      filter.issueId ? sql`${filter.issueId}::uuid = any(g.term_ids)` : sql`true`,
      filter.organisationId ? sql`g.organisation_id = ${filter.organisationId}` : sql`true`,
      filter.organisationType ? sql`exists (select 1 from organisations o where o.id = g.organisation_id and o.type = ${filter.organisationType})` : sql`true`,
    ],
    sql` and `,
  )
  if (by === 'district') {
    return rowsOf<CountRow>(db, sql`select g.district as key, g.district as label, count(*)::int as count from search_gaps g where ${where} group by 1 order by 3 desc, 1`)
  }
  return rowsOf<CountRow>(
    db,
    sql`select t.id::text as key, t.name as label, t.name_cy as "labelCy", c.count from (
          select i.term as id, count(*)::int as count from search_gaps g, unnest(g.term_ids) as i(term) where ${where} group by 1) c
        join taxonomy_terms t on t.id = c.id and t.network_id = ${filter.networkId}
        order by c.count desc, t.name`,
  )
}

export interface PausedRow {
  serviceId: string
  serviceName: string
  organisationName: string
  status: 'paused' | 'closed'
  startedOn: string
  endedOn: string | null
  days: number
}

/** Stretches of pause or closure that overlap the range, longest first. */
export async function pausedServices(db: Executor, filter: FactFilter, now: Date, limit: number): Promise<{ rows: PausedRow[]; total: number }> {
  const where = sql.join(
    [
      sql`p.network_id = ${filter.networkId}`,
      sql`p.started_at < (${filter.to}::date + 1)::timestamp at time zone 'Europe/London'`,
      sql`(p.ended_at is null or p.ended_at >= (${filter.from}::date)::timestamp at time zone 'Europe/London')`,
      filter.organisationId ? sql`s.organisation_id = ${filter.organisationId}` : sql`true`,
      filter.organisationType ? sql`o.type = ${filter.organisationType}` : sql`true`,
      filter.issueId ? sql`exists (select 1 from service_taxonomy st where st.service_id = s.id and st.term_id = ${filter.issueId})` : sql`true`,
    ],
    sql` and `,
  )
  const rows = await rowsOf<PausedRow & { total: number }>(
    db,
    sql`select s.id::text as "serviceId", s.name as "serviceName", o.name as "organisationName", p.status::text as status,
          (p.started_at at time zone 'Europe/London')::date::text as "startedOn", (p.ended_at at time zone 'Europe/London')::date::text as "endedOn",
          floor(extract(epoch from (coalesce(p.ended_at, ${now.toISOString()}::timestamptz) - p.started_at)) / 86400)::int as days,
          (count(*) over ())::int as total
        from service_capacity_periods p join services s on s.id = p.service_id join organisations o on o.id = s.organisation_id
        where ${where} order by days desc, s.name limit ${limit}`,
  )
  return { rows: rows.map(({ total: _total, ...row }) => row), total: rows[0]?.total ?? 0 }
}

export async function organisationChoices(db: Executor, networkId: string): Promise<{ id: string; name: string }[]> {
  return rowsOf(db, sql`select id::text as id, name from organisations where network_id = ${networkId} order by lower(name)`)
}

export async function organisationName(db: Executor, networkId: string, organisationId: string): Promise<string | null> {
  const [row] = await rowsOf<{ name: string }>(db, sql`select name from organisations where network_id = ${networkId} and id = ${organisationId}`)
  return row?.name ?? null
}

export async function districtsOf(db: Executor, networkId: string): Promise<string[]> {
  // A network has a few dozen districts over hundreds of thousands of facts: step from each district to the next
  // through hub_referral_facts_district_idx instead of reading every fact (PostgreSQL has no skip scan of its own).
  const rows = await rowsOf<{ district: string }>(
    db,
    sql`with recursive d(district) as (
          (select district from hub_referral_facts where network_id = ${networkId} and district is not null order by district limit 1)
          union all
          select (select f.district from hub_referral_facts f where f.network_id = ${networkId} and f.district > d.district order by f.district limit 1)
          from d where d.district is not null)
        select district from d where district is not null`,
  )
  return rows.map((row) => row.district)
}

// The roll-up -------------------------------------------------------------------------------------------

/** Outward code: the postcode without spaces less its last three characters (the inward code). */
const districtOf = sql.raw(
  `case when length(regexp_replace(c.postcode, '\\s', '', 'g')) between 5 and 7 then upper(left(regexp_replace(c.postcode, '\\s', '', 'g'), length(regexp_replace(c.postcode, '\\s', '', 'g')) - 3)) end`,
)

/** Age when sent, from the date of birth or the age they gave (aged on by the years since they gave it). */
const ageBandOf = sql.raw(`(select case when a is null then 'unknown' when a < 18 then 'under-18' when a < 25 then '18-24' when a < 35 then '25-34'
    when a < 50 then '35-49' when a < 65 then '50-64' else '65-plus' end
  from (select coalesce(extract(year from age(r.sent_at::date, c.date_of_birth))::int,
                        c.stated_age + extract(year from age(r.sent_at::date, c.stated_age_on))::int) as a) ages)`)

/**
 * Derives the facts of every referral of the network that has none or whose referral changed (its updated_at
 * differs from the one the fact was made from), then marks which crisis referrals repeat. With `since`, only
 * referrals updated after it are looked at (the caller passes a day before the last watermark, so a late commit
 * is still caught); without, all of them. Returns how many were derived and the latest updated_at among them.
 */
export async function refreshFacts(db: Executor, networkId: string, bankHolidays: string[], since: Date | null = null): Promise<{ count: number; watermark: Date | null }> {
  const holidays = sql`${`{${bankHolidays.join(',')}}`}::date[]`
  const changed = await rowsOf<{ referral_id: string; source_updated_at: string | Date }>(
    db,
    sql`insert into hub_referral_facts (referral_id, network_id, client_id, sent_on, from_organisation_id, from_user_id, to_organisation_id, service_id,
          from_organisation_type, to_organisation_type, from_statutory, to_statutory, district, age_band, issue_ids, crisis, repeat_crisis,
          status, decline_reason, outcome, contact_due_on, contacted_on, contact_working_days, accepted, source_updated_at)
        select r.id, r.network_id, r.client_id, (r.sent_at at time zone 'Europe/London')::date, r.from_organisation_id, r.from_user_id,
          r.to_organisation_id, r.service_id, fo.type, tor.type, fo.statutory, tor.statutory, ${districtOf}, ${ageBandOf},
          coalesce(i.ids, '{}'), coalesce(i.crisis, false), false, r.status, r.decline_reason, r.outcome, r.contact_due_on,
          (r.contacted_at at time zone 'Europe/London')::date,
          case when r.contacted_at is not null then (
            select count(*)::int from generate_series((r.sent_at at time zone 'Europe/London')::date + 1, (r.contacted_at at time zone 'Europe/London')::date, interval '1 day') d
            where extract(isodow from d) < 6 and d::date <> all(${holidays})) end,
          r.accepted_at is not null, r.updated_at
        from referrals r
        left join hub_referral_facts existing on existing.referral_id = r.id
        join organisations fo on fo.id = r.from_organisation_id
        join organisations tor on tor.id = r.to_organisation_id
        join clients c on c.id = r.client_id
        left join lateral (select array_agg(ii.term_id order by ii.term_id) as ids, bool_or(t.crisis) as crisis
                           from intake_issues ii join taxonomy_terms t on t.id = ii.term_id where ii.intake_id = r.intake_id) i on true
        where r.network_id = ${networkId} ${since ? sql`and r.updated_at > ${since.toISOString()}::timestamptz` : sql``}
          and (existing.referral_id is null or existing.source_updated_at is distinct from r.updated_at)
        on conflict (referral_id) do update set
          status = excluded.status, decline_reason = excluded.decline_reason, outcome = excluded.outcome, contact_due_on = excluded.contact_due_on,
          contacted_on = excluded.contacted_on, contact_working_days = excluded.contact_working_days, accepted = excluded.accepted,
          issue_ids = excluded.issue_ids, crisis = excluded.crisis, source_updated_at = excluded.source_updated_at
        returning referral_id, source_updated_at`,
  )
  if (changed.length > 0) {
    // A crisis referral repeats when the same client had another crisis referral on an earlier day within 6 months
    // (several sent the same day are one crisis). Checked for the changed ones and the later ones of their clients.
    await db.execute(
      sql`update hub_referral_facts f set repeat_crisis = exists (
            select 1 from hub_referral_facts p where p.client_id = f.client_id and p.crisis
              and p.sent_on < f.sent_on and p.sent_on >= (f.sent_on - interval '6 months')::date)
          where f.network_id = ${networkId} and f.crisis ${
            changed.length > 5000
              ? sql``
              : sql`and f.client_id in (select client_id from hub_referral_facts where referral_id = any(${`{${changed.map((row) => row.referral_id).join(',')}}`}::uuid[]) and crisis)`
          }`,
    )
  }
  let watermark: Date | null = null
  for (const row of changed) {
    const at = new Date(row.source_updated_at)
    if (!watermark || at > watermark) watermark = at
  }
  return { count: changed.length, watermark }
}

/** Records the run and, when facts changed, forgets the page snapshots made from the facts before. */
export async function markRefreshed(db: Executor, networkId: string, now: Date, watermark: Date | null, changed: boolean): Promise<void> {
  await db.execute(
    sql`insert into hub_refresh_state (network_id, refreshed_at, watermark) values (${networkId}, ${now.toISOString()}::timestamptz, ${watermark?.toISOString() ?? null}::timestamptz)
        on conflict (network_id) do update set refreshed_at = excluded.refreshed_at,
          watermark = greatest(least(hub_refresh_state.watermark, excluded.refreshed_at), excluded.watermark)`,
  )
  if (changed) await db.execute(sql`delete from hub_snapshots where network_id = ${networkId}`)
}

export async function refreshState(db: Executor, networkId: string): Promise<{ refreshedAt: Date; watermark: Date | null } | null> {
  const [row] = await rowsOf<{ refreshed_at: string | Date; watermark: string | Date | null }>(
    db,
    sql`select refreshed_at, watermark from hub_refresh_state where network_id = ${networkId}`,
  )
  return row ? { refreshedAt: new Date(row.refreshed_at), watermark: row.watermark ? new Date(row.watermark) : null } : null
}

export async function findSnapshot(db: Executor, networkId: string, key: string, refreshedAt: Date): Promise<Snapshot | null> {
  const [row] = await rowsOf<{ snapshot: Snapshot }>(
    db,
    sql`select snapshot from hub_snapshots where network_id = ${networkId} and key = ${key} and refreshed_at = ${refreshedAt.toISOString()}::timestamptz`,
  )
  return row?.snapshot ?? null
}

export async function saveSnapshot(db: Executor, networkId: string, key: string, refreshedAt: Date, snapshot: Snapshot): Promise<void> {
  await db.execute(
    sql`insert into hub_snapshots (network_id, key, refreshed_at, snapshot) values (${networkId}, ${key}, ${refreshedAt.toISOString()}::timestamptz, ${JSON.stringify(snapshot)}::jsonb)
        on conflict (network_id, key) do update set refreshed_at = excluded.refreshed_at, snapshot = excluded.snapshot`,
  )
}

export async function networksWithReferrals(db: Executor): Promise<{ id: string; nation: 'england' | 'wales' | 'scotland' | 'northern_ireland' }[]> {
  return rowsOf(db, sql`select n.id::text as id, n.nation::text as nation from networks n where exists (select 1 from referrals r where r.network_id = n.id) order by n.id`)
}

/**
 * The demo's pause history: the stretch each paused or closed service is in now (from its capacity change), and a
 * few finished pauses in the months before, so "paused services and how long" has something to show. Once only.
 */
export async function seedDemoCapacityPeriods(db: Executor, networkId: string, now: Date): Promise<void> {
  const at = now.toISOString()
  await db.execute(
    sql`insert into service_capacity_periods (network_id, service_id, status, started_at, ended_at)
        select s.network_id, s.id, s.capacity_status, coalesce(s.capacity_changed_at, ${at}::timestamptz - interval '12 days'), null
        from services s where s.network_id = ${networkId} and s.capacity_status <> 'active'
          and not exists (select 1 from service_capacity_periods p where p.network_id = ${networkId})
        union all
        select s.network_id, s.id, 'paused', ${at}::timestamptz - (n * interval '47 days'), ${at}::timestamptz - (n * interval '47 days') + (n * 9 + 5) * interval '1 day'
        from (select id, network_id, row_number() over (order by name) as n from services where network_id = ${networkId} and capacity_status = 'active') s
        where s.n <= 5 and not exists (select 1 from service_capacity_periods p where p.network_id = ${networkId})`,
  )
}

// One pass for a whole page -----------------------------------------------------------------------------

export interface Snapshot {
  volume: VolumeRow[]
  issues: { id: string; count: number }[]
  districts: { district: string | null; count: number }[]
  decisions: DecisionTotals
  statuses: { key: string; count: number }[]
  declines: { key: string; count: number }[]
  outcomes: { key: string; count: number }[]
  response: ResponseTimes
  compliance: { due: number; onTime: number }
  complianceByOrganisation: { id: string; due: number; onTime: number }[]
  complianceByService: { id: string; due: number; onTime: number }[]
  statutory: StatutoryTotals
  crisis: CrisisRow[]
  engagement: EngagementTotals
  /** Organisations that sent to the matching ones, and those they sent to. */
  sources: { id: string; count: number }[]
  destinations: { id: string; count: number }[]
}

/**
 * The groupings one pass over the matching facts makes (GROUPING SETS: one hash table each, filled in the same
 * scan). Each is named by its first column, which no other grouping groups by. Per group: n, the rows of the page's
 * main side; sent and received, the rows matching on the sending and the receiving side; due and on_time,
 * receiving-side rows for SLA compliance. Every measure then reads its few grouped rows, not the facts.
 */
const groupings = {
  // by_day is a constant only this grouping groups by: crisis also groups by sent_on.
  days: ['f.by_day', 'f.sent_on'],
  issues: ['f.issue_ids'],
  districts: ['f.district'],
  decisions: ['f.status', 'f.accepted', 'f.decline_reason', 'f.outcome'],
  response: ['f.contact_working_days'],
  compliance: ['f.is_due', 'f.is_on_time'],
  statutory: ['f.to_organisation_type', 'f.from_organisation_type', 'f.to_statutory', 'f.from_statutory'],
  receivers: ['f.to_organisation_id'],
  services: ['f.service_id'],
  senders: ['f.from_organisation_id'],
  people: ['f.from_user_id'],
  crisis: ['f.crisis_client', 'f.sent_on', 'f.repeat_crisis'],
} as const
type Grouping = keyof typeof groupings

/**
 * Every measure of a page from one scan of the matching facts per half (decisions 0012, 0017, 0019). `main` is the
 * side most measures count: 'either' for the network, 'to' for an organisation's own view. Compliance by
 * organisation and service, sources and destinations always take their own side.
 */
export async function measureSnapshot(
  db: Database,
  filter: FactFilter,
  options: { main: 'either' | 'to'; granularity: Granularity; today: string; /** Organisations and services listed for compliance, worst first. */ listed: number },
): Promise<Snapshot> {
  const to = sideMatches(filter, 'to') ?? sql`true`
  const from = sideMatches(filter, 'from') ?? sql`true`
  const main = options.main === 'to' ? sql`(${to})` : sql`true`
  // The period's first day by date arithmetic on the grouped days, not on every fact.
  const bucket = sql.raw(options.granularity === 'week' ? `g.sent_on - (extract(isodow from g.sent_on)::int - 1)` : `g.sent_on - (extract(day from g.sent_on)::int - 1)`)
  const label = sql.raw(options.granularity === 'week' ? `p::text` : `to_char(p, 'YYYY-MM')`)
  const list = (query: SQL, order = sql`1`): SQL => sql`(select coalesce(json_agg(x order by ${order}), '[]'::json) from (${query}) x)`
  const one = (query: SQL): SQL => sql`(select row_to_json(x) from (${query}) x)`
  const of = (grouping: Grouping): SQL => sql.raw(`g.grouping = '${grouping}'`)
  // What each measure reads (its groupings) and its query over the grouped rows g. The response times come as
  // counts of each number of working days, and their median and 90th percentile are worked out from them below.
  const measures: Record<Exclude<keyof Snapshot, 'response'> | 'responseCounts', { from: Grouping[]; query: SQL }> = {
    volume: {
      from: ['days'],
      query: list(sql`select ${label} as period, sent::int, received::int from (select ${bucket} as p, sum(g.sent) as sent, sum(g.received) as received from g where ${of('days')} group by 1) v`, sql`x.period`),
    },
    issues: {
      from: ['issues'],
      query: list(sql`select i.term as id, sum(g.n)::int as count from g, unnest(g.issue_ids) as i(term) where ${of('issues')} and g.n > 0 group by 1`, sql`x.count desc`),
    },
    districts: { from: ['districts'], query: list(sql`select g.district, g.n::int as count from g where ${of('districts')} and g.n > 0`, sql`x.count desc, x.district`) },
    decisions: {
      from: ['decisions'],
      query: one(sql`select coalesce(sum(g.n), 0)::int as total, coalesce(sum(g.n) filter (where g.accepted), 0)::int as accepted,
              coalesce(sum(g.n) filter (where g.status = 'declined' and not g.accepted), 0)::int as declined,
              coalesce(sum(g.n) filter (where g.status = 'withdrawn'), 0)::int as withdrawn from g where ${of('decisions')}`),
    },
    statuses: { from: ['decisions'], query: list(sql`select g.status::text as key, sum(g.n)::int as count from g where ${of('decisions')} and g.n > 0 group by 1`, sql`x.count desc`) },
    declines: {
      from: ['decisions'],
      query: list(sql`select coalesce(g.decline_reason, 'other') as key, sum(g.n)::int as count from g where ${of('decisions')} and g.n > 0 and g.status = 'declined' group by 1`, sql`x.count desc, x.key`),
    },
    outcomes: {
      from: ['decisions'],
      query: list(
        sql`select o.code as key, sum(c.n)::int as count from (select g.outcome, sum(g.n) as n from g where ${of('decisions')} and g.n > 0 and g.status = 'completed' group by 1) c,
              unnest(string_to_array(c.outcome, ',')) as o(code) group by 1`,
        sql`x.count desc, x.key`,
      ),
    },
    responseCounts: {
      from: ['response'],
      query: list(sql`select g.contact_working_days as value, g.n::int as count from g where ${of('response')} and g.n > 0 and g.contact_working_days is not null`),
    },
    compliance: {
      from: ['compliance'],
      query: one(sql`select coalesce(sum(g.n) filter (where g.is_due), 0)::int as due, coalesce(sum(g.n) filter (where g.is_on_time), 0)::int as "onTime" from g where ${of('compliance')}`),
    },
    complianceByOrganisation: {
      from: ['receivers'],
      query: list(
        sql`select g.to_organisation_id as id, g.due::int as due, g.on_time::int as "onTime" from g where ${of('receivers')} and g.due >= 5 order by g.on_time::float8 / g.due, g.due desc, g.to_organisation_id limit ${options.listed}`,
        sql`x."onTime"::float8 / x.due, x.due desc, x.id`,
      ),
    },
    complianceByService: {
      from: ['services'],
      query: list(
        sql`select g.service_id as id, g.due::int as due, g.on_time::int as "onTime" from g where ${of('services')} and g.due >= 5 order by g.on_time::float8 / g.due, g.due desc, g.service_id limit ${options.listed}`,
        sql`x."onTime"::float8 / x.due, x.due desc, x.id`,
      ),
    },
    statutory: {
      from: ['statutory'],
      query: one(sql`select coalesce(sum(g.n), 0)::int as total,
              coalesce(sum(g.n) filter (where g.to_organisation_type = 'local_authority'), 0)::int as "toLocalAuthority",
              coalesce(sum(g.n) filter (where g.from_organisation_type = 'local_authority'), 0)::int as "fromLocalAuthority",
              coalesce(sum(g.n) filter (where g.to_statutory), 0)::int as "toStatutory", coalesce(sum(g.n) filter (where g.from_statutory), 0)::int as "fromStatutory"
            from g where ${of('statutory')}`),
    },
    crisis: {
      from: ['crisis'],
      query: list(
        sql`select ${label} as period, clients, "repeatClients" from (select ${bucket} as p, count(distinct g.crisis_client)::int as clients,
              (count(distinct g.crisis_client) filter (where g.repeat_crisis))::int as "repeatClients" from g where ${of('crisis')} and g.crisis_client is not null group by 1) c`,
        sql`x.period`,
      ),
    },
    engagement: {
      from: ['receivers', 'senders', 'people'],
      query: one(sql`select (select count(distinct o.id)::int from (select g.to_organisation_id as id from g where ${of('receivers')} and g.n > 0
                union all select g.from_organisation_id from g where ${of('senders')} and g.n > 0) o) as organisations,
              (select count(*)::int from g where ${of('people')} and g.n > 0 and g.from_user_id is not null) as people`),
    },
    sources: { from: ['senders'], query: list(sql`select g.from_organisation_id as id, g.received::int as count from g where ${of('senders')} and g.received > 0`, sql`x.count desc, x.id`) },
    destinations: { from: ['receivers'], query: list(sql`select g.to_organisation_id as id, g.sent::int as count from g where ${of('receivers')} and g.sent > 0`, sql`x.count desc, x.id`) },
  }
  // SLA compliance (decision 0012): a referral counts once it was contacted, or once its due date has passed
  // without contact unless it was declined or withdrawn first; it complies when contacted by its due date.
  const facts = sql`select f.*, (${to}) as to_side, (${from}) as from_side, (${main}) as in_main,
        (f.contacted_on is not null or (f.status not in ('declined', 'withdrawn') and f.contact_due_on < ${options.today})) as is_due,
        coalesce(f.contacted_on <= f.contact_due_on, false) as is_on_time,
        case when f.crisis and (${main}) then f.client_id end as crisis_client, true as by_day
      from hub_referral_facts f where ${factsWhere(filter, 'either')}`
  type Key = keyof typeof measures
  const half = async (keys: Key[]): Promise<Partial<Record<Key, unknown>>> => {
    const used = [...new Set(keys.flatMap((key) => measures[key].from))]
    const name = sql.raw(`case ${used.map((grouping) => `when grouping(${groupings[grouping][0]}) = 0 then '${grouping}'`).join(' ')} end`)
    const sets = sql.raw(used.map((grouping) => `(${groupings[grouping].join(', ')})`).join(', '))
    // Only a column some set groups by may be selected (null in the others' rows).
    const columns = sql.raw([...new Set(used.flatMap((grouping) => groupings[grouping]))].join(', '))
    const fields = sql.join(keys.map((key) => sql`${key}::text, ${measures[key].query}`), sql`, `)
    const grouped = sql`with g as materialized (
          select ${name} as grouping, ${columns},
            count(*) filter (where f.in_main) as n, count(*) filter (where f.from_side) as sent, count(*) filter (where f.to_side) as received,
            count(*) filter (where f.to_side and f.is_due) as due, count(*) filter (where f.to_side and f.is_on_time) as on_time
          from (${facts}) f group by grouping sets (${sets}))
        select json_build_object(${fields}) as part`
    // Room for the groupings' hash tables in memory (decision 0019): at the server's default 4 MB a network's year
    // spilled to disk. Only for this statement's transaction; two halves at once use at most twice this.
    const [row] = await db.transaction(async (tx) => {
      await tx.execute(sql`set local work_mem = '64MB'`)
      return rowsOf<{ part: Partial<Record<Key, unknown>> }>(tx, sql`${grouped}`)
    })
    return row.part
  }
  // Two halves of about equal cost run side by side on two connections (PostgreSQL runs one statement's grouping
  // on one core). The second half is every other measure, so a measure added above is never left out of both.
  const firstHalf: Key[] = ['volume', 'issues', 'districts', 'decisions', 'statuses', 'declines', 'outcomes', 'responseCounts', 'compliance', 'statutory']
  const secondHalf = (Object.keys(measures) as Key[]).filter((key) => !firstHalf.includes(key))
  const [first, second] = await Promise.all([half(firstHalf), half(secondHalf)])
  const { responseCounts, ...rest } = { ...first, ...second } as Omit<Snapshot, 'response'> & { responseCounts: { value: number; count: number }[] }
  const contacted = responseCounts.reduce((sum, row) => sum + row.count, 0)
  return { ...rest, response: { contacted, median: percentileOfCounts(responseCounts, 0.5), p90: percentileOfCounts(responseCounts, 0.9) } }
}

export async function termNames(db: Executor, networkId: string): Promise<{ id: string; name: string; nameCy: string }[]> {
  return rowsOf(db, sql`select id::text as id, name, name_cy as "nameCy" from taxonomy_terms where network_id = ${networkId}`)
}

export async function serviceNames(db: Executor, networkId: string, ids: string[]): Promise<{ id: string; name: string; organisationName: string }[]> {
  if (ids.length === 0) return []
  return rowsOf(
    db,
    sql`select s.id::text as id, s.name, o.name as "organisationName" from services s join organisations o on o.id = s.organisation_id
        where s.network_id = ${networkId} and s.id = any(${`{${ids.join(',')}}`}::uuid[])`,
  )
}

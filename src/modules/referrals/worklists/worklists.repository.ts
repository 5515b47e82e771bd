import { createHash } from 'node:crypto'
import { aliasedTable, and, type AnyColumn, asc, desc, eq, gte, inArray, lt, lte, or, sql, type SQL } from 'drizzle-orm'
import type { Executor } from '../../../db/client.js'
import { preparedQuery, preparedStatement, runValue } from '../../../db/prepared.js'
import { parsedJson } from '../../../db/rows.js'
import { clients, intakeIssues, organisations, referralEvents, referrals, services, taxonomyTerms } from '../../../db/schema/index.js'
import { currentTermNamesQuery } from '../../directory/taxonomy/taxonomy.repository.js'
import type { ReferralStatus, SortKey, SortOrder } from './worklists.schemas.js'

/**
 * All SQL of the work lists. Every query is scoped by network and, for incoming/outgoing, by one
 * organisation; lists page with LIMIT and count no further than `countCapFor`, so a list never scans millions.
 */

/**
 * Counting stops a little beyond the page asked for: "1,000 or more" is as useful to a worker as the exact
 * figure, and the pages after this one stay reachable however deep someone goes.
 */
export function countCapFor(page: number, perPage: number): number {
  return Math.max(1000, (page + 10) * perPage)
}

export interface ReferralFilter {
  statuses: readonly ReferralStatus[]
  dueBefore?: string
  dueFrom?: string
  dueUntil?: string
  serviceId?: string
  issueId?: string
  urgency?: 'standard' | 'urgent'
}

export interface ListWindow {
  sort: SortKey
  order: SortOrder
  limit: number
  offset: number
  /** Count no further than this; null: don't count (the caller knows the total already). */
  countCap: number | null
}

export interface WorklistRow {
  id: string
  reference: string
  intakeId: string
  clientId: string
  status: ReferralStatus
  urgency: 'standard' | 'urgent'
  serviceId: string
  serviceName: string
  fromOrganisationName: string
  toOrganisationName: string
  contactDueOn: string
  sentAt: Date
  contactedAt: Date | null
  closedAt: Date | null
}

/**
 * Statuses as literals, not parameters, so the planner can match the partial indexes on open referrals
 * (a parameter could be anything, so the index predicate could not be proved). Values come from the enum.
 */
function statusIn(statuses: readonly ReferralStatus[]): SQL {
  return sql`${referrals.status} in (${sql.raw(statuses.map((status) => `'${status}'`).join(', '))})`
}

function filterConditions(filter: ReferralFilter): (SQL | undefined)[] {
  return [
    statusIn(filter.statuses),
    filter.dueBefore ? lt(referrals.contactDueOn, filter.dueBefore) : undefined,
    filter.dueFrom ? gte(referrals.contactDueOn, filter.dueFrom) : undefined,
    filter.dueUntil ? lte(referrals.contactDueOn, filter.dueUntil) : undefined,
    filter.serviceId ? eq(referrals.serviceId, filter.serviceId) : undefined,
    filter.urgency ? eq(referrals.urgency, filter.urgency) : undefined,
    // The referral's copy of its intake's issues (decision 0023): the open tabs' indexes hold it.
    filter.issueId ? sql`${filter.issueId} = any(${referrals.issueIds})` : undefined,
  ]
}

function ordering(window: ListWindow): SQL[] {
  const direction = window.order === 'asc' ? asc : desc
  return window.sort === 'due'
    ? [direction(referrals.contactDueOn), direction(referrals.sentAt), direction(referrals.id)]
    : [direction(referrals.sentAt), direction(referrals.id)]
}

const fromOrganisation = aliasedTable(organisations, 'from_organisation')
const toOrganisation = aliasedTable(organisations, 'to_organisation')

/** A row's own columns; its names come by join (one referral) or by subquery (a page). */
const referralColumns = {
  id: referrals.id,
  reference: referrals.reference,
  intakeId: referrals.intakeId,
  clientId: referrals.clientId,
  status: referrals.status,
  urgency: referrals.urgency,
  serviceId: referrals.serviceId,
  contactDueOn: referrals.contactDueOn,
  sentAt: referrals.sentAt,
  contactedAt: referrals.contactedAt,
  closedAt: referrals.closedAt,
}

const rowColumns = {
  ...referralColumns,
  serviceName: services.name,
  fromOrganisationName: fromOrganisation.name,
  toOrganisationName: toOrganisation.name,
}

/** A referrals column named with its table: drizzle leaves it out when a query has no join, and a subquery must not guess. */
const ofReferral = (column: AnyColumn): SQL => sql.raw(`"referrals"."${column.name}"`)

/**
 * A page's names read by primary key, one small subquery each, instead of joins: planning the joins of five tables
 * (each with its indexes) cost more than running the whole page (decision 0018). Every one exists: foreign keys.
 */
const nameOf = (table: string, id: AnyColumn): SQL<string> => sql<string>`(select x.name from ${sql.raw(table)} x where x.id = ${ofReferral(id)})`
const pageNames = {
  serviceName: nameOf('services', referrals.serviceId),
  fromOrganisationName: nameOf('organisations', referrals.fromOrganisationId),
  toOrganisationName: nameOf('organisations', referrals.toOrganisationId),
}

/**
 * The issues of each row's intake, by name, read with the row: a page needs them all, and a second query cost more.
 * By the referral's copy of the term ids (decision 0023): terms by primary key, not a join per row.
 */
function issuesOfIntake(networkId: string): SQL<IssueName[] | string> {
  return sql<IssueName[] | string>`coalesce((
    select json_agg(json_build_object('intakeId', ${ofReferral(referrals.intakeId)}, 'name', t.name, 'nameCy', t.name_cy) order by t.name)
    from taxonomy_terms t
    where t.id = any(${ofReferral(referrals.issueIds)}) and t.network_id = ${networkId}), '[]')`
}

/** Each shape's statement (a preparedQuery or preparedStatement), made the first time the shape is asked for. */
const shapedStatements = new Map<string, unknown>()

/** The statement of one shape, named after it (decision 0021); it is built once and prepared on each handle it runs on. */
function shaped<Statement>(key: string, make: (name: string) => Statement): Statement {
  let statement = shapedStatements.get(key) as Statement | undefined
  if (!statement) {
    // A digest: PostgreSQL cuts names at 63 bytes, and two shapes must never share one.
    statement = make(`worklist_${createHash('sha1').update(key).digest('hex').slice(0, 24)}`)
    shapedStatements.set(key, statement)
  }
  return statement
}

/**
 * A filter's shape (its statuses and which optional filters are set) with placeholders where its values go, and
 * those values: lists of one shape share one statement whatever organisation or dates they are for.
 */
function shapeOfFilter<F extends Partial<ReferralFilter>>(filter: F): { key: string; filter: F; values: Record<string, unknown> } {
  const optional = ['dueBefore', 'dueFrom', 'dueUntil', 'serviceId', 'issueId', 'urgency'] as const
  const withPlaceholders: Record<string, unknown> = { statuses: filter.statuses }
  const values: Record<string, unknown> = {}
  const set = optional.filter((name) => filter[name])
  for (const name of set) {
    withPlaceholders[name] = runValue(name)
    values[name] = filter[name]
  }
  return { key: `${filter.statuses?.join('.') ?? ''}:${set.join('.')}`, filter: withPlaceholders as F, values }
}

/** A list's statement key, its WHERE with placeholders (built only with the statement), and this run's values. */
interface ListShape {
  key: string
  where: () => SQL | undefined
  values: Record<string, unknown>
}

async function pageOf(
  db: Executor,
  shape: ListShape,
  window: ListWindow,
  withClient: boolean,
): Promise<{ rows: (WorklistRow & { issues: IssueName[]; clientName?: string })[]; total: number }> {
  const page = shaped(`page:${withClient}:${shape.key}:${window.sort}:${window.order}`, (name) =>
    preparedQuery(name, (on) => {
      // The page's rows first, then their names: names looked up beside LIMIT/OFFSET would be looked up for every
      // row skipped to reach page 5 too. Named "referrals", the page reads as the table to the outer query: its
      // columns and the name subqueries (which need the organisation and issue ids too) refer to it unchanged.
      const rows = on
        .select({ ...referralColumns, fromOrganisationId: referrals.fromOrganisationId, toOrganisationId: referrals.toOrganisationId, issueIds: referrals.issueIds })
        .from(referrals)
        .where(shape.where())
        .orderBy(...ordering(window))
        .limit(runValue('limit'))
        .offset(runValue('offset'))
        .as('referrals')
      const columns = { ...referralColumns, ...pageNames, issues: issuesOfIntake(runValue('networkId')) }
      return on
        .select(withClient ? { ...columns, clientName: nameOf('clients', referrals.clientId) } : columns)
        .from(rows)
        .orderBy(...ordering(window))
    }),
  )
  const [rows, total] = await Promise.all([
    page(db, { ...shape.values, limit: window.limit, offset: window.offset }),
    window.countCap === null ? 0 : cappedCount(db, shape, window.countCap),
  ])
  const parsed = rows.map((row) => ({ ...row, issues: parsedJson<IssueName[]>(row.issues) }))
  return { rows: parsed, total }
}

async function cappedCount(db: Executor, shape: ListShape, cap: number): Promise<number> {
  const counted = shaped(`count:${shape.key}`, (name) =>
    preparedQuery(name, (on) => {
      const capped = on.select({ one: sql`1` }).from(referrals).where(shape.where()).limit(runValue('cap')).as('capped')
      return on.select({ value: sql<number>`count(*)::int` }).from(capped)
    }),
  )
  const [row] = await counted(db, { ...shape.values, cap })
  return row.value
}

/** One organisation's referrals, received ('incoming') or sent ('outgoing'), with the client's name. */
export async function listOrganisationReferrals(
  db: Executor,
  scope: { networkId: string; organisationId: string; side: 'incoming' | 'outgoing' },
  filter: ReferralFilter,
  window: ListWindow,
): Promise<{ rows: (WorklistRow & { issues: IssueName[]; clientName: string })[]; total: number }> {
  const side = scope.side === 'incoming' ? referrals.toOrganisationId : referrals.fromOrganisationId
  const { key, filter: withPlaceholders, values } = shapeOfFilter(filter)
  const page = await pageOf(
    db,
    {
      key: `${scope.side}:${key}`,
      where: () => and(eq(referrals.networkId, runValue('networkId')), eq(side, runValue('organisationId')), ...filterConditions(withPlaceholders)),
      values: { ...values, networkId: scope.networkId, organisationId: scope.organisationId },
    },
    window,
    true,
  )
  return page as { rows: (WorklistRow & { issues: IssueName[]; clientName: string })[]; total: number }
}

export interface TabCounts {
  open: number
  new: number
  overdue: number
  dueSoon: number
  inProgress: number
}

/** How many referrals each open tab holds, in one pass over the organisation's open referrals (a query, not yet run). */
function openTabCountsQuery(
  db: Executor,
  scope: { networkId: string; organisationId: string; side: 'incoming' | 'outgoing' },
  filter: Omit<ReferralFilter, 'statuses' | 'dueBefore' | 'dueFrom' | 'dueUntil'>,
  dates: { today: string; dueSoonUntil: string },
) {
  const side = scope.side === 'incoming' ? referrals.toOrganisationId : referrals.fromOrganisationId
  const awaiting = sql`${referrals.status} in ('sent', 'received', 'accepted')`
  return db
    .select({
      open: sql<number>`count(*)::int`.as('open'),
      new: sql<number>`(count(*) filter (where ${referrals.status} in ('sent', 'received')))::int`.as('new'),
      overdue: sql<number>`(count(*) filter (where ${awaiting} and ${referrals.contactDueOn} < ${dates.today}))::int`.as('overdue'),
      dueSoon: sql<number>`(count(*) filter (where ${awaiting} and ${referrals.contactDueOn} between ${dates.today} and ${dates.dueSoonUntil}))::int`.as('dueSoon'),
      inProgress: sql<number>`(count(*) filter (where ${referrals.status} in ('accepted', 'in_progress')))::int`.as('inProgress'),
    })
    .from(referrals)
    .where(
      and(
        eq(referrals.networkId, scope.networkId),
        eq(side, scope.organisationId),
        ...filterConditions({ ...filter, statuses: ['sent', 'received', 'accepted', 'in_progress'] }),
      ),
    )
}

export interface PageFrame {
  counts: TabCounts
  /** Null when the caller said it has them. */
  services: Choice[] | null
  issues: { id: string; name: string; nameCy: string | null }[]
}

type FrameFilter = Omit<ReferralFilter, 'statuses' | 'dueBefore' | 'dueFrom' | 'dueUntil'>
type FrameChoices = 'offered' | 'referred' | 'none'

/**
 * What a work-list page shows around its rows, in one round trip: the tab counts and the filters' choices (the
 * organisation's services, or those it referred to lately; the network's current issues). Each statement cost the
 * app and the database about as much to send and answer as the smaller ones cost to run (decision 0018); this one
 * is built once per shape and prepared on each connection (decision 0021).
 */
export async function organisationPageFrame(
  db: Executor,
  scope: { networkId: string; organisationId: string; side: 'incoming' | 'outgoing' },
  filter: FrameFilter,
  dates: { today: string; dueSoonUntil: string },
  /** For the outgoing list: since when the services it referred to count; null when the caller has them already. */
  servicesReferredSince: Date | null,
): Promise<PageFrame> {
  const choices: FrameChoices = scope.side === 'incoming' ? 'offered' : servicesReferredSince ? 'referred' : 'none'
  const shape = shapeOfFilter(filter)
  const frame = shaped(`frame:${scope.side}:${choices}:${shape.key}`, (name) =>
    preparedStatement<Record<string, unknown>>(name, (on) => {
      const networkId = runValue<string>('networkId')
      const organisationId = runValue<string>('organisationId')
      const services =
        choices === 'offered'
          ? servicesOfQuery(on, networkId, organisationId)
          : choices === 'referred'
            ? servicesReferredToQuery(on, networkId, organisationId, runValue('since'))
            : null
      const dates = { today: runValue<string>('today'), dueSoonUntil: runValue<string>('dueSoonUntil') }
      // json_agg reads each subquery in its sorted order.
      return sql`select c.*, ${services ? sql`coalesce((select json_agg(s) from (${services}) s), '[]')` : sql`null`} as services,
        coalesce((select json_agg(t) from (${currentTermNamesQuery(on, networkId)}) t), '[]') as issues
      from (${openTabCountsQuery(on, { networkId, organisationId, side: scope.side }, shape.filter, dates)}) c`
    }),
  )
  const [row] = await frame(db, {
    ...shape.values,
    networkId: scope.networkId,
    organisationId: scope.organisationId,
    today: dates.today,
    dueSoonUntil: dates.dueSoonUntil,
    since: servicesReferredSince?.toISOString(),
  })
  return {
    counts: { open: Number(row.open), new: Number(row.new), overdue: Number(row.overdue), dueSoon: Number(row.dueSoon), inProgress: Number(row.inProgress) },
    services: row.services === null ? null : parsedJson(row.services),
    issues: parsedJson(row.issues),
  }
}

/** The whole network's referrals for the coordinator: metadata only, never a client column. */
export async function listNetworkReferrals(
  db: Executor,
  networkId: string,
  filter: ReferralFilter & { organisationId?: string },
  window: ListWindow,
): Promise<{ rows: (WorklistRow & { issues: IssueName[] })[]; total: number }> {
  const { key, filter: withPlaceholders, values } = shapeOfFilter(filter)
  const organisationId = runValue<string>('organisationId')
  return pageOf(
    db,
    {
      key: `network:${filter.organisationId ? 'organisation' : 'all'}:${key}`,
      where: () =>
        and(
          eq(referrals.networkId, runValue('networkId')),
          filter.organisationId ? or(eq(referrals.fromOrganisationId, organisationId), eq(referrals.toOrganisationId, organisationId)) : undefined,
          ...filterConditions(withPlaceholders),
        ),
      values: { ...values, networkId, organisationId: filter.organisationId },
    },
    window,
    false,
  )
}

export interface IssueName {
  intakeId: string
  name: string
  nameCy: string | null
}

/** The issues of the intakes behind a page of referrals. */
export async function listIntakeIssues(db: Executor, networkId: string, intakeIds: string[]): Promise<IssueName[]> {
  if (intakeIds.length === 0) return []
  return db
    .select({ intakeId: intakeIssues.intakeId, name: taxonomyTerms.name, nameCy: taxonomyTerms.nameCy })
    .from(intakeIssues)
    .innerJoin(taxonomyTerms, eq(taxonomyTerms.id, intakeIssues.termId))
    .where(and(inArray(intakeIssues.intakeId, intakeIds), eq(taxonomyTerms.networkId, networkId)))
    .orderBy(asc(taxonomyTerms.name))
}

export interface Choice {
  id: string
  name: string
}

/** The services an organisation runs (what its incoming referrals can be for). */
function servicesOfQuery(db: Executor, networkId: string, organisationId: string) {
  return db
    .select({ id: services.id, name: services.name })
    .from(services)
    .where(and(eq(services.networkId, networkId), eq(services.organisationId, organisationId)))
    .orderBy(asc(services.name))
}

export async function listServicesOf(db: Executor, networkId: string, organisationId: string): Promise<Choice[]> {
  return servicesOfQuery(db, networkId, organisationId)
}

/**
 * Choices for the outgoing list's service filter: the 100 services this organisation referred to most since `since`
 * (the caller passes about three months ago), by name.
 */
function servicesReferredToQuery(db: Executor, networkId: string, organisationId: string, since: Date, limit = 100) {
  // A busy organisation may have referred to thousands of services over the years, and counting years of its
  // referrals on every page view costs more than the page; a filter of thousands would help nobody anyway.
  const used = db
    .select({ serviceId: referrals.serviceId })
    .from(referrals)
    .where(and(eq(referrals.fromOrganisationId, organisationId), gte(referrals.sentAt, since)))
    .groupBy(referrals.serviceId)
    .orderBy(sql`count(*) desc`)
    .limit(limit)
    .as('used')
  return db
    .select({ id: services.id, name: services.name })
    .from(used)
    .innerJoin(services, and(eq(services.id, used.serviceId), eq(services.networkId, networkId)))
    .orderBy(asc(services.name))
}

export async function listOrganisationsOf(db: Executor, networkId: string): Promise<Choice[]> {
  return db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(eq(organisations.networkId, networkId))
    .orderBy(asc(organisations.name))
}

export interface ReferralMetadata extends WorklistRow {
  previousReferralId: string | null
  previousReference: string | null
  outcome: string | null
  declineReason: string | null
}

/** One referral's metadata: no client column, no free text. */
export async function findReferralMetadata(db: Executor, networkId: string, referralId: string): Promise<ReferralMetadata | null> {
  const previous = aliasedTable(referrals, 'previous')
  const [row] = await db
    .select({
      ...rowColumns,
      previousReferralId: referrals.previousReferralId,
      previousReference: previous.reference,
      outcome: referrals.outcome,
      declineReason: referrals.declineReason,
    })
    .from(referrals)
    .innerJoin(services, eq(services.id, referrals.serviceId))
    .innerJoin(fromOrganisation, eq(fromOrganisation.id, referrals.fromOrganisationId))
    .innerJoin(toOrganisation, eq(toOrganisation.id, referrals.toOrganisationId))
    .leftJoin(previous, and(eq(previous.id, referrals.previousReferralId), eq(previous.networkId, networkId)))
    .where(and(eq(referrals.networkId, networkId), eq(referrals.id, referralId)))
  return (row as ReferralMetadata | undefined) ?? null
}

export interface EventMetadata {
  type: string
  toStatus: ReferralStatus | null
  organisationName: string | null
  createdAt: Date
}

/** A referral's history without notes or data: those may hold personal details. */
export async function listEventMetadata(db: Executor, networkId: string, referralId: string): Promise<EventMetadata[]> {
  return db
    .select({
      type: referralEvents.type,
      toStatus: referralEvents.toStatus,
      organisationName: organisations.name,
      createdAt: referralEvents.createdAt,
    })
    .from(referralEvents)
    .leftJoin(organisations, eq(organisations.id, referralEvents.actorOrganisationId))
    .where(and(eq(referralEvents.networkId, networkId), eq(referralEvents.referralId, referralId), sql`${referralEvents.type} <> 'message'`))
    .orderBy(desc(referralEvents.createdAt), desc(referralEvents.id))
}

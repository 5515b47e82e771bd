import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm'
import type { Executor } from '../../../db/client.js'
import { preparedQuery, runValue } from '../../../db/prepared.js'
import { parsedJson } from '../../../db/rows.js'
import { consentsFromJson, consentsOfClientJson, type ConsentRow } from '../consent/consent.repository.js'
import {
  clients,
  intakeIssues,
  intakes,
  organisations,
  referrals,
  services,
  taxonomyTerms,
} from '../../../db/schema/index.js'
import type { ClientValues } from './clients.schemas.js'

export type ClientRow = typeof clients.$inferSelect
export type IntakeRow = typeof intakes.$inferSelect

/** What deciding who may see a client needs: the client, their consents, and the organisations holding referrals for them. */
export interface ClientForAccess {
  client: ClientRow
  /** Newest first. */
  consents: ConsentRow[]
  holdingOrganisationIds: string[]
}

/** Every organisation at either end of a referral for the client, who may hold their details: a json array (a subquery of the access lookups). */
function holdingOrganisationsJson(networkId: string): SQL<unknown> {
  return sql`coalesce((select json_agg(distinct o.id) from ${referrals} r cross join lateral (values (r.from_organisation_id), (r.to_organisation_id)) o(id)
    where r.network_id = ${networkId} and r.client_id = "clients"."id"), '[]'::json)`
}

// Qualified by hand: in a one-table select drizzle writes its columns unqualified, which the subqueries would misread.
const accessColumns = (networkId: string) => ({
  consents: consentsOfClientJson(networkId, sql.raw('"clients"."id"')),
  holding: holdingOrganisationsJson(networkId),
})

const accessFrom = (row: { client: ClientRow; consents: unknown; holding: unknown }): ClientForAccess => ({
  client: row.client,
  consents: consentsFromJson(row.consents),
  holdingOrganisationIds: parsedJson<string[]>(row.holding),
})

/** A client with what access to them is decided by, in one statement: every client page and every send asks. */
const clientForAccess = preparedQuery('client_for_access', (db) =>
  db
    .select({ client: clients, ...accessColumns(runValue('networkId')) })
    .from(clients)
    .where(and(eq(clients.networkId, runValue('networkId')), eq(clients.id, runValue('clientId')))),
)

export async function findClientForAccess(db: Executor, networkId: string, clientId: string): Promise<ClientForAccess | null> {
  const [row] = await clientForAccess(db, { networkId, clientId })
  return row ? accessFrom(row) : null
}

/** The intake's issues as a json array, or none (an empty array) when the caller does not need them. */
const issuesOfIntake = (withIssues: boolean) =>
  withIssues
    ? sql`coalesce((select json_agg(json_build_object('termId', t.id, 'code', t.code) order by t.name) from ${intakeIssues} ii join ${taxonomyTerms} t on t.id = ii.term_id
        where ii.intake_id = "intakes"."id" and t.network_id = ${runValue('networkId')}), '[]'::json)`
    : sql`'[]'::json`

const intakeForAccess = (withIssues: boolean) =>
  preparedQuery(`intake_for_access${withIssues ? '_with_issues' : ''}`, (db) =>
    db
      .select({ intake: intakes, client: clients, ...accessColumns(runValue('networkId')), issues: issuesOfIntake(withIssues) })
      .from(intakes)
      .innerJoin(clients, and(eq(clients.id, intakes.clientId), eq(clients.networkId, runValue('networkId'))))
      .where(and(eq(intakes.networkId, runValue('networkId')), eq(intakes.id, runValue('intakeId')))),
  )
const intakeWithIssues = intakeForAccess(true)
const intakeAlone = intakeForAccess(false)

/** An intake with its client and what access to them is decided by; with its issues when asked (sending needs them). */
export async function findIntakeForAccess(
  db: Executor,
  networkId: string,
  intakeId: string,
  options: { withIssues?: boolean } = {},
): Promise<(ClientForAccess & { intake: IntakeRow; issues: { termId: string; code: string }[] }) | null> {
  const [row] = await (options.withIssues ? intakeWithIssues : intakeAlone)(db, { networkId, intakeId })
  return row ? { ...accessFrom(row), intake: row.intake, issues: parsedJson(row.issues) } : null
}

/** Possible duplicates: the same name (any case) and date of birth, recorded by the same organisation. */
export async function findPossibleDuplicates(
  db: Executor,
  scope: { networkId: string; organisationId: string },
  name: string,
  dateOfBirth: string,
): Promise<ClientRow[]> {
  return db
    .select()
    .from(clients)
    .where(
      and(
        eq(clients.networkId, scope.networkId),
        eq(clients.organisationId, scope.organisationId),
        sql`lower(${clients.name}) = lower(${name})`,
        eq(clients.dateOfBirth, dateOfBirth),
      ),
    )
    .orderBy(asc(clients.createdAt))
    .limit(10)
}

export async function insertClient(
  db: Executor,
  owner: { networkId: string; organisationId: string; createdBy: string; statedAgeOn: string },
  values: ClientValues,
): Promise<ClientRow> {
  const [row] = await db
    .insert(clients)
    .values({
      ...values,
      networkId: owner.networkId,
      organisationId: owner.organisationId,
      createdBy: owner.createdBy,
      statedAgeOn: values.statedAge === null ? null : owner.statedAgeOn,
    })
    .returning()
  return row
}

export async function insertIntake(
  db: Executor,
  owner: { networkId: string; organisationId: string; clientId: string; createdBy: string },
  need: { need: string; urgency: 'standard' | 'urgent'; termIds: string[] },
): Promise<IntakeRow> {
  const [row] = await db
    .insert(intakes)
    .values({ ...owner, need: need.need, urgency: need.urgency })
    .returning()
  if (need.termIds.length > 0) {
    await db.insert(intakeIssues).values(need.termIds.map((termId) => ({ intakeId: row.id, termId })))
  }
  return row
}

export interface IntakeIssueRow {
  intakeId: string
  termId: string
  code: string
  name: string
  nameCy: string | null
}

export async function listIntakeIssues(db: Executor, networkId: string, intakeIds: string[]): Promise<IntakeIssueRow[]> {
  if (intakeIds.length === 0) return []
  return db
    .select({
      intakeId: intakeIssues.intakeId,
      termId: taxonomyTerms.id,
      code: taxonomyTerms.code,
      name: taxonomyTerms.name,
      nameCy: taxonomyTerms.nameCy,
    })
    .from(intakeIssues)
    .innerJoin(taxonomyTerms, eq(taxonomyTerms.id, intakeIssues.termId))
    .where(and(eq(taxonomyTerms.networkId, networkId), inArray(intakeIssues.intakeId, intakeIds)))
    .orderBy(asc(taxonomyTerms.name))
}

export async function listIntakesOfClient(db: Executor, networkId: string, clientId: string): Promise<IntakeRow[]> {
  return db
    .select()
    .from(intakes)
    .where(and(eq(intakes.networkId, networkId), eq(intakes.clientId, clientId)))
    .orderBy(desc(intakes.createdAt))
}

export interface ClientReferralRow {
  id: string
  reference: string
  intakeId: string
  status: (typeof referrals.$inferSelect)['status']
  urgency: 'standard' | 'urgent'
  contactDueOn: string
  sentAt: Date
  serviceName: string
  toOrganisationName: string
  fromOrganisationId: string
  toOrganisationId: string
}

/** This client's referrals that the organisation sent or received: its own view, nobody else's. */
export async function listReferralsOfClientForOrganisation(
  db: Executor,
  scope: { networkId: string; organisationId: string },
  clientId: string,
): Promise<ClientReferralRow[]> {
  return db
    .select({
      id: referrals.id,
      reference: referrals.reference,
      intakeId: referrals.intakeId,
      status: referrals.status,
      urgency: referrals.urgency,
      contactDueOn: referrals.contactDueOn,
      sentAt: referrals.sentAt,
      serviceName: services.name,
      toOrganisationName: organisations.name,
      fromOrganisationId: referrals.fromOrganisationId,
      toOrganisationId: referrals.toOrganisationId,
    })
    .from(referrals)
    .innerJoin(services, eq(services.id, referrals.serviceId))
    .innerJoin(organisations, eq(organisations.id, referrals.toOrganisationId))
    .where(
      and(
        eq(referrals.networkId, scope.networkId),
        eq(referrals.clientId, clientId),
        or(eq(referrals.fromOrganisationId, scope.organisationId), eq(referrals.toOrganisationId, scope.organisationId)),
      ),
    )
    .orderBy(desc(referrals.sentAt))
}

export interface ClientListRow {
  id: string
  name: string
  dateOfBirth: string | null
  statedAge: number | null
  statedAgeOn: string | null
  postcode: string | null
  updatedAt: Date
}

export async function listClientsOfOrganisation(
  db: Executor,
  scope: { networkId: string; organisationId: string },
  query: { name: string; limit: number; offset: number },
): Promise<{ rows: ClientListRow[]; total: number }> {
  const where = and(
    eq(clients.networkId, scope.networkId),
    eq(clients.organisationId, scope.organisationId),
    query.name ? ilike(clients.name, `%${query.name.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined,
  )
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: clients.id,
        name: clients.name,
        dateOfBirth: clients.dateOfBirth,
        statedAge: clients.statedAge,
        statedAgeOn: clients.statedAgeOn,
        postcode: clients.postcode,
        updatedAt: clients.updatedAt,
      })
      .from(clients)
      .where(where)
      .orderBy(desc(clients.updatedAt), asc(clients.id))
      .limit(query.limit)
      .offset(query.offset),
    db.select({ total: count() }).from(clients).where(where),
  ])
  return { rows, total }
}

/** A new need for a client brings their record to the top of the organisation's list. */
export async function touchClient(db: Executor, networkId: string, clientId: string, now: Date): Promise<void> {
  await db.update(clients).set({ updatedAt: now }).where(and(eq(clients.networkId, networkId), eq(clients.id, clientId)))
}

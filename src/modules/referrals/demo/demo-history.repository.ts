import { and, eq, getTableColumns, like, sql } from 'drizzle-orm'
import type { PgTable } from 'drizzle-orm/pg-core'
import type { Executor } from '../../../db/client.js'
import {
  clients,
  consentOrganisations,
  consents,
  intakeIssues,
  intakes,
  memberships,
  networks,
  organisations,
  referralEvents,
  referralMessages,
  referrals,
  serviceTaxonomy,
  services,
  taxonomyTerms,
} from '../../../db/schema/index.js'

/** The SQL of the demo history: what it is built from, and one multi-row insert per chunk of each table. */

export const demoKeyPrefix = 'demo-history:'

export interface DemoHistoryRows {
  clients: (typeof clients.$inferInsert)[]
  consents: (typeof consents.$inferInsert)[]
  consentOrganisations: (typeof consentOrganisations.$inferInsert)[]
  intakes: (typeof intakes.$inferInsert)[]
  intakeIssues: (typeof intakeIssues.$inferInsert)[]
  referrals: (typeof referrals.$inferInsert)[]
  referralEvents: (typeof referralEvents.$inferInsert)[]
  referralMessages: (typeof referralMessages.$inferInsert)[]
}

export interface DemoServiceFacts {
  id: string
  organisationId: string
  issues: string[]
  minimumAge: number | null
  maximumAge: number | null
  acceptsNrpf: boolean | null
  householdTypes: string[]
  areaDistricts: string[]
  capacityStatus: 'active' | 'paused' | 'closed'
  status: string
  contactSlaDays: number | null
}

/** True when the demo network already has its history (seeding again adds none). */
export async function hasDemoHistory(db: Executor, networkId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: referrals.id })
    .from(referrals)
    .where(and(eq(referrals.networkId, networkId), like(referrals.idempotencyKey, `${demoKeyPrefix}%`)))
    .limit(1)
  return row !== undefined
}

export async function findNetworkSlaFacts(db: Executor, networkId: string) {
  const [row] = await db
    .select({ nation: networks.nation, contactSlaDays: networks.contactSlaDays, urgentContactSlaDays: networks.urgentContactSlaDays })
    .from(networks)
    .where(eq(networks.id, networkId))
  return row ?? null
}

export async function listOrganisationIds(db: Executor, networkId: string): Promise<Map<string, string>> {
  const rows = await db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(eq(organisations.networkId, networkId))
  return new Map(rows.map((row) => [row.name, row.id]))
}

export async function listMembers(db: Executor, networkId: string) {
  return db
    .select({ organisationId: memberships.organisationId, userId: memberships.userId, role: memberships.role })
    .from(memberships)
    .where(eq(memberships.networkId, networkId))
    .orderBy(memberships.organisationId, memberships.userId)
}

export async function listTermIds(db: Executor, networkId: string): Promise<Map<string, string>> {
  const rows = await db.select({ id: taxonomyTerms.id, code: taxonomyTerms.code }).from(taxonomyTerms).where(eq(taxonomyTerms.networkId, networkId))
  return new Map(rows.map((row) => [row.code, row.id]))
}

export async function listServiceFacts(db: Executor, networkId: string): Promise<DemoServiceFacts[]> {
  return db
    .select({
      id: services.id,
      organisationId: services.organisationId,
      issues: sql<string[]>`coalesce(array_agg(${taxonomyTerms.code} order by ${taxonomyTerms.code}) filter (where ${taxonomyTerms.code} is not null), '{}')`,
      minimumAge: services.minimumAge,
      maximumAge: services.maximumAge,
      acceptsNrpf: services.acceptsNrpf,
      householdTypes: services.householdTypes,
      areaDistricts: services.areaDistricts,
      capacityStatus: services.capacityStatus,
      status: services.status,
      contactSlaDays: services.contactSlaDays,
    })
    .from(services)
    .leftJoin(serviceTaxonomy, eq(serviceTaxonomy.serviceId, services.id))
    .leftJoin(taxonomyTerms, eq(taxonomyTerms.id, serviceTaxonomy.termId))
    .where(eq(services.networkId, networkId))
    .groupBy(services.id)
    .orderBy(services.id)
}

/**
 * Parents first, each table in chunks of 500 rows sent as one JSON document: PostgreSQL unpacks it with
 * json_populate_recordset, which costs a third of what binding every value as a parameter does, so a few
 * thousand referrals and their events take seconds even on PGlite.
 */
export async function insertDemoHistory(db: Executor, rows: DemoHistoryRows): Promise<void> {
  await insertAsJson(db, clients, rows.clients)
  await insertAsJson(db, consents, rows.consents)
  await insertAsJson(db, consentOrganisations, rows.consentOrganisations)
  await insertAsJson(db, intakes, rows.intakes)
  await insertAsJson(db, intakeIssues, rows.intakeIssues)
  await insertAsJson(db, referrals, rows.referrals)
  await insertAsJson(db, referralEvents, rows.referralEvents)
  await insertAsJson(db, referralMessages, rows.referralMessages)
}

async function insertAsJson<T extends PgTable>(db: Executor, table: T, rows: T['$inferInsert'][]): Promise<void> {
  const columns: Record<string, { name: string }> = getTableColumns(table)
  // Columns no row sets are left out, so their defaults apply (the events' serial id).
  const keys = [...new Set(rows.flatMap((row) => Object.keys(row as object)))].filter((key) => key in columns)
  const names = sql.join(keys.map((key) => sql.identifier(columns[key].name)), sql`, `)
  for (let start = 0; start < rows.length; start += 500) {
    const chunk = rows.slice(start, start + 500).map((row) => Object.fromEntries(keys.map((key) => [columns[key].name, (row as Record<string, unknown>)[key] ?? null])))
    await db.execute(sql`insert into ${table} (${names}) select ${names} from json_populate_recordset(null::${table}, ${JSON.stringify(chunk)}::json)`)
  }
}

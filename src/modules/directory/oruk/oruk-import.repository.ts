import { randomUUID } from 'node:crypto'
import { and, eq, getTableColumns, inArray, sql } from 'drizzle-orm'
import type { PgTable } from 'drizzle-orm/pg-core'
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
  services,
  serviceTaxonomy,
  taxonomies,
  taxonomyTermNames,
  taxonomyTerms,
} from '../../../db/schema/index.js'

/* The writes of an Open Referral UK import, and the reads it needs to place incoming ids. */

export const importTables = {
  organizations: organisations,
  services,
  locations,
  addresses,
  accessibility,
  service_at_locations: serviceAtLocations,
  contacts,
  phones,
  schedules,
  service_areas: serviceAreas,
  cost_options: costOptions,
  taxonomy_terms: taxonomyTerms,
} as const
export type IdTable = keyof typeof importTables

/** Which of these ids exist already, and in which network. */
export async function ownersOfIds(db: Executor, table: IdTable, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map()
  const target = importTables[table]
  const rows = (await db
    .select({ id: target.id, networkId: target.networkId })
    .from(target as PgTable)
    .where(inArray(target.id, ids))) as { id: string; networkId: string }[]
  return new Map(rows.map((row) => [row.id, row.networkId]))
}

export async function organisationNames(db: Executor, networkId: string): Promise<{ id: string; name: string }[]> {
  return db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(eq(organisations.networkId, networkId))
}

export async function termsOfNetwork(db: Executor, networkId: string): Promise<{ id: string; name: string; nameCy: string; code: string }[]> {
  return db
    .select({ id: taxonomyTerms.id, name: taxonomyTerms.name, nameCy: taxonomyTerms.nameCy, code: taxonomyTerms.code })
    .from(taxonomyTerms)
    .where(eq(taxonomyTerms.networkId, networkId))
}

export async function serviceLanguages(db: Executor, networkId: string, serviceIds: string[]): Promise<Map<string, string[]>> {
  if (serviceIds.length === 0) return new Map()
  const rows = await db
    .select({ id: services.id, languages: services.languages })
    .from(services)
    .where(and(eq(services.networkId, networkId), inArray(services.id, serviceIds)))
  return new Map(rows.map((row) => [row.id, row.languages]))
}

export const importedTaxonomyName = 'Imported'

/** The network's 'Imported' taxonomy, where terms that match none of its own go. */
export async function importedTaxonomy(db: Executor, networkId: string): Promise<string> {
  const [existing] = await db
    .select({ id: taxonomies.id })
    .from(taxonomies)
    .where(and(eq(taxonomies.networkId, networkId), eq(taxonomies.name, importedTaxonomyName)))
  if (existing) return existing.id
  const [created] = await db
    .insert(taxonomies)
    .values({ networkId, name: importedTaxonomyName, description: 'Terms brought in by a directory import that matched none of the network’s own.' })
    .returning({ id: taxonomies.id })
  return created.id
}

export async function insertTerm(db: Executor, term: typeof taxonomyTerms.$inferInsert): Promise<void> {
  await db.insert(taxonomyTerms).values(term)
  await db.insert(taxonomyTermNames).values({ networkId: term.networkId, termId: term.id as string, name: term.name, nameCy: term.nameCy })
}

/** Insert, or update the listed columns of the row with the same id (ids of other networks never get here). */
export async function upsert<T extends PgTable>(db: Executor, table: T, rows: T['$inferInsert'][], update: (keyof T['$inferInsert'] & string)[]): Promise<void> {
  if (rows.length === 0) return
  // Two incoming records can land on one row (organisations matched by name): the last one wins.
  rows = [...new Map(rows.map((row) => [(row as { id?: string }).id ?? randomUUID(), row])).values()]
  const columns = getTableColumns(table) as Record<string, { name: string }>
  const set = Object.fromEntries(update.map((key) => [key, sql.raw(`excluded."${columns[key].name}"`)]))
  const idColumn = (table as unknown as { id: Parameters<typeof eq>[0] }).id
  for (let start = 0; start < rows.length; start += 500) {
    const batch = rows.slice(start, start + 500)
    const insert = db.insert(table).values(batch)
    await (update.length > 0 ? insert.onConflictDoUpdate({ target: idColumn as never, set: set as never }) : insert.onConflictDoNothing())
  }
}

export async function setServiceLanguages(db: Executor, networkId: string, serviceId: string, languages: string[]): Promise<void> {
  await db
    .update(services)
    .set({ languages })
    .where(and(eq(services.networkId, networkId), eq(services.id, serviceId)))
}

export async function setPhoneLanguages(db: Executor, networkId: string, phoneId: string, languages: string[]): Promise<void> {
  await db
    .update(phones)
    .set({ languages })
    .where(and(eq(phones.networkId, networkId), eq(phones.id, phoneId)))
}

export async function linkTerms(db: Executor, links: { serviceId: string; termId: string; networkId: string }[]): Promise<void> {
  if (links.length === 0) return
  await db.insert(serviceTaxonomy).values(links).onConflictDoNothing()
}

export async function updateOrganisationIdentifiers(
  db: Executor,
  networkId: string,
  organisationId: string,
  identifiers: { charityNumber?: string; companyNumber?: string },
): Promise<void> {
  if (!identifiers.charityNumber && !identifiers.companyNumber) return
  await db
    .update(organisations)
    .set(identifiers)
    .where(and(eq(organisations.networkId, networkId), eq(organisations.id, organisationId)))
}

import { and, asc, count, desc, eq, gt, isNull, like, lte, ne, or, sql } from 'drizzle-orm'
import type { Executor } from '../../../db/client.js'
import { serviceTaxonomy, taxonomies, taxonomyTermNames, taxonomyTerms } from '../../../db/schema/index.js'
import { starterIssues } from './issues.js'

export const issuesTaxonomyName = 'Issues'

/** Gives a new network its issues taxonomy with the starter terms; does nothing if it has one. */
export async function seedNetworkTaxonomy(db: Executor, networkId: string): Promise<string> {
  const [existing] = await db.select({ id: taxonomies.id }).from(taxonomies).where(eq(taxonomies.networkId, networkId))
  if (existing) return existing.id
  const [taxonomy] = await db
    .insert(taxonomies)
    .values({
      networkId,
      name: issuesTaxonomyName,
      description: 'What people need help with, after the Tower Hamlets Community Advice Network list.',
      version: '1',
    })
    .returning({ id: taxonomies.id })
  const terms = await db
    .insert(taxonomyTerms)
    .values(
      starterIssues.map((issue) => ({
        networkId,
        taxonomyId: taxonomy.id,
        code: issue.code,
        name: issue.name,
        nameCy: issue.nameCy,
        crisis: issue.crisis ?? false,
      })),
    )
    .returning({ id: taxonomyTerms.id, name: taxonomyTerms.name, nameCy: taxonomyTerms.nameCy })
  await db.insert(taxonomyTermNames).values(terms.map((term) => ({ networkId, termId: term.id, name: term.name, nameCy: term.nameCy })))
  return taxonomy.id
}

/** The network's terms still in use, in their list order. */
const currentIn = (networkId: string) => and(eq(taxonomyTerms.networkId, networkId), isNull(taxonomyTerms.retiredAt))
const termOrder = [asc(taxonomyTerms.createdAt), asc(taxonomyTerms.name)]

export async function listCurrentTerms(db: Executor, networkId: string) {
  return db.select().from(taxonomyTerms).where(currentIn(networkId)).orderBy(...termOrder)
}

/** The current terms' ids and names, in order, as a query another module's query can read from (not yet run). */
export function currentTermNamesQuery(db: Executor, networkId: string) {
  return db.select({ id: taxonomyTerms.id, name: taxonomyTerms.name, nameCy: taxonomyTerms.nameCy }).from(taxonomyTerms).where(currentIn(networkId)).orderBy(...termOrder)
}

// Managing terms -------------------------------------------------------------------------------------

export type TermRow = typeof taxonomyTerms.$inferSelect
export type TermNameRow = typeof taxonomyTermNames.$inferSelect

export interface TermWithCount extends TermRow {
  serviceCount: number
}

/** Every term of the network, retired ones too, with how many services are tagged with each. */
export async function listTermsWithCounts(db: Executor, networkId: string): Promise<TermWithCount[]> {
  const counts = db
    .select({ termId: serviceTaxonomy.termId, value: count().as('value') })
    .from(serviceTaxonomy)
    .where(eq(serviceTaxonomy.networkId, networkId))
    .groupBy(serviceTaxonomy.termId)
    .as('counts')
  const rows = await db
    .select({ term: taxonomyTerms, serviceCount: counts.value })
    .from(taxonomyTerms)
    .leftJoin(counts, eq(counts.termId, taxonomyTerms.id))
    .where(eq(taxonomyTerms.networkId, networkId))
    .orderBy(asc(taxonomyTerms.createdAt), asc(taxonomyTerms.name))
  return rows.map((row) => ({ ...row.term, serviceCount: Number(row.serviceCount ?? 0) }))
}

export async function findTerm(db: Executor, networkId: string, termId: string): Promise<TermRow | null> {
  const [row] = await db
    .select()
    .from(taxonomyTerms)
    .where(and(eq(taxonomyTerms.networkId, networkId), eq(taxonomyTerms.id, termId)))
  return row ?? null
}

export async function countServicesWithTerm(db: Executor, networkId: string, termId: string): Promise<number> {
  const [row] = await db
    .select({ value: count() })
    .from(serviceTaxonomy)
    .where(and(eq(serviceTaxonomy.networkId, networkId), eq(serviceTaxonomy.termId, termId)))
  return row.value
}

/** Every name the term has had, newest first. */
export async function listTermNames(db: Executor, networkId: string, termId: string): Promise<TermNameRow[]> {
  return db
    .select()
    .from(taxonomyTermNames)
    .where(and(eq(taxonomyTermNames.networkId, networkId), eq(taxonomyTermNames.termId, termId)))
    .orderBy(desc(taxonomyTermNames.validFrom))
}

/** What the term was called at a moment (for old referrals and reports); null before it existed. */
export async function termNameAt(db: Executor, networkId: string, termId: string, at: Date): Promise<TermNameRow | null> {
  const [row] = await db
    .select()
    .from(taxonomyTermNames)
    .where(
      and(
        eq(taxonomyTermNames.networkId, networkId),
        eq(taxonomyTermNames.termId, termId),
        lte(taxonomyTermNames.validFrom, at),
        or(isNull(taxonomyTermNames.validTo), gt(taxonomyTermNames.validTo, at)),
      ),
    )
    .orderBy(desc(taxonomyTermNames.validFrom))
    .limit(1)
  return row ?? null
}

export async function findIssuesTaxonomyId(db: Executor, networkId: string): Promise<string | null> {
  const [row] = await db
    .select({ id: taxonomies.id })
    .from(taxonomies)
    .where(and(eq(taxonomies.networkId, networkId), eq(taxonomies.name, issuesTaxonomyName)))
  return row?.id ?? null
}

/** Another term of the network already called this, in English or Welsh (ignoring case). */
export async function termNameTaken(db: Executor, networkId: string, name: string, exceptTermId?: string): Promise<boolean> {
  const rows = await db
    .select({ id: taxonomyTerms.id })
    .from(taxonomyTerms)
    .where(
      and(
        eq(taxonomyTerms.networkId, networkId),
        sql`lower(${taxonomyTerms.name}) = lower(${name})`,
        exceptTermId ? ne(taxonomyTerms.id, exceptTermId) : undefined,
      ),
    )
    .limit(1)
  return rows.length > 0
}

export async function termCodesLike(db: Executor, networkId: string, base: string): Promise<string[]> {
  const rows = await db
    .select({ code: taxonomyTerms.code })
    .from(taxonomyTerms)
    .where(and(eq(taxonomyTerms.networkId, networkId), like(taxonomyTerms.code, `${base}%`)))
  return rows.map((row) => row.code)
}

export async function insertTerm(
  db: Executor,
  term: { networkId: string; taxonomyId: string; code: string; name: string; nameCy: string; description: string; changedBy: string; now: Date },
): Promise<string> {
  const [row] = await db
    .insert(taxonomyTerms)
    .values({
      networkId: term.networkId,
      taxonomyId: term.taxonomyId,
      code: term.code,
      name: term.name,
      nameCy: term.nameCy,
      description: term.description,
      createdAt: term.now,
      updatedAt: term.now,
    })
    .returning({ id: taxonomyTerms.id })
  await db.insert(taxonomyTermNames).values({
    networkId: term.networkId,
    termId: row.id,
    name: term.name,
    nameCy: term.nameCy,
    validFrom: term.now,
    changedBy: term.changedBy,
  })
  return row.id
}

/** Closes the current name and opens the new one, so the old name stays answerable for its time. */
export async function renameTerm(
  db: Executor,
  change: { networkId: string; termId: string; name: string; nameCy: string; changedBy: string; now: Date },
): Promise<void> {
  await db
    .update(taxonomyTermNames)
    .set({ validTo: change.now })
    .where(
      and(
        eq(taxonomyTermNames.networkId, change.networkId),
        eq(taxonomyTermNames.termId, change.termId),
        isNull(taxonomyTermNames.validTo),
      ),
    )
  await db.insert(taxonomyTermNames).values({
    networkId: change.networkId,
    termId: change.termId,
    name: change.name,
    nameCy: change.nameCy,
    validFrom: change.now,
    changedBy: change.changedBy,
  })
  await db
    .update(taxonomyTerms)
    .set({ name: change.name, nameCy: change.nameCy, updatedAt: change.now })
    .where(and(eq(taxonomyTerms.networkId, change.networkId), eq(taxonomyTerms.id, change.termId)))
}

export async function updateTermDescription(db: Executor, networkId: string, termId: string, description: string, now: Date): Promise<void> {
  await db
    .update(taxonomyTerms)
    .set({ description, updatedAt: now })
    .where(and(eq(taxonomyTerms.networkId, networkId), eq(taxonomyTerms.id, termId)))
}

export async function setTermRetired(db: Executor, networkId: string, termId: string, retiredAt: Date | null, now: Date): Promise<void> {
  await db
    .update(taxonomyTerms)
    .set({ retiredAt, updatedAt: now })
    .where(and(eq(taxonomyTerms.networkId, networkId), eq(taxonomyTerms.id, termId)))
}

import { and, asc, eq, isNull } from 'drizzle-orm'
import type { Executor } from '../../../db/client.js'
import { taxonomies, taxonomyTermNames, taxonomyTerms } from '../../../db/schema/index.js'
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
export async function listCurrentTerms(db: Executor, networkId: string) {
  return db
    .select()
    .from(taxonomyTerms)
    .where(and(eq(taxonomyTerms.networkId, networkId), isNull(taxonomyTerms.retiredAt)))
    .orderBy(asc(taxonomyTerms.createdAt), asc(taxonomyTerms.name))
}

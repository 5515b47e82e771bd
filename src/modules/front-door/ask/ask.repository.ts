import { and, asc, eq, gt, lt } from 'drizzle-orm'
import type { Executor } from '../../../db/client.js'
import { frontDoorDrafts, frontDoorRequests, organisations } from '../../../db/schema/index.js'
import type { DraftAnswers } from './ask.schemas.js'

/** All SQL of the residents' requests and their drafts. Every query is scoped by network. */

export type DraftRow = typeof frontDoorDrafts.$inferSelect
export type NewFrontDoorRequest = typeof frontDoorRequests.$inferInsert

export async function findDraft(db: Executor, networkId: string, tokenHash: string, now: Date): Promise<DraftRow | null> {
  const [row] = await db
    .select()
    .from(frontDoorDrafts)
    .where(and(eq(frontDoorDrafts.networkId, networkId), eq(frontDoorDrafts.tokenHash, tokenHash), gt(frontDoorDrafts.expiresAt, now)))
  return row ?? null
}

export async function insertDraft(db: Executor, draft: { networkId: string; tokenHash: string; language: string; expiresAt: Date; now: Date }): Promise<void> {
  await db.insert(frontDoorDrafts).values({ networkId: draft.networkId, tokenHash: draft.tokenHash, language: draft.language, answers: {}, expiresAt: draft.expiresAt, createdAt: draft.now, updatedAt: draft.now })
}

export async function updateDraft(db: Executor, networkId: string, draftId: string, changes: { answers: DraftAnswers; language: string; expiresAt: Date; now: Date }): Promise<void> {
  await db
    .update(frontDoorDrafts)
    .set({ answers: changes.answers, language: changes.language, expiresAt: changes.expiresAt, updatedAt: changes.now })
    .where(and(eq(frontDoorDrafts.networkId, networkId), eq(frontDoorDrafts.id, draftId)))
}

export async function deleteDraft(db: Executor, networkId: string, draftId: string): Promise<void> {
  await db.delete(frontDoorDrafts).where(and(eq(frontDoorDrafts.networkId, networkId), eq(frontDoorDrafts.id, draftId)))
}

/** Drafts nobody finished: they hold personal data, so they go once expired (any network: housekeeping). */
export async function deleteExpiredDrafts(db: Executor, now: Date): Promise<void> {
  await db.delete(frontDoorDrafts).where(lt(frontDoorDrafts.expiresAt, now))
}

/** Inserts the request unless its reference is taken in the network; null then, so the caller draws another. */
export async function insertRequest(db: Executor, request: NewFrontDoorRequest): Promise<{ id: string; reference: string } | null> {
  const [row] = await db
    .insert(frontDoorRequests)
    .values(request)
    .onConflictDoNothing({ target: [frontDoorRequests.networkId, frontDoorRequests.reference] })
    .returning({ id: frontDoorRequests.id, reference: frontDoorRequests.reference })
  return row ?? null
}

/** The organisations whose staff triage the network's requests. */
export async function listFrontDoorOrganisations(db: Executor, networkId: string): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(and(eq(organisations.networkId, networkId), eq(organisations.frontDoor, true)))
    .orderBy(asc(organisations.name))
}

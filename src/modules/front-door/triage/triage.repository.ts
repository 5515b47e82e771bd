import { aliasedTable, and, asc, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm'
import type { Executor } from '../../../db/client.js'
import { frontDoorRequests, memberships, organisations, users } from '../../../db/schema/index.js'
import type { CloseReason, QueueOrder, QueueView } from './triage.schemas.js'

/**
 * All SQL of the front-door team's side: the queue, one request, and the moves on it (claim, release, close,
 * converted). Every query is scoped by network. Claiming is one conditional UPDATE, so of two people pressing
 * "Claim" at once exactly one changes the row and the other is told who has it.
 */

export type RequestRow = typeof frontDoorRequests.$inferSelect
export type RequestStatus = RequestRow['status']

export interface RequestWithNames extends RequestRow {
  claimedByName: string | null
  claimedByOrganisationName: string | null
  recordedByName: string | null
}

const claimer = aliasedTable(users, 'claimer')
const recorder = aliasedTable(users, 'recorder')
const claimerOrganisation = aliasedTable(organisations, 'claimer_organisation')

function viewCondition(view: QueueView, userId: string): SQL | undefined {
  switch (view) {
    case 'new':
      return eq(frontDoorRequests.status, 'new')
    case 'mine':
      return and(eq(frontDoorRequests.status, 'claimed'), eq(frontDoorRequests.claimedByUserId, userId))
    case 'claimed':
      return eq(frontDoorRequests.status, 'claimed')
    case 'closed':
      return inArray(frontDoorRequests.status, ['closed', 'converted'])
  }
}

function withNames(db: Executor) {
  return db
    .select({
      request: frontDoorRequests,
      claimedByName: claimer.name,
      claimedByOrganisationName: claimerOrganisation.name,
      recordedByName: recorder.name,
    })
    .from(frontDoorRequests)
    .leftJoin(claimer, eq(claimer.id, frontDoorRequests.claimedByUserId))
    .leftJoin(claimerOrganisation, eq(claimerOrganisation.id, frontDoorRequests.claimedByOrganisationId))
    .leftJoin(recorder, eq(recorder.id, frontDoorRequests.recordedByUserId))
}

const flatten = (row: { request: RequestRow; claimedByName: string | null; claimedByOrganisationName: string | null; recordedByName: string | null }): RequestWithNames => ({
  ...row.request,
  claimedByName: row.claimedByName,
  claimedByOrganisationName: row.claimedByOrganisationName,
  recordedByName: row.recordedByName,
})

export async function listRequests(
  db: Executor,
  scope: { networkId: string; userId: string },
  filter: { view: QueueView; order: QueueOrder; limit: number; offset: number },
): Promise<{ rows: RequestWithNames[]; total: number }> {
  const where = and(eq(frontDoorRequests.networkId, scope.networkId), viewCondition(filter.view, scope.userId))
  const direction = filter.order === 'oldest' ? asc : desc
  const [rows, [{ total }]] = await Promise.all([
    withNames(db)
      .where(where)
      .orderBy(direction(frontDoorRequests.createdAt), direction(frontDoorRequests.id))
      .limit(filter.limit)
      .offset(filter.offset),
    db.select({ total: count() }).from(frontDoorRequests).where(where),
  ])
  return { rows: rows.map(flatten), total }
}

export type QueueCounts = Record<QueueView, number>

/** How many requests each tab holds, in one pass over the network's requests. */
export async function countQueue(db: Executor, scope: { networkId: string; userId: string }): Promise<QueueCounts> {
  const [row] = await db
    .select({
      new: sql<number>`count(*) filter (where ${frontDoorRequests.status} = 'new')`.mapWith(Number),
      mine: sql<number>`count(*) filter (where ${frontDoorRequests.status} = 'claimed' and ${frontDoorRequests.claimedByUserId} = ${scope.userId})`.mapWith(Number),
      claimed: sql<number>`count(*) filter (where ${frontDoorRequests.status} = 'claimed')`.mapWith(Number),
      closed: sql<number>`count(*) filter (where ${frontDoorRequests.status} in ('closed', 'converted'))`.mapWith(Number),
    })
    .from(frontDoorRequests)
    .where(eq(frontDoorRequests.networkId, scope.networkId))
  return row
}

export async function findRequest(db: Executor, networkId: string, requestId: string): Promise<RequestWithNames | null> {
  const [row] = await withNames(db).where(and(eq(frontDoorRequests.networkId, networkId), eq(frontDoorRequests.id, requestId)))
  return row ? flatten(row) : null
}

/** Holds the request's row until the transaction ends, so turning it into an intake happens once. */
export async function lockRequest(db: Executor, networkId: string, requestId: string): Promise<RequestRow | null> {
  const [row] = await db
    .select()
    .from(frontDoorRequests)
    .where(and(eq(frontDoorRequests.networkId, networkId), eq(frontDoorRequests.id, requestId)))
    .for('update')
  return row ?? null
}

/** Claims a new request; false when it was not new any more (someone else claimed or closed it first). */
export async function claimRequest(
  db: Executor,
  networkId: string,
  requestId: string,
  by: { userId: string; organisationId: string; at: Date },
): Promise<boolean> {
  const rows = await db
    .update(frontDoorRequests)
    .set({ status: 'claimed', claimedByUserId: by.userId, claimedByOrganisationId: by.organisationId, claimedAt: by.at, updatedAt: by.at })
    .where(and(eq(frontDoorRequests.networkId, networkId), eq(frontDoorRequests.id, requestId), eq(frontDoorRequests.status, 'new')))
    .returning({ id: frontDoorRequests.id })
  return rows.length === 1
}

/** Puts a request the user claimed back in the queue; false when it was not theirs to release. */
export async function releaseRequest(db: Executor, networkId: string, requestId: string, by: { userId: string; at: Date }): Promise<boolean> {
  const rows = await db
    .update(frontDoorRequests)
    .set({ status: 'new', claimedByUserId: null, claimedByOrganisationId: null, claimedAt: null, updatedAt: by.at })
    .where(claimedBy(networkId, requestId, by.userId))
    .returning({ id: frontDoorRequests.id })
  return rows.length === 1
}

/** The request, while it is claimed by this user: only they may release or close it. */
function claimedBy(networkId: string, requestId: string, userId: string) {
  return and(
    eq(frontDoorRequests.networkId, networkId),
    eq(frontDoorRequests.id, requestId),
    eq(frontDoorRequests.status, 'claimed'),
    eq(frontDoorRequests.claimedByUserId, userId),
  )
}

/** Closes a request the user claimed; false when it was not theirs (or not claimed) any more. */
export async function closeRequest(
  db: Executor,
  networkId: string,
  requestId: string,
  close: { userId: string; reason: CloseReason; note: string | null; at: Date },
): Promise<boolean> {
  const rows = await db
    .update(frontDoorRequests)
    .set({ status: 'closed', closeReason: close.reason, closeNote: close.note, closedAt: close.at, updatedAt: close.at })
    .where(claimedBy(networkId, requestId, close.userId))
    .returning({ id: frontDoorRequests.id })
  return rows.length === 1
}

export async function markConverted(
  db: Executor,
  networkId: string,
  requestId: string,
  converted: { clientId: string; intakeId: string; at: Date },
): Promise<void> {
  await db
    .update(frontDoorRequests)
    .set({ status: 'converted', clientId: converted.clientId, intakeId: converted.intakeId, closedAt: converted.at, updatedAt: converted.at })
    .where(and(eq(frontDoorRequests.networkId, networkId), eq(frontDoorRequests.id, requestId)))
}

// The demo network's requests -------------------------------------------------------------------------

export async function hasRequests(db: Executor, networkId: string): Promise<boolean> {
  const rows = await db.select({ id: frontDoorRequests.id }).from(frontDoorRequests).where(eq(frontDoorRequests.networkId, networkId)).limit(1)
  return rows.length > 0
}

export async function insertRequests(db: Executor, rows: (typeof frontDoorRequests.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await db.insert(frontDoorRequests).values(rows)
}

/** A person's membership of an organisation, found by email (the demo names its people by email). */
export async function findMembership(db: Executor, networkId: string, email: string): Promise<{ userId: string; organisationId: string } | null> {
  const [row] = await db
    .select({ userId: memberships.userId, organisationId: memberships.organisationId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.networkId, networkId), sql`lower(${users.email}) = lower(${email})`))
    .limit(1)
  return row ?? null
}

import { and, eq, gt, isNull } from 'drizzle-orm'
import type { Executor } from '../../db/client.js'
import { invitations, networks, organisations } from '../../db/schema/index.js'

export type NewInvitation = typeof invitations.$inferInsert

export async function insertInvitation(db: Executor, invitation: NewInvitation): Promise<string> {
  const [row] = await db.insert(invitations).values(invitation).returning({ id: invitations.id })
  return row.id
}

/** An invitation that can still be used: not accepted, not revoked, not expired. */
export async function findUsableInvitation(db: Executor, tokenHash: string, now: Date) {
  const [row] = await db
    .select({
      invitation: invitations,
      networkName: networks.name,
      organisationName: organisations.name,
    })
    .from(invitations)
    .innerJoin(networks, eq(networks.id, invitations.networkId))
    .leftJoin(organisations, eq(organisations.id, invitations.organisationId))
    .where(
      and(
        eq(invitations.tokenHash, tokenHash),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, now),
      ),
    )
  return row ?? null
}

/** Marks it used; returns false if another request used it first, so a token works exactly once. */
export async function markInvitationAccepted(db: Executor, id: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(invitations)
    .set({ acceptedAt: now })
    .where(and(eq(invitations.id, id), isNull(invitations.acceptedAt)))
    .returning({ id: invitations.id })
  return rows.length === 1
}

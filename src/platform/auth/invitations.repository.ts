import { and, eq, gt, isNull } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { Executor } from '../../db/client.js'
import { invitations, memberships, networkRoles, networks, organisations, users } from '../../db/schema/index.js'

const inviters = alias(users, 'inviters')

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
      inviterName: inviters.name,
    })
    .from(invitations)
    .innerJoin(networks, eq(networks.id, invitations.networkId))
    .leftJoin(organisations, eq(organisations.id, invitations.organisationId))
    .leftJoin(inviters, eq(inviters.id, invitations.invitedBy))
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
    .where(
      and(
        eq(invitations.id, id),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, now),
      ),
    )
    .returning({ id: invitations.id })
  return rows.length === 1
}

/** Adds the person to the organisation; if they already belong to it, their role stays as it was. Returns whether it was added. */
export async function insertMembershipIfAbsent(
  db: Executor,
  membership: { networkId: string; organisationId: string; userId: string; role: 'referrer' | 'receiver' | 'organisation_admin' },
): Promise<boolean> {
  const rows = await db.insert(memberships).values(membership).onConflictDoNothing().returning({ id: memberships.id })
  return rows.length === 1
}

export async function insertNetworkRoleIfAbsent(
  db: Executor,
  grant: { networkId: string; userId: string; role: 'coordinator' | 'analyst' },
): Promise<boolean> {
  const rows = await db.insert(networkRoles).values(grant).onConflictDoNothing().returning({ id: networkRoles.id })
  return rows.length === 1
}

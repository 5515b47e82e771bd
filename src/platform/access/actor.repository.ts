import { and, asc, eq } from 'drizzle-orm'
import type { Executor } from '../../db/client.js'
import { memberships, networkRoles, networks, organisations, users } from '../../db/schema/index.js'

export async function findActorUser(db: Executor, userId: string) {
  const [row] = await db
    .select({ id: users.id, name: users.name, email: users.email, totpEnabledAt: users.totpEnabledAt, language: users.language })
    .from(users)
    .where(eq(users.id, userId))
  return row ?? null
}

export async function listMembershipsOfUser(db: Executor, userId: string) {
  return db
    .select({
      id: memberships.id,
      role: memberships.role,
      organisationId: organisations.id,
      organisationName: organisations.name,
      networkId: networks.id,
      networkName: networks.name,
      networkSlug: networks.slug,
    })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .innerJoin(networks, eq(networks.id, memberships.networkId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(networks.name), asc(organisations.name))
}

export async function listNetworkRolesOfUser(db: Executor, userId: string) {
  return db
    .select({
      role: networkRoles.role,
      networkId: networks.id,
      networkName: networks.name,
      networkSlug: networks.slug,
    })
    .from(networkRoles)
    .innerJoin(networks, eq(networks.id, networkRoles.networkId))
    .where(and(eq(networkRoles.userId, userId)))
    .orderBy(asc(networks.name))
}

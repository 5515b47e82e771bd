import { and, asc, count, countDistinct, eq, gt, ilike, inArray, isNull, sql } from 'drizzle-orm'
import type { Executor } from '../../db/client.js'
import { invitations, memberships, networkRoles, networks, organisations, users } from '../../db/schema/index.js'
import type { OrganisationRole } from '../../platform/access/actor.js'

/*
 * All SQL of the networks module. Every query of a network's data names the network in its WHERE,
 * so an id from another network finds nothing.
 */

export type NetworkRow = typeof networks.$inferSelect
export type OrganisationRow = typeof organisations.$inferSelect
export type NewNetwork = typeof networks.$inferInsert
export type NewOrganisation = typeof organisations.$inferInsert

/** Not yet accepted, revoked or expired. */
const pendingInvitation = (now: Date) =>
  and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now))

// Networks ------------------------------------------------------------------------------------------

export async function anyNetworkExists(db: Executor): Promise<boolean> {
  const rows = await db.select({ id: networks.id }).from(networks).limit(1)
  return rows.length > 0
}

/** Serialises first-run requests, so two browsers cannot both create the first network. */
export async function lockFirstRun(tx: Executor): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(720194001)`)
}

export async function findNetwork(db: Executor, networkId: string): Promise<NetworkRow | null> {
  const [row] = await db.select().from(networks).where(eq(networks.id, networkId))
  return row ?? null
}

export async function findNetworkBySlug(db: Executor, slug: string): Promise<NetworkRow | null> {
  const [row] = await db.select().from(networks).where(eq(networks.slug, slug))
  return row ?? null
}

export async function insertNetwork(db: Executor, network: NewNetwork): Promise<NetworkRow> {
  const [row] = await db.insert(networks).values(network).returning()
  return row
}

export async function networkCounts(db: Executor, networkId: string, now: Date) {
  const [organisationCount] = await db
    .select({ value: count() })
    .from(organisations)
    .where(eq(organisations.networkId, networkId))
  const people = db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(eq(memberships.networkId, networkId))
    .union(db.select({ userId: networkRoles.userId }).from(networkRoles).where(eq(networkRoles.networkId, networkId)))
    .as('people')
  const [userCount] = await db.select({ value: countDistinct(people.userId) }).from(people)
  const [invitationCount] = await db
    .select({ value: count() })
    .from(invitations)
    .where(and(eq(invitations.networkId, networkId), pendingInvitation(now)))
  return { organisations: organisationCount.value, users: userCount.value, pendingInvitations: invitationCount.value }
}

// Users ---------------------------------------------------------------------------------------------

export async function findUserIdByEmail(db: Executor, email: string): Promise<string | null> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email))
  return row?.id ?? null
}

export async function insertUser(
  db: Executor,
  user: { email: string; name: string; passwordHash: string; language?: string },
): Promise<string> {
  const [row] = await db.insert(users).values(user).returning({ id: users.id })
  return row.id
}

export async function insertNetworkRole(
  db: Executor,
  grant: { networkId: string; userId: string; role: 'coordinator' | 'analyst' },
): Promise<void> {
  await db.insert(networkRoles).values(grant).onConflictDoNothing()
}

/** A person as this network sees them: their account and only this network's memberships and roles. */
export async function findPersonInNetwork(db: Executor, networkId: string, userId: string) {
  const [user] = await db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(eq(users.id, userId))
  if (!user) return null
  const personMemberships = await db
    .select({
      organisationId: organisations.id,
      organisationName: organisations.name,
      role: memberships.role,
    })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(and(eq(memberships.networkId, networkId), eq(memberships.userId, userId)))
    .orderBy(asc(organisations.name))
  const roles = await db
    .select({ role: networkRoles.role })
    .from(networkRoles)
    .where(and(eq(networkRoles.networkId, networkId), eq(networkRoles.userId, userId)))
  return { ...user, memberships: personMemberships, networkRoles: roles.map((row) => row.role) }
}

/**
 * Whether the user still belongs anywhere, in any network. Deliberately not scoped by network:
 * it decides whether a removed person keeps any reason to stay signed in.
 */
export async function userHasAnyAccess(db: Executor, userId: string): Promise<boolean> {
  const [membership] = await db.select({ id: memberships.id }).from(memberships).where(eq(memberships.userId, userId)).limit(1)
  if (membership) return true
  const [grant] = await db.select({ id: networkRoles.id }).from(networkRoles).where(eq(networkRoles.userId, userId)).limit(1)
  return grant !== undefined
}

// Organisations -------------------------------------------------------------------------------------

export interface OrganisationFilter {
  /** Part of the name, any case. */
  name?: string
  type?: OrganisationRow['type']
  page: number
  perPage: number
}

/** One page of the network's organisations by name, with how many match in all. */
export async function listOrganisations(
  db: Executor,
  networkId: string,
  filter: OrganisationFilter,
): Promise<{ rows: OrganisationRow[]; total: number }> {
  const where = and(
    eq(organisations.networkId, networkId),
    filter.name ? ilike(organisations.name, `%${filter.name.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined,
    filter.type ? eq(organisations.type, filter.type) : undefined,
  )
  const [rows, [{ total }]] = await Promise.all([
    db
      .select()
      .from(organisations)
      .where(where)
      .orderBy(asc(sql`lower(${organisations.name})`), asc(organisations.id))
      .limit(filter.perPage)
      .offset((filter.page - 1) * filter.perPage),
    db.select({ total: count() }).from(organisations).where(where),
  ])
  return { rows, total }
}

export async function findOrganisation(db: Executor, networkId: string, organisationId: string): Promise<OrganisationRow | null> {
  const [row] = await db
    .select()
    .from(organisations)
    .where(and(eq(organisations.networkId, networkId), eq(organisations.id, organisationId)))
  return row ?? null
}

/** Locks the organisation's row, so checks such as "is this the last admin?" and the change agree. */
export async function lockOrganisation(db: Executor, networkId: string, organisationId: string): Promise<OrganisationRow | null> {
  const [row] = await db
    .select()
    .from(organisations)
    .where(and(eq(organisations.networkId, networkId), eq(organisations.id, organisationId)))
    .for('update')
  return row ?? null
}

export async function organisationNameTaken(db: Executor, networkId: string, name: string, exceptId?: string): Promise<boolean> {
  const rows = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(eq(organisations.networkId, networkId), sql`lower(${organisations.name}) = lower(${name})`))
  return rows.some((row) => row.id !== exceptId)
}

export async function insertOrganisation(db: Executor, organisation: NewOrganisation): Promise<OrganisationRow> {
  const [row] = await db.insert(organisations).values(organisation).returning()
  return row
}

export async function updateOrganisation(
  db: Executor,
  networkId: string,
  organisationId: string,
  details: Pick<NewOrganisation, 'name' | 'type' | 'charityNumber' | 'companyNumber' | 'statutory' | 'frontDoor'>,
): Promise<void> {
  await db
    .update(organisations)
    .set(details)
    .where(and(eq(organisations.networkId, networkId), eq(organisations.id, organisationId)))
}

// Memberships ---------------------------------------------------------------------------------------

export interface MemberRow {
  membershipId: string
  userId: string
  name: string
  email: string
  role: OrganisationRole
  since: Date
}

const memberColumns = {
  membershipId: memberships.id,
  userId: users.id,
  name: users.name,
  email: users.email,
  role: memberships.role,
  since: memberships.createdAt,
}

export async function listMembers(db: Executor, networkId: string, organisationId: string): Promise<MemberRow[]> {
  return db
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.networkId, networkId), eq(memberships.organisationId, organisationId)))
    .orderBy(asc(sql`lower(${users.name})`))
}

export async function findMember(
  db: Executor,
  networkId: string,
  organisationId: string,
  userId: string,
): Promise<MemberRow | null> {
  const [row] = await db
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(eq(memberships.networkId, networkId), eq(memberships.organisationId, organisationId), eq(memberships.userId, userId)),
    )
  return row ?? null
}

export async function isMemberByEmail(db: Executor, networkId: string, organisationId: string, email: string): Promise<boolean> {
  const rows = await db
    .select({ id: memberships.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.networkId, networkId), eq(memberships.organisationId, organisationId), eq(users.email, email)))
  return rows.length > 0
}

export async function countAdmins(db: Executor, networkId: string, organisationId: string): Promise<number> {
  const [row] = await db
    .select({ value: count() })
    .from(memberships)
    .where(
      and(
        eq(memberships.networkId, networkId),
        eq(memberships.organisationId, organisationId),
        eq(memberships.role, 'organisation_admin'),
      ),
    )
  return row.value
}

export async function updateMembershipRole(db: Executor, networkId: string, membershipId: string, role: OrganisationRole): Promise<void> {
  await db
    .update(memberships)
    .set({ role })
    .where(and(eq(memberships.networkId, networkId), eq(memberships.id, membershipId)))
}

export async function deleteMembership(db: Executor, networkId: string, membershipId: string): Promise<void> {
  await db.delete(memberships).where(and(eq(memberships.networkId, networkId), eq(memberships.id, membershipId)))
}

// Invitations ---------------------------------------------------------------------------------------

export interface PendingInvitationRow {
  id: string
  name: string
  email: string
  role: OrganisationRole | null
  expiresAt: Date
}

const invitationColumns = {
  id: invitations.id,
  name: invitations.name,
  email: invitations.email,
  role: invitations.role,
  expiresAt: invitations.expiresAt,
}

export async function listPendingInvitations(
  db: Executor,
  networkId: string,
  organisationId: string,
  now: Date,
): Promise<PendingInvitationRow[]> {
  return db
    .select(invitationColumns)
    .from(invitations)
    .where(and(eq(invitations.networkId, networkId), eq(invitations.organisationId, organisationId), pendingInvitation(now)))
    .orderBy(asc(invitations.createdAt))
}

export async function findPendingInvitation(
  db: Executor,
  networkId: string,
  organisationId: string,
  invitationId: string,
  now: Date,
): Promise<PendingInvitationRow | null> {
  const [row] = await db
    .select(invitationColumns)
    .from(invitations)
    .where(
      and(
        eq(invitations.networkId, networkId),
        eq(invitations.organisationId, organisationId),
        eq(invitations.id, invitationId),
        pendingInvitation(now),
      ),
    )
  return row ?? null
}

export async function hasPendingInvitation(
  db: Executor,
  networkId: string,
  organisationId: string,
  email: string,
  now: Date,
): Promise<boolean> {
  const rows = await db
    .select({ id: invitations.id })
    .from(invitations)
    .where(
      and(
        eq(invitations.networkId, networkId),
        eq(invitations.organisationId, organisationId),
        eq(invitations.email, email),
        pendingInvitation(now),
      ),
    )
  return rows.length > 0
}

export async function revokeInvitation(db: Executor, networkId: string, invitationId: string, now: Date): Promise<void> {
  await db
    .update(invitations)
    .set({ revokedAt: now })
    .where(and(eq(invitations.networkId, networkId), eq(invitations.id, invitationId)))
}

// Seeding (the demo network) ------------------------------------------------------------------------

/** Adds organisations a network does not have yet (by name) and returns every organisation's id by name. */
export async function upsertOrganisations(
  db: Executor,
  networkId: string,
  rows: Omit<NewOrganisation, 'networkId'>[],
): Promise<Map<string, string>> {
  if (rows.length > 0) {
    await db
      .insert(organisations)
      .values(rows.map((row) => ({ ...row, networkId })))
      .onConflictDoNothing()
  }
  const existing = await db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(eq(organisations.networkId, networkId))
  return new Map(existing.map((row) => [row.name, row.id]))
}

/** Adds accounts that do not exist yet (by email) and returns the ids of all of them by email. */
export async function upsertUsers(db: Executor, rows: (typeof users.$inferInsert)[]): Promise<Map<string, string>> {
  if (rows.length === 0) return new Map()
  await db.insert(users).values(rows).onConflictDoNothing({ target: users.email })
  const found = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(inArray(users.email, rows.map((row) => row.email)))
  return new Map(found.map((row) => [row.email.toLowerCase(), row.id]))
}

export async function upsertMemberships(db: Executor, rows: (typeof memberships.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await db.insert(memberships).values(rows).onConflictDoNothing()
}

// The network's own team: people with a network role (coordinator, analyst) -----------------------------

export interface NetworkTeamRow {
  userId: string
  name: string
  email: string
  role: 'coordinator' | 'analyst'
}

export async function listNetworkTeam(db: Executor, networkId: string): Promise<NetworkTeamRow[]> {
  return db
    .select({ userId: users.id, name: users.name, email: users.email, role: networkRoles.role })
    .from(networkRoles)
    .innerJoin(users, eq(users.id, networkRoles.userId))
    .where(eq(networkRoles.networkId, networkId))
    .orderBy(asc(networkRoles.role), asc(users.name))
}

export interface PendingNetworkInvitationRow {
  id: string
  name: string
  email: string
  networkRole: 'coordinator' | 'analyst' | null
  expiresAt: Date
}

export async function listPendingNetworkInvitations(db: Executor, networkId: string, now: Date): Promise<PendingNetworkInvitationRow[]> {
  return db
    .select({ id: invitations.id, name: invitations.name, email: invitations.email, networkRole: invitations.networkRole, expiresAt: invitations.expiresAt })
    .from(invitations)
    .where(and(eq(invitations.networkId, networkId), isNull(invitations.organisationId), pendingInvitation(now)))
    .orderBy(asc(invitations.createdAt))
}

/** Whether this email already holds, or has been invited to, a network role here. */
export async function hasNetworkRoleOrInvitation(db: Executor, networkId: string, email: string, now: Date): Promise<boolean> {
  const held = await db
    .select({ id: networkRoles.id })
    .from(networkRoles)
    .innerJoin(users, eq(users.id, networkRoles.userId))
    .where(and(eq(networkRoles.networkId, networkId), eq(users.email, email)))
  if (held.length > 0) return true
  const invited = await db
    .select({ id: invitations.id })
    .from(invitations)
    .where(and(eq(invitations.networkId, networkId), isNull(invitations.organisationId), eq(invitations.email, email), pendingInvitation(now)))
  return invited.length > 0
}

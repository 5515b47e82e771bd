import { and, count, desc, eq, inArray, isNull, lte, sql } from 'drizzle-orm'
import type { Executor } from '../../db/client.js'
import { anyOf, listValue, preparedQuery, runValue } from '../../db/prepared.js'
import { memberships, networkRoles, notificationPreferences, notifications, referrals, services, users } from '../../db/schema/index.js'

/* All SQL of the notifications module. Every query of a network's data names the network. */

export type EmailFrequency = (typeof notificationPreferences.$inferSelect)['email']
export type NotificationRow = typeof notifications.$inferSelect
export type NewNotification = typeof notifications.$inferInsert

/** Someone to tell, with how they want email ('immediately' unless they chose otherwise). */
export interface Recipient {
  userId: string
  name: string
  email: string
  language: string
  frequency: EmailFrequency
}

const recipientColumns = {
  userId: users.id,
  name: users.name,
  email: users.email,
  language: users.language,
  frequency: sql<EmailFrequency>`coalesce(${notificationPreferences.email}, 'immediately')`,
}

const organisationRecipients = (onePerson: boolean) =>
  preparedQuery(`organisation_recipients${onePerson ? '_one' : ''}`, (db) =>
    db
      .selectDistinct(recipientColumns)
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .leftJoin(notificationPreferences, eq(notificationPreferences.userId, users.id))
      .where(
        and(
          eq(memberships.networkId, runValue('networkId')),
          eq(memberships.organisationId, runValue('organisationId')),
          sql`${memberships.role} = ${anyOf('roles', 'organisation_role')}`,
          onePerson ? eq(memberships.userId, runValue('userId')) : undefined,
        ),
      ),
  )
const wholeOrganisation = organisationRecipients(false)
const onePersonOf = organisationRecipients(true)

/** Members of an organisation with one of the roles; with userId, only that person (if still a member). */
export async function listOrganisationRecipients(
  db: Executor,
  networkId: string,
  organisationId: string,
  roles: ('referrer' | 'receiver' | 'organisation_admin')[],
  userId?: string,
): Promise<Recipient[]> {
  const values = { networkId, organisationId, roles: listValue(roles) }
  return userId ? onePersonOf(db, { ...values, userId }) : wholeOrganisation(db, values)
}

export async function listCoordinatorRecipients(db: Executor, networkId: string): Promise<Recipient[]> {
  return db
    .selectDistinct(recipientColumns)
    .from(networkRoles)
    .innerJoin(users, eq(users.id, networkRoles.userId))
    .leftJoin(notificationPreferences, eq(notificationPreferences.userId, users.id))
    .where(and(eq(networkRoles.networkId, networkId), eq(networkRoles.role, 'coordinator')))
}

/** What a notice about a referral may say: its reference, the service's name and who sent it. No client data. */
export async function findReferralForNotice(db: Executor, networkId: string, referralId: string) {
  const [row] = await db
    .select({ id: referrals.id, fromUserId: referrals.fromUserId, serviceName: services.name })
    .from(referrals)
    .innerJoin(services, eq(services.id, referrals.serviceId))
    .where(and(eq(referrals.networkId, networkId), eq(referrals.id, referralId)))
  return row ?? null
}

export async function insertNotification(db: Executor, notification: NewNotification): Promise<NotificationRow> {
  const [row] = await db.insert(notifications).values(notification).returning()
  return row
}

/**
 * Many notifications (a whole organisation told) in one statement with one array per column: building a VALUES
 * list of every row's parameters cost more than anything else a referral's sending does (decision 0018).
 */
export async function insertNotifications(db: Executor, rows: NewNotification[]): Promise<void> {
  if (rows.length === 0) return
  const column = <T>(value: (row: NewNotification) => T) => sql.param(rows.map(value))
  await db.execute(sql`
    insert into notifications (network_id, user_id, organisation_id, referral_id, kind, params, created_at, emailed_at)
    select network_id, user_id, organisation_id, referral_id, kind, params::jsonb, coalesce(created_at::timestamptz, now()), emailed_at::timestamptz
    from unnest(${column((row) => row.networkId)}::uuid[], ${column((row) => row.userId)}::uuid[], ${column((row) => row.organisationId ?? null)}::uuid[],
      ${column((row) => row.referralId ?? null)}::uuid[], ${column((row) => row.kind)}::text[], ${column((row) => JSON.stringify(row.params ?? {}))}::text[],
      ${column((row) => row.createdAt?.toISOString() ?? null)}::text[], ${column((row) => row.emailedAt?.toISOString() ?? null)}::text[])
      as r(network_id, user_id, organisation_id, referral_id, kind, params, created_at, emailed_at)`)
}

export async function markEmailed(db: Executor, notificationId: string, at: Date): Promise<void> {
  await db.update(notifications).set({ emailedAt: at }).where(eq(notifications.id, notificationId))
}

const mine = (networkId: string, userId: string) => and(eq(notifications.networkId, networkId), eq(notifications.userId, userId))

export async function listNotifications(db: Executor, networkId: string, userId: string, limit: number, offset: number) {
  const rows = await db
    .select()
    .from(notifications)
    .where(mine(networkId, userId))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit)
    .offset(offset)
  const [total] = await db.select({ value: count() }).from(notifications).where(mine(networkId, userId))
  return { rows, total: total.value }
}

export async function countUnread(db: Executor, networkId: string, userId: string): Promise<number> {
  const [row] = await db.select({ value: count() }).from(notifications).where(and(mine(networkId, userId), isNull(notifications.readAt)))
  return row.value
}

/** Marks one notification read and returns it; null when it is not this user's in this network. */
export async function markRead(db: Executor, networkId: string, userId: string, notificationId: string, at: Date): Promise<NotificationRow | null> {
  const [row] = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, ${at.toISOString()}::timestamptz)` })
    .where(and(mine(networkId, userId), eq(notifications.id, notificationId)))
    .returning()
  return row ?? null
}

export async function markAllRead(db: Executor, networkId: string, userId: string, at: Date, referralId?: string): Promise<void> {
  await db
    .update(notifications)
    .set({ readAt: at })
    .where(and(mine(networkId, userId), isNull(notifications.readAt), referralId ? eq(notifications.referralId, referralId) : undefined))
}

export async function findEmailFrequency(db: Executor, userId: string): Promise<EmailFrequency> {
  const [row] = await db.select({ email: notificationPreferences.email }).from(notificationPreferences).where(eq(notificationPreferences.userId, userId))
  return row?.email ?? 'immediately'
}

export async function saveEmailFrequency(db: Executor, userId: string, email: EmailFrequency, at: Date): Promise<void> {
  await db
    .insert(notificationPreferences)
    .values({ userId, email, updatedAt: at })
    .onConflictDoUpdate({ target: notificationPreferences.userId, set: { email, updatedAt: at } })
}

/** Who is owed a digest: people who chose the daily digest and have notifications not yet emailed, per network. */
export async function listDigestRecipients(db: Executor, createdBefore: Date, networkId?: string) {
  return db
    .selectDistinct({ networkId: notifications.networkId, userId: users.id, name: users.name, email: users.email, language: users.language })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.userId))
    .innerJoin(notificationPreferences, eq(notificationPreferences.userId, users.id))
    .where(
      and(
        eq(notificationPreferences.email, 'daily'),
        isNull(notifications.emailedAt),
        lte(notifications.createdAt, createdBefore),
        networkId ? eq(notifications.networkId, networkId) : undefined,
      ),
    )
}

/**
 * Claims a user's notifications not yet emailed, by setting emailed_at in one statement: a second run
 * (or a concurrent one, which waits on the row locks) finds nothing left to claim.
 */
export async function claimUnemailed(db: Executor, networkId: string, userId: string, createdBefore: Date, at: Date): Promise<NotificationRow[]> {
  return db
    .update(notifications)
    .set({ emailedAt: at })
    .where(and(mine(networkId, userId), isNull(notifications.emailedAt), lte(notifications.createdAt, createdBefore)))
    .returning()
}

/** Serialises work on one key within a transaction (e.g. one network's overdue summaries for a day). */
export async function lockKey(db: Executor, key: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${key}))`)
}

/** Whether this user already has a notification of this kind about this organisation (null: the network) for this day (params.on). */
export async function hasNotificationOn(
  db: Executor,
  networkId: string,
  userId: string,
  kind: string,
  organisationId: string | null,
  on: string,
): Promise<boolean> {
  const rows = await db
    .select({ id: notifications.id })
    .from(notifications)
    .where(
      and(
        mine(networkId, userId),
        eq(notifications.kind, kind),
        organisationId ? eq(notifications.organisationId, organisationId) : isNull(notifications.organisationId),
        sql`${notifications.params}->>'on' = ${on}`,
      ),
    )
    .limit(1)
  return rows.length > 0
}

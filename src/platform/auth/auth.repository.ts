import { and, count, eq, gt, isNull, lt, lte, or, sql } from 'drizzle-orm'
import type { Executor } from '../../db/client.js'
import { sessions, users } from '../../db/schema/index.js'

export type UserRow = typeof users.$inferSelect

export async function findUserByEmail(db: Executor, email: string): Promise<UserRow | null> {
  // citext: the comparison ignores case.
  const [row] = await db.select().from(users).where(eq(users.email, email))
  return row ?? null
}

export async function findUserById(db: Executor, id: string): Promise<UserRow | null> {
  const [row] = await db.select().from(users).where(eq(users.id, id))
  return row ?? null
}

export async function insertUser(
  db: Executor,
  user: { email: string; name: string; passwordHash: string; language: string },
): Promise<string> {
  const [row] = await db.insert(users).values(user).returning({ id: users.id })
  return row.id
}

/**
 * Counts one failed attempt; at `limit` failures the account locks until `lockUntil` and the count starts again.
 * Attempts while locked are not counted. Returns whether this attempt locked the account.
 */
export async function recordFailedSignIn(
  db: Executor,
  userId: string,
  options: { limit: number; now: Date; lockUntil: Date },
): Promise<{ counted: boolean; locked: boolean }> {
  const reachesLimit = sql`${users.failedSignIns} + 1 >= ${options.limit}`
  const rows = await db
    .update(users)
    .set({
      failedSignIns: sql`case when ${reachesLimit} then 0 else ${users.failedSignIns} + 1 end`,
      lockedUntil: sql`case when ${reachesLimit} then ${options.lockUntil.toISOString()}::timestamptz else ${users.lockedUntil} end`,
    })
    .where(and(eq(users.id, userId), or(isNull(users.lockedUntil), lte(users.lockedUntil, options.now))))
    .returning({ failedSignIns: users.failedSignIns })
  if (rows.length === 0) return { counted: false, locked: false }
  return { counted: true, locked: rows[0].failedSignIns === 0 }
}

/** After a full sign-in or a password reset: the count of failures starts again and any lock ends. */
export async function clearFailedSignIns(db: Executor, userId: string): Promise<void> {
  await db.update(users).set({ failedSignIns: 0, lockedUntil: null }).where(eq(users.id, userId))
}

export async function markSignedIn(db: Executor, userId: string, now: Date): Promise<void> {
  await db.update(users).set({ failedSignIns: 0, lockedUntil: null, lastSignedInAt: now }).where(eq(users.id, userId))
}

export async function updatePasswordHash(db: Executor, userId: string, passwordHash: string): Promise<void> {
  await db.update(users).set({ passwordHash }).where(eq(users.id, userId))
}

/** A new, unconfirmed secret: two-factor is off until a code from it is confirmed. */
export async function storePendingTotpSecret(db: Executor, userId: string, sealedSecret: string): Promise<void> {
  await db
    .update(users)
    .set({ totpSecret: sealedSecret, totpLastStep: null })
    .where(and(eq(users.id, userId), isNull(users.totpEnabledAt)))
}

export async function enableTotp(db: Executor, userId: string, now: Date, timeStep: number): Promise<boolean> {
  const rows = await db
    .update(users)
    .set({ totpEnabledAt: now, totpLastStep: timeStep })
    .where(and(eq(users.id, userId), isNull(users.totpEnabledAt)))
    .returning({ id: users.id })
  return rows.length === 1
}

/** Records the time step of an accepted code; false if it (or a later one) was already used, so a code works once. */
export async function claimTotpStep(db: Executor, userId: string, timeStep: number): Promise<boolean> {
  const rows = await db
    .update(users)
    .set({ totpLastStep: timeStep })
    .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, timeStep))))
    .returning({ id: users.id })
  return rows.length === 1
}

export async function countLiveSessionsOfUser(db: Executor, userId: string, now: Date): Promise<number> {
  const [row] = await db
    .select({ value: count() })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, now), isNull(sessions.revokedAt)))
  return row?.value ?? 0
}

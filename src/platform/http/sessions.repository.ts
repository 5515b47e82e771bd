import { and, eq, lt, ne } from 'drizzle-orm'
import type { Executor } from '../../db/client.js'
import { sessions } from '../../db/schema/index.js'

export async function findSession(db: Executor, sid: string) {
  const [row] = await db.select().from(sessions).where(eq(sessions.sid, sid))
  return row ?? null
}

export async function upsertSession(
  db: Executor,
  row: { sid: string; userId: string | null; data: unknown; expiresAt: Date },
): Promise<void> {
  await db
    .insert(sessions)
    .values(row)
    .onConflictDoUpdate({
      target: sessions.sid,
      set: { userId: row.userId, data: row.data, expiresAt: row.expiresAt },
    })
}

export async function deleteSession(db: Executor, sid: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.sid, sid))
}

/** Signs a user out everywhere (password reset, removal), optionally keeping the current session. */
export async function deleteSessionsOfUser(db: Executor, userId: string, exceptSid?: string): Promise<void> {
  await db
    .delete(sessions)
    .where(exceptSid ? and(eq(sessions.userId, userId), ne(sessions.sid, exceptSid)) : eq(sessions.userId, userId))
}

export async function deleteExpiredSessions(db: Executor, now: Date): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, now))
}

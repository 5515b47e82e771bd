import { and, eq, isNull, lt, ne, sql } from 'drizzle-orm'
import type { Executor } from '../../db/client.js'
import { preparedStatement } from '../../db/prepared.js'
import { parsedJson } from '../../db/rows.js'
import { sessions } from '../../db/schema/index.js'
import { actorRowFrom, actorSelect, type ActorRow } from '../access/actor.repository.js'

/** A live session: not revoked. Expiry is checked by the caller against its own clock. */
export async function findSession(db: Executor, sid: string) {
  const [row] = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.sid, sid), isNull(sessions.revokedAt)))
  return row ?? null
}

/** Planned once per connection: planning it cost five times running it. */
const sessionWithActor = preparedStatement<Record<string, unknown>>(
  'session_with_actor',
  sql`select s.data as "sessionData", s.expires_at as "sessionExpiresAt", s.user_id as "sessionUserId", a.*
      from sessions s left join lateral (${actorSelect(sql`u.id = s.user_id`)}) a on true
      where s.sid = ${sql.placeholder('sid')} and s.revoked_at is null`,
)

/**
 * A live session with its user as an actor row (null when the session has no user yet, or the user is gone), in
 * one round trip: every signed-in request needs both.
 */
export async function findSessionWithActor(db: Executor, sid: string): Promise<{ data: unknown; expiresAt: Date; userId: string | null; actor: ActorRow | null } | null> {
  const [row] = await sessionWithActor(db, { sid })
  if (!row) return null
  return {
    data: parsedJson(row.sessionData),
    expiresAt: new Date(row.sessionExpiresAt as string | Date),
    userId: (row.sessionUserId as string | null) ?? null,
    actor: row.id ? actorRowFrom(row) : null,
  }
}

/** Saves a session unless it has been revoked meanwhile. */
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
      setWhere: isNull(sessions.revokedAt),
    })
}

export async function extendSession(db: Executor, sid: string, expiresAt: Date): Promise<void> {
  await db
    .update(sessions)
    .set({ expiresAt })
    .where(and(eq(sessions.sid, sid), isNull(sessions.revokedAt)))
}

/** Ends one session (sign out). */
export async function revokeSession(db: Executor, sid: string, now: Date = new Date()): Promise<void> {
  await db.update(sessions).set({ revokedAt: now, data: sql`'{}'::jsonb` }).where(eq(sessions.sid, sid))
}

/** Signs a user out everywhere (password reset, removal), optionally keeping the current session. */
export async function revokeSessionsOfUser(db: Executor, userId: string, exceptSid?: string): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: new Date(), data: sql`'{}'::jsonb` })
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        exceptSid ? ne(sessions.sid, exceptSid) : undefined,
      ),
    )
}

export async function deleteExpiredSessions(db: Executor, now: Date): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, now))
}

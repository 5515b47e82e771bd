import type { SessionStore } from '@fastify/session'
import type { Session } from 'fastify'
import type { Database } from '../../db/client.js'
import type { ActorRow } from '../access/actor.repository.js'
import { extendSession, findSessionWithActor, revokeSession, upsertSession } from './sessions.repository.js'

/** Minutes without a request after which a session ends. */
export const idleTimeoutMinutes = 30
const idleTimeoutMs = idleTimeoutMinutes * 60_000
/** Activity extends a session at most this often, so reading a page costs no write. */
const extendEveryMs = 60_000

declare module 'fastify' {
  interface Session {
    /** Set once the user has passed every factor they need. */
    userId?: string
    /** Set after the password when a second factor is still to come. */
    pendingUserId?: string
    context?: { networkId: string; organisationId: string | null }
    flash?: string
  }
}

export interface DatabaseSessionStore extends SessionStore {
  /**
   * The user's actor row read with this session moments ago by this request's `get`, once; undefined when there is
   * none for that user (then the caller reads it itself).
   */
  takeActor(sid: string, userId: string): ActorRow | undefined
}

/**
 * Hands the actor row read with a session (one query for both) from the store's `get` to the request's actor
 * hook: @fastify/session gives the store no request, so the row waits here by session id for a few seconds at most.
 * Two requests of one session at once may each take the other's row: the same user's, equally fresh.
 */
function actorsReadWithSessions() {
  const waiting = new Map<string, { userId: string; row: ActorRow; at: number }>()
  const freshForMs = 5_000
  const most = 10_000
  return {
    keep(sid: string, userId: string, row: ActorRow): void {
      // Rows of requests that never reached the hook (aborted, refused earlier) must not pile up.
      if (waiting.size >= most) waiting.clear()
      waiting.set(sid, { userId, row, at: Date.now() })
    },
    take(sid: string, userId: string): ActorRow | undefined {
      const entry = waiting.get(sid)
      waiting.delete(sid)
      return entry && entry.userId === userId && Date.now() - entry.at < freshForMs ? entry.row : undefined
    },
  }
}

/**
 * Keeps sessions in the database so they survive restarts and can be revoked. The idle timeout lives here,
 * not in the cookie: each request that finds the session more than a minute old pushes its expiry on.
 */
export function databaseSessionStore(db: Database, now: () => Date = () => new Date()): DatabaseSessionStore {
  const readActors = actorsReadWithSessions()
  return {
    set(sid, session, callback) {
      const data = JSON.parse(JSON.stringify(session)) as Record<string, unknown>
      upsertSession(db, {
        sid,
        userId: session.userId ?? session.pendingUserId ?? null,
        data,
        expiresAt: new Date(now().getTime() + idleTimeoutMs),
      }).then(() => callback(), callback)
    },
    get(sid, callback) {
      const at = now().getTime()
      findSessionWithActor(db, sid)
        .then(async (row) => {
          if (!row || row.expiresAt.getTime() < at) return null
          if (row.expiresAt.getTime() - at < idleTimeoutMs - extendEveryMs) {
            await extendSession(db, sid, new Date(at + idleTimeoutMs))
          }
          // Only for a signed-in session: one waiting for its second factor has no actor yet.
          const userId = (row.data as Session).userId
          if (userId && row.actor?.id === userId) readActors.keep(sid, userId, row.actor)
          return row.data as Session
        })
        .then((session) => callback(null, session), callback)
    },
    takeActor: (sid, userId) => readActors.take(sid, userId),
    destroy(sid, callback) {
      revokeSession(db, sid).then(() => callback(), callback)
    },
  }
}

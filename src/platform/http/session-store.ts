import type { SessionStore } from '@fastify/session'
import type { Session } from 'fastify'
import type { Database } from '../../db/client.js'
import { extendSession, findSession, revokeSession, upsertSession } from './sessions.repository.js'

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

/**
 * Keeps sessions in the database so they survive restarts and can be revoked. The idle timeout lives here,
 * not in the cookie: each request that finds the session more than a minute old pushes its expiry on.
 */
export function databaseSessionStore(db: Database, now: () => Date = () => new Date()): SessionStore {
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
      findSession(db, sid)
        .then(async (row) => {
          if (!row || row.expiresAt.getTime() < at) return null
          if (row.expiresAt.getTime() - at < idleTimeoutMs - extendEveryMs) {
            await extendSession(db, sid, new Date(at + idleTimeoutMs))
          }
          return row.data as Session
        })
        .then((session) => callback(null, session), callback)
    },
    destroy(sid, callback) {
      revokeSession(db, sid).then(() => callback(), callback)
    },
  }
}

import type { SessionStore } from '@fastify/session'
import type { Session } from 'fastify'
import type { Database } from '../../db/client.js'
import { findSession, revokeSession, upsertSession } from './sessions.repository.js'

/** Minutes without a request after which a session ends. */
export const idleTimeoutMinutes = 30

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

/** Keeps sessions in the database so they survive restarts and can be revoked. */
export function databaseSessionStore(db: Database): SessionStore {
  return {
    set(sid, session, callback) {
      const data = JSON.parse(JSON.stringify(session)) as Record<string, unknown>
      upsertSession(db, {
        sid,
        userId: session.userId ?? session.pendingUserId ?? null,
        data,
        expiresAt: new Date(Date.now() + idleTimeoutMinutes * 60_000),
      }).then(() => callback(), callback)
    },
    get(sid, callback) {
      findSession(db, sid).then((row) => {
        if (!row || row.expiresAt.getTime() < Date.now()) return callback(null, null)
        callback(null, row.data as Session)
      }, callback)
    },
    destroy(sid, callback) {
      revokeSession(db, sid).then(() => callback(), callback)
    },
  }
}

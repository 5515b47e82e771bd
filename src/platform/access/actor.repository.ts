import { sql, type SQL } from 'drizzle-orm'
import type { Executor } from '../../db/client.js'
import { parsedJson, rowsOf } from '../../db/rows.js'
import type { NetworkNation } from './actor.js'

export interface ActorRow {
  id: string
  name: string
  email: string
  totpEnabledAt: Date | null
  memberships: {
    id: string
    role: 'referrer' | 'receiver' | 'organisation_admin'
    organisationId: string
    organisationName: string
    /** One of the network's front-door organisations. */
    organisationFrontDoor: boolean
    networkId: string
    networkName: string
    networkSlug: string
    networkNation: NetworkNation
  }[]
  networkRoles: { role: 'coordinator' | 'analyst'; networkId: string; networkName: string; networkSlug: string; networkNation: NetworkNation }[]
}

/**
 * The user with their memberships and network roles as one row: it is read on every signed-in request (with the
 * session, see sessions.repository.ts), and three round trips were a good part of a page's time. Memberships by
 * network then organisation name, roles by network name. `which` picks the user (users are `u`).
 */
export function actorSelect(which: SQL): SQL {
  return sql`
    select u.id, u.name, u.email, u.totp_enabled_at as "totpEnabledAt",
      coalesce((
        select json_agg(json_build_object('id', m.id, 'role', m.role, 'organisationId', o.id, 'organisationName', o.name,
            'organisationFrontDoor', o.front_door, 'networkId', n.id, 'networkName', n.name, 'networkSlug', n.slug, 'networkNation', n.nation) order by n.name, o.name)
        from memberships m join organisations o on o.id = m.organisation_id join networks n on n.id = m.network_id
        where m.user_id = u.id), '[]') as memberships,
      coalesce((
        select json_agg(json_build_object('role', r.role, 'networkId', n.id, 'networkName', n.name, 'networkSlug', n.slug, 'networkNation', n.nation) order by n.name)
        from network_roles r join networks n on n.id = r.network_id
        where r.user_id = u.id), '[]') as "networkRoles"
    from users u where ${which}`
}

export async function findActor(db: Executor, userId: string): Promise<ActorRow | null> {
  const [row] = await rowsOf<Record<string, unknown>>(db, actorSelect(sql`u.id = ${userId}`))
  return row ? actorRowFrom(row) : null
}

/** The typed row from the columns actorSelect gives (JSON arrives parsed or as text, depending on the driver). */
export function actorRowFrom(row: Record<string, unknown>): ActorRow {
  const totp = row.totpEnabledAt
  return {
    id: row.id as string,
    name: row.name as string,
    email: row.email as string,
    totpEnabledAt: totp === null || totp === undefined ? null : new Date(totp as string | Date),
    memberships: parsedJson(row.memberships),
    networkRoles: parsedJson(row.networkRoles),
  }
}

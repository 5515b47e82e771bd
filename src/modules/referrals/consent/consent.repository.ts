import { and, asc, desc, eq, getTableColumns, inArray, isNull, sql, type SQL } from 'drizzle-orm'
import type { Executor, Transaction } from '../../../db/client.js'
import { preparedQuery, runValue } from '../../../db/prepared.js'
import { parsedJson, rowFromJson, rowsOf } from '../../../db/rows.js'
import { consentOrganisations, consents, memberships, organisations, referrals, users } from '../../../db/schema/index.js'

export type ConsentRow = typeof consents.$inferSelect & { organisationIds: string[] }

// The newest recorded decides: a renewal entered after a withdrawal wins whatever date the client gave it.
const newestFirst = sql.raw('created_at desc, given_at desc')

/** The organisations a 'named' consent covers, as a json array; `consentId` is a column of the outer query. */
const organisationIdsOf = (consentId: SQL): SQL<string[]> =>
  sql<string[]>`coalesce((select json_agg(co.organisation_id order by co.organisation_id) from ${consentOrganisations} co where co.consent_id = ${consentId}), '[]'::json)`

/**
 * Every consent recorded for a client, newest first, each with the organisations a 'named' consent covers, as one
 * json value: a subquery, so client access reads the client, their consents and who holds referrals in one statement.
 * `clientId` is a column of the outer query, qualified with its table.
 */
export function consentsOfClientJson(networkId: string, clientId: SQL): SQL<unknown> {
  return sql`coalesce((
    select json_agg(json_build_object('row', c, 'organisationIds', ${organisationIdsOf(sql.raw('c.id'))}) order by ${newestFirst})
    from ${consents} c where c.network_id = ${networkId} and c.client_id = ${clientId}), '[]'::json)`
}

export function consentsFromJson(value: unknown): ConsentRow[] {
  return parsedJson<{ row: Record<string, unknown>; organisationIds: string[] }[]>(value).map((item) => ({
    ...rowFromJson(consents, item.row),
    organisationIds: item.organisationIds,
  }))
}

export async function listConsentsOfClient(db: Executor, networkId: string, clientId: string): Promise<ConsentRow[]> {
  const [row] = await rowsOf<{ consents: unknown }>(db, sql`select ${consentsOfClientJson(networkId, sql`${clientId}::uuid`)} as consents`)
  return consentsFromJson(row.consents)
}

/**
 * The same, inside a transaction that shares on their strength, with the client's consents locked (FOR SHARE) until
 * it ends: a withdrawal waits for a send in progress, then tells the organisation it reached; a send that waited
 * on a withdrawal reads the consent withdrawn (decision 0020).
 */
const consentsLocked = preparedQuery('consents_of_client_locked', (db) =>
  db
    .select({
      ...getTableColumns(consents),
      // Qualified by hand: in a one-table select drizzle writes its columns unqualified, which the subquery would misread.
      organisationIds: organisationIdsOf(sql.raw('"consents"."id"')),
    })
    .from(consents)
    .where(and(eq(consents.networkId, runValue('networkId')), eq(consents.clientId, runValue('clientId'))))
    .orderBy(newestFirst)
    .for('share'),
)

export async function lockConsentsOfClient(tx: Transaction, networkId: string, clientId: string): Promise<ConsentRow[]> {
  return consentsLocked(tx, { networkId, clientId })
}

export async function insertConsent(
  db: Executor,
  consent: Omit<typeof consents.$inferInsert, 'id' | 'createdAt'>,
  organisationIds: string[],
): Promise<string> {
  const [row] = await db.insert(consents).values(consent).returning({ id: consents.id })
  if (organisationIds.length > 0) {
    await db.insert(consentOrganisations).values(organisationIds.map((organisationId) => ({ consentId: row.id, organisationId })))
  }
  return row.id
}

/** Marks a consent withdrawn, once: false if it was already withdrawn (a second click changes nothing). */
export async function markConsentWithdrawn(
  db: Executor,
  networkId: string,
  consentId: string,
  withdrawal: { at: Date; by: string; note: string },
): Promise<boolean> {
  const rows = await db
    .update(consents)
    .set({ withdrawnAt: withdrawal.at, withdrawnBy: withdrawal.by, withdrawalNote: withdrawal.note })
    .where(and(eq(consents.networkId, networkId), eq(consents.id, consentId), isNull(consents.withdrawnAt)))
    .returning({ id: consents.id })
  return rows.length > 0
}

/** Names for the consent history: who recorded and withdrew each consent, and the organisations named. */
export async function namesForConsents(
  db: Executor,
  networkId: string,
  consentRows: ConsentRow[],
): Promise<{ users: Map<string, string>; organisations: Map<string, string> }> {
  const userIds = [...new Set(consentRows.flatMap((row) => [row.recordedBy, row.withdrawnBy]).filter((id): id is string => !!id))]
  const organisationIds = [...new Set(consentRows.flatMap((row) => row.organisationIds))]
  const [userRows, organisationRows] = await Promise.all([
    userIds.length ? db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, userIds)) : [],
    organisationIds.length
      ? db
          .select({ id: organisations.id, name: organisations.name })
          .from(organisations)
          .where(and(eq(organisations.networkId, networkId), inArray(organisations.id, organisationIds)))
      : [],
  ])
  return {
    users: new Map(userRows.map((row) => [row.id, row.name])),
    organisations: new Map(organisationRows.map((row) => [row.id, row.name])),
  }
}

/** The organisations a consent may name: every organisation of the network. */
export async function listNetworkOrganisations(db: Executor, networkId: string): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(eq(organisations.networkId, networkId))
    .orderBy(asc(organisations.name))
}

/** Other organisations' referrals for this client: who must hear that consent was withdrawn. */
export async function listReferralsHeldElsewhere(
  db: Executor,
  networkId: string,
  clientId: string,
  holderOrganisationId: string,
): Promise<{ id: string; reference: string; organisationId: string }[]> {
  const rows = await db
    .select({ id: referrals.id, reference: referrals.reference, from: referrals.fromOrganisationId, to: referrals.toOrganisationId })
    .from(referrals)
    .where(and(eq(referrals.networkId, networkId), eq(referrals.clientId, clientId)))
    .orderBy(asc(referrals.sentAt))
  return rows.flatMap((row) =>
    [...new Set([row.from, row.to])]
      .filter((organisationId) => organisationId !== holderOrganisationId)
      .map((organisationId) => ({ id: row.id, reference: row.reference, organisationId })),
  )
}

/** The people at an organisation who act on referrals: its receivers and admins. */
export async function listReceiversAndAdmins(
  db: Executor,
  networkId: string,
  organisationId: string,
): Promise<{ email: string; language: string }[]> {
  return db
    .select({ email: users.email, language: users.language })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.networkId, networkId),
        eq(memberships.organisationId, organisationId),
        inArray(memberships.role, ['receiver', 'organisation_admin']),
      ),
    )
    .orderBy(asc(users.email))
}

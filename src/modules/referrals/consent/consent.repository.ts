import { and, desc, eq } from 'drizzle-orm'
import type { Executor } from '../../../db/client.js'
import { consentOrganisations, consents } from '../../../db/schema/index.js'

export type ConsentRow = typeof consents.$inferSelect & { organisationIds: string[] }

/** Every consent recorded for a client, newest first, with the organisations a 'named' consent covers. */
export async function listConsentsOfClient(db: Executor, networkId: string, clientId: string): Promise<ConsentRow[]> {
  const rows = await db
    .select()
    .from(consents)
    .where(and(eq(consents.networkId, networkId), eq(consents.clientId, clientId)))
    .orderBy(desc(consents.givenAt), desc(consents.createdAt))
  if (rows.length === 0) return []
  const covered = await db
    .select({ consentId: consentOrganisations.consentId, organisationId: consentOrganisations.organisationId })
    .from(consentOrganisations)
    .innerJoin(consents, eq(consents.id, consentOrganisations.consentId))
    .where(and(eq(consents.networkId, networkId), eq(consents.clientId, clientId)))
  return rows.map((row) => ({
    ...row,
    organisationIds: covered.filter((entry) => entry.consentId === row.id).map((entry) => entry.organisationId),
  }))
}

import { and, eq, inArray } from 'drizzle-orm'
import type { Executor } from '../../../db/client.js'
import { clients, intakeIssues, intakes, networks, referralEvents, referrals, services } from '../../../db/schema/index.js'

/** The SQL of sending: the intake to send, the chosen services, and the referrals an idempotency key made. */

export type { IntakeForSending } from '../clients/clients.service.js'

export interface NetworkSla {
  nation: 'england' | 'wales' | 'scotland' | 'northern_ireland'
  contactSlaDays: number
  urgentContactSlaDays: number
}

export async function findNetworkSla(db: Executor, networkId: string): Promise<NetworkSla | null> {
  const [row] = await db
    .select({ nation: networks.nation, contactSlaDays: networks.contactSlaDays, urgentContactSlaDays: networks.urgentContactSlaDays })
    .from(networks)
    .where(eq(networks.id, networkId))
  return row ?? null
}

/** What sending needs to know about each chosen service: who runs it and its own contact time. */
export async function listServicesToSend(db: Executor, networkId: string, serviceIds: string[]) {
  if (serviceIds.length === 0) return []
  return db
    .select({ id: services.id, name: services.name, organisationId: services.organisationId, contactSlaDays: services.contactSlaDays })
    .from(services)
    .where(and(eq(services.networkId, networkId), inArray(services.id, serviceIds)))
}

export type NewReferral = typeof referrals.$inferInsert

/**
 * Inserts unless the idempotency key already made a referral to this service or the reference is taken: null then,
 * and the caller reads back by key to tell the two apart.
 */
export async function insertReferralOnce(tx: Executor, values: NewReferral): Promise<string | null> {
  const [row] = await tx.insert(referrals).values(values).onConflictDoNothing().returning({ id: referrals.id })
  return row?.id ?? null
}

export async function listReferralsByKey(db: Executor, networkId: string, idempotencyKey: string) {
  return db
    .select({
      id: referrals.id,
      reference: referrals.reference,
      intakeId: referrals.intakeId,
      serviceId: referrals.serviceId,
      serviceName: services.name,
      contactDueOn: referrals.contactDueOn,
      previousReferralId: referrals.previousReferralId,
    })
    .from(referrals)
    .innerJoin(services, eq(services.id, referrals.serviceId))
    .where(and(eq(referrals.networkId, networkId), eq(referrals.idempotencyKey, idempotencyKey)))
    .orderBy(referrals.sentAt, services.name)
}

export type NewReferralEvent = typeof referralEvents.$inferInsert

export async function insertReferralEvent(tx: Executor, event: NewReferralEvent): Promise<void> {
  await tx.insert(referralEvents).values(event)
}

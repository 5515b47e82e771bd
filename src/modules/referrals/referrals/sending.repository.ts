import { and, eq, sql } from 'drizzle-orm'
import type { Executor } from '../../../db/client.js'
import { anyOf, listValue, preparedQuery, runValue } from '../../../db/prepared.js'
import { clients, intakeIssues, intakes, networks, referralEvents, referrals, services } from '../../../db/schema/index.js'

/** The SQL of sending: the intake to send, the chosen services, and the referrals an idempotency key made. */

export type { IntakeForSending } from '../clients/clients.service.js'

/**
 * What sending needs to know about each chosen service of the network, in one read: who runs it, its own contact
 * time, the network's contact times and nation, and the referral this form (its idempotency key) already made to it
 * from this intake, if any.
 */
const servicesToSend = preparedQuery('services_to_send', (db) => {
  const networkId = runValue<string>('networkId')
  return db
    .select({
      id: services.id,
      name: services.name,
      organisationId: services.organisationId,
      contactSlaDays: services.contactSlaDays,
      sentAs: referrals.id,
      network: { nation: networks.nation, contactSlaDays: networks.contactSlaDays, urgentContactSlaDays: networks.urgentContactSlaDays },
    })
    .from(services)
    .innerJoin(networks, eq(networks.id, services.networkId))
    .leftJoin(
      referrals,
      and(eq(referrals.networkId, networkId), eq(referrals.idempotencyKey, runValue('idempotencyKey')), eq(referrals.serviceId, services.id), eq(referrals.intakeId, runValue('intakeId'))),
    )
    .where(and(eq(services.networkId, networkId), sql`${services.id} = ${anyOf('serviceIds')}`))
})

export async function listServicesToSend(db: Executor, order: { networkId: string; intakeId: string; idempotencyKey: string; serviceIds: string[] }) {
  if (order.serviceIds.length === 0) return []
  return servicesToSend(db, { ...order, serviceIds: listValue(order.serviceIds) })
}

export type NewReferral = typeof referrals.$inferInsert

/**
 * Inserts the referrals in one statement, each unless the idempotency key already made one to its service or its
 * reference is taken: those are missing from the answer, and the caller reads back by key to tell the two apart.
 */
export async function insertReferralsOnce(tx: Executor, rows: NewReferral[]): Promise<{ id: string; serviceId: string; reference: string }[]> {
  if (rows.length === 0) return []
  return tx.insert(referrals).values(rows).onConflictDoNothing().returning({ id: referrals.id, serviceId: referrals.serviceId, reference: referrals.reference })
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

/** Several events in one statement (one per referral a send made). */
export async function insertReferralEvents(tx: Executor, events: NewReferralEvent[]): Promise<void> {
  if (events.length > 0) await tx.insert(referralEvents).values(events)
}

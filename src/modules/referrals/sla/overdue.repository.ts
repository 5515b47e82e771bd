import { and, asc, eq, inArray, lt } from 'drizzle-orm'
import type { Executor } from '../../../db/client.js'
import { networks, organisations, referrals, services } from '../../../db/schema/index.js'
import { awaitingContactStatuses } from './contact-due.js'

/** Referrals past their contact due date with no contact recorded: ids, references, services and dates only. */
export async function listOverdueReferrals(db: Executor, today: string, networkId?: string) {
  return db
    .select({
      networkId: referrals.networkId,
      nation: networks.nation,
      referralId: referrals.id,
      reference: referrals.reference,
      serviceName: services.name,
      organisationId: referrals.toOrganisationId,
      organisationName: organisations.name,
      contactDueOn: referrals.contactDueOn,
    })
    .from(referrals)
    .innerJoin(networks, eq(networks.id, referrals.networkId))
    .innerJoin(services, eq(services.id, referrals.serviceId))
    .innerJoin(organisations, eq(organisations.id, referrals.toOrganisationId))
    .where(
      and(
        inArray(referrals.status, [...awaitingContactStatuses]),
        lt(referrals.contactDueOn, today),
        networkId ? eq(referrals.networkId, networkId) : undefined,
      ),
    )
    .orderBy(asc(referrals.networkId), asc(referrals.toOrganisationId), asc(referrals.contactDueOn), asc(referrals.reference))
}

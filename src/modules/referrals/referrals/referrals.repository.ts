import { aliasedTable, and, asc, eq, sql } from 'drizzle-orm'
import type { Executor } from '../../../db/client.js'
import { clients, intakeIssues, intakes, organisations, referralEvents, referralMessages, referrals, services, taxonomyTerms, users } from '../../../db/schema/index.js'
import type { ReferralStatus } from './referral-states.js'

/** The SQL of one referral's page: the referral, its chain, events, messages and the client it is about. */

const fromOrganisations = aliasedTable(organisations, 'from_organisations')
const toOrganisations = aliasedTable(organisations, 'to_organisations')

export async function findReferral(db: Executor, networkId: string, referralId: string) {
  const [row] = await db
    .select({
      id: referrals.id,
      networkId: referrals.networkId,
      reference: referrals.reference,
      intakeId: referrals.intakeId,
      clientId: referrals.clientId,
      serviceId: referrals.serviceId,
      serviceName: services.name,
      fromOrganisationId: referrals.fromOrganisationId,
      fromOrganisationName: fromOrganisations.name,
      fromUserId: referrals.fromUserId,
      toOrganisationId: referrals.toOrganisationId,
      toOrganisationName: toOrganisations.name,
      status: referrals.status,
      urgency: referrals.urgency,
      contactSlaDays: referrals.contactSlaDays,
      contactDueOn: referrals.contactDueOn,
      justification: referrals.justification,
      eligibility: referrals.eligibility,
      previousReferralId: referrals.previousReferralId,
      sentAt: referrals.sentAt,
      receivedAt: referrals.receivedAt,
      acceptedAt: referrals.acceptedAt,
      contactedAt: referrals.contactedAt,
      closedAt: referrals.closedAt,
      outcome: referrals.outcome,
      declineReason: referrals.declineReason,
      closingNote: referrals.closingNote,
    })
    .from(referrals)
    .innerJoin(services, eq(services.id, referrals.serviceId))
    .innerJoin(fromOrganisations, eq(fromOrganisations.id, referrals.fromOrganisationId))
    .innerJoin(toOrganisations, eq(toOrganisations.id, referrals.toOrganisationId))
    .where(and(eq(referrals.networkId, networkId), eq(referrals.id, referralId)))
  return row ?? null
}

export type ReferralRow = NonNullable<Awaited<ReturnType<typeof findReferral>>>

export type ReferralChanges = Partial<Pick<typeof referrals.$inferInsert, 'receivedAt' | 'acceptedAt' | 'contactedAt' | 'closedAt' | 'outcome' | 'declineReason' | 'closingNote'>>

/** Moves a referral on only if it is still in the state the rule was checked against; false when it was not. */
export async function moveReferral(tx: Executor, networkId: string, referralId: string, from: ReferralStatus, to: ReferralStatus, changes: ReferralChanges, now: Date): Promise<boolean> {
  const rows = await tx
    .update(referrals)
    .set({ ...changes, status: to, updatedAt: now })
    .where(and(eq(referrals.networkId, networkId), eq(referrals.id, referralId), eq(referrals.status, from)))
    .returning({ id: referrals.id })
  return rows.length === 1
}

/** The referral before (re-routed from) and the one after (re-routed to), as links in the chain. */
/** Every service one intake has been sent to, whatever became of it (a re-routed chain carries the same intake). */
export async function listServicesSentIntake(db: Executor, networkId: string, intakeId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ serviceId: referrals.serviceId })
    .from(referrals)
    .where(and(eq(referrals.networkId, networkId), eq(referrals.intakeId, intakeId)))
  return rows.map((row) => row.serviceId)
}

export async function findChainLink(db: Executor, networkId: string, where: { id: string } | { previousReferralId: string }) {
  const [row] = await db
    .select({
      id: referrals.id,
      reference: referrals.reference,
      previousReferralId: referrals.previousReferralId,
      serviceId: referrals.serviceId,
      serviceName: services.name,
      fromOrganisationId: referrals.fromOrganisationId,
      toOrganisationId: referrals.toOrganisationId,
      organisationName: organisations.name,
      status: referrals.status,
      sentAt: referrals.sentAt,
    })
    .from(referrals)
    .innerJoin(services, eq(services.id, referrals.serviceId))
    .innerJoin(organisations, eq(organisations.id, referrals.toOrganisationId))
    .where(
      and(
        eq(referrals.networkId, networkId),
        'id' in where ? eq(referrals.id, where.id) : eq(referrals.previousReferralId, where.previousReferralId),
      ),
    )
    .orderBy(asc(referrals.sentAt))
    .limit(1)
  return row ?? null
}

export type ChainLink = NonNullable<Awaited<ReturnType<typeof findChainLink>>>

export async function listReferralEvents(db: Executor, networkId: string, referralId: string) {
  return db
    .select({
      id: referralEvents.id,
      type: referralEvents.type,
      fromStatus: referralEvents.fromStatus,
      toStatus: referralEvents.toStatus,
      note: referralEvents.note,
      data: referralEvents.data,
      createdAt: referralEvents.createdAt,
      actorName: users.name,
      organisationName: organisations.name,
    })
    .from(referralEvents)
    .leftJoin(users, eq(users.id, referralEvents.actorUserId))
    .leftJoin(organisations, eq(organisations.id, referralEvents.actorOrganisationId))
    .where(and(eq(referralEvents.networkId, networkId), eq(referralEvents.referralId, referralId)))
    .orderBy(asc(referralEvents.createdAt), asc(referralEvents.id))
}

export async function insertReferralMessage(tx: Executor, message: typeof referralMessages.$inferInsert): Promise<string> {
  const [row] = await tx.insert(referralMessages).values(message).returning({ id: referralMessages.id })
  return row.id
}

export async function listReferralMessages(db: Executor, networkId: string, referralId: string) {
  return db
    .select({ id: referralMessages.id, body: referralMessages.body, createdAt: referralMessages.createdAt, authorName: users.name, organisationName: organisations.name })
    .from(referralMessages)
    .leftJoin(users, eq(users.id, referralMessages.authorUserId))
    .innerJoin(organisations, eq(organisations.id, referralMessages.authorOrganisationId))
    .where(and(eq(referralMessages.networkId, networkId), eq(referralMessages.referralId, referralId)))
    .orderBy(asc(referralMessages.createdAt))
}

/**
 * What travels with a referral so nobody asks the client again: both ends see it on the referral page
 * (the service checks access and audits the view).
 */
export async function findIntakeAndClient(db: Executor, networkId: string, intakeId: string) {
  const [row] = await db
    .select({
      need: intakes.need,
      urgency: intakes.urgency,
      client: {
        id: clients.id,
        name: clients.name,
        dateOfBirth: clients.dateOfBirth,
        statedAge: clients.statedAge,
        statedAgeOn: clients.statedAgeOn,
        phone: clients.phone,
        email: clients.email,
        address: clients.address,
        postcode: clients.postcode,
        preferredContactMethod: clients.preferredContactMethod,
        contactTimes: clients.contactTimes,
        safeToLeaveMessage: clients.safeToLeaveMessage,
        language: clients.language,
        interpreterNeeded: clients.interpreterNeeded,
        accessibilityNeeds: clients.accessibilityNeeds,
        nrpf: clients.nrpf,
        household: clients.household,
        dietaryCulturalNeeds: clients.dietaryCulturalNeeds,
      },
    })
    .from(intakes)
    .innerJoin(clients, eq(clients.id, intakes.clientId))
    .where(and(eq(intakes.networkId, networkId), eq(intakes.id, intakeId)))
  if (!row) return null
  const issues = await db
    .select({ id: taxonomyTerms.id, name: taxonomyTerms.name, nameCy: taxonomyTerms.nameCy })
    .from(intakeIssues)
    .innerJoin(taxonomyTerms, and(eq(taxonomyTerms.id, intakeIssues.termId), eq(taxonomyTerms.networkId, networkId)))
    .where(eq(intakeIssues.intakeId, intakeId))
    .orderBy(sql`lower(${taxonomyTerms.name})`)
  return { ...row, issues }
}

export type IntakeAndClient = NonNullable<Awaited<ReturnType<typeof findIntakeAndClient>>>

/** Holds the referral until the transaction ends, so two people re-routing at once make one next referral. */
export async function lockReferral(tx: Executor, networkId: string, referralId: string): Promise<{ status: ReferralStatus } | null> {
  const [row] = await tx
    .select({ status: referrals.status })
    .from(referrals)
    .where(and(eq(referrals.networkId, networkId), eq(referrals.id, referralId)))
    .for('update')
  return row ?? null
}
